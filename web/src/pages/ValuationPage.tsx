import { useEffect, useState } from "react";
import { request } from "../api/graphql";
import { isTerminal, useValuationProgress } from "../api/progress";
import { date, label } from "../format";
import { href } from "../router";
import { type Job, ValuationPageDocument } from "../result/queries";
import { ResultView } from "../result/ResultView";
import { ErrorNotice, Loading } from "../ui/Status";

export function ValuationPage({ id }: { id: string }) {
  const [job, setJob] = useState<Job | null | undefined>(undefined);
  const [failed, setFailed] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  // Followed live from the start: the progress stays on screen at 100 % once the job ends.
  const [followed, setFollowed] = useState(false);
  const following = job !== undefined && job !== null && !isTerminal(job.status);
  useEffect(() => {
    if (following) setFollowed(true);
  }, [following]);
  const progress = useValuationProgress(id, following);

  useEffect(() => {
    request(ValuationPageDocument, { id })
      .then((result) => {
        setJob(result.data?.valuation ?? null);
        if (!result.data) setFailed(result.errors[0]?.message ?? "No answer.");
      })
      .catch((error: Error) => setFailed(error.message));
  }, [id, reload]);

  // The job ended while we watched: read its result.
  const ended = progress.event && isTerminal(progress.event.status);
  useEffect(() => {
    if (ended) setReload((n) => n + 1);
  }, [ended]);

  if (failed) return <ErrorNotice>{failed}</ErrorNotice>;
  if (job === undefined) return <Loading what="the valuation" />;
  if (job === null)
    return (
      <div className="page">
        <h1>Valuation not found</h1>
        <p>
          It is not one of your organisation's. <a href={href({ page: "valuations" })}>Your valuations</a>.
        </p>
      </div>
    );
  const percent = progress.event?.percent ?? job.progress;
  const status = progress.event?.status ?? job.status;
  const stage = progress.event?.stage ?? job.stage;
  return (
    <div className="page">
      <header className="page-header">
        <h1>{job.companyName}</h1>
        <p className="muted">
          Valuation asked for on {date(job.createdAt)} · <span className={`status status-${status.toLowerCase()}`}>{label(status)}</span>
        </p>
      </header>
      {(followed || !isTerminal(job.status)) && (
        <section className="card" aria-labelledby="progress-heading">
          <h2 id="progress-heading">Progress</h2>
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-label="Valuation progress"
          >
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <p aria-live="polite" className="progress-text">
            <strong>{percent} %</strong> · {label(stage)}
            {progress.event?.message ? ` · ${progress.event.message}` : ""}
          </p>
          {progress.socket === "reconnecting" && (
            <p className="notice notice-warn" role="status">
              Connection lost; reconnecting. Progress catches up when it is back.
            </p>
          )}
          {progress.error && <ErrorNotice>{progress.error}</ErrorNotice>}
        </section>
      )}
      {job.status === "FAILED" && (
        <ErrorNotice>
          The valuation failed: {job.error?.message ?? "no reason given"} ({job.error?.code})
        </ErrorNotice>
      )}
      {job.status === "CANCELLED" && <p className="notice notice-warn">The valuation was cancelled.</p>}
      {job.result && <ResultView id={job.id} result={job.result} />}
    </div>
  );
}
