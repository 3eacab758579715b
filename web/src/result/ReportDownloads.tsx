import { useEffect, useState } from "react";
import { request } from "../api/graphql";
import type { ValuationReportsQuery } from "../gql/graphql";
import { ReportsDocument } from "./queries";

type Reports = NonNullable<NonNullable<ValuationReportsQuery["valuation"]>["reports"]>;
const POLL_MS = 1000;
const POLL_LIMIT = 120;

/** The PDF report and the XLSX model. Asking for them starts their rendering; the links appear
 * once each is ready (a signed link, valid for a while: it is asked for again on each visit). */
export function ReportDownloads({ id }: { id: string }) {
  const [reports, setReports] = useState<Reports | null>(null);
  const [refused, setRefused] = useState<Record<string, string>>({});
  useEffect(() => {
    let polls = 0;
    let timer = 0;
    let live = true;
    const poll = async () => {
      const result = await request(ReportsDocument, { id }).catch(() => null);
      if (!live || !result) return;
      const found = result.data?.valuation?.reports ?? null;
      setReports(found);
      const notes: Record<string, string> = {};
      for (const error of result.errors) {
        const key = String(error.path?.[error.path.length - 1] ?? "");
        notes[key] = error.extensions?.code === "FEATURE_NOT_IN_TIER" ? "Not in your plan." : error.message;
      }
      setRefused(notes);
      const pending = [found?.pdf, found?.xlsx].some((r) => r && (r.status === "QUEUED" || r.status === "RUNNING"));
      if (pending && ++polls < POLL_LIMIT) timer = window.setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [id]);
  const item = (key: "pdf" | "xlsx", text: string) => {
    const report = reports?.[key];
    if (refused[key]) return <li key={key}>{text}: {refused[key]}</li>;
    if (!report) return <li key={key}>{text}: preparing…</li>;
    if (report.status === "COMPLETED" && report.url)
      return (
        <li key={key}>
          <a className="button" href={report.url} download>
            Download {text}
          </a>{" "}
          <span className="muted small">{report.sizeBytes ? `${Math.round(report.sizeBytes / 1024)} KiB` : ""}</span>
        </li>
      );
    if (report.status === "FAILED") return <li key={key}>{text}: failed ({report.error?.message})</li>;
    return (
      <li key={key} aria-live="polite">
        {text}: rendering, {report.progress} %
      </li>
    );
  };
  return (
    <ul className="downloads" aria-label="Reports">
      {item("pdf", "PDF report")}
      {item("xlsx", "XLSX model")}
    </ul>
  );
}
