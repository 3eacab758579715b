import { useEffect, useState } from "react";
import { request } from "../api/graphql";
import { date, label, perShare } from "../format";
import { graphql } from "../gql";
import type { ValuationListQuery } from "../gql/graphql";
import { href } from "../router";
import { ErrorNotice, Loading, Section } from "../ui/Status";

const ValuationListDocument = graphql(`
  query ValuationList {
    valuations(first: 50) {
      id
      companyName
      status
      progress
      createdAt
      completedAt
      result { priceRange { low high } }
    }
  }
`);

type Valuations = ValuationListQuery["valuations"];

export function ValuationsPage() {
  const [valuations, setValuations] = useState<Valuations | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    request(ValuationListDocument)
      .then((result) => {
        if (result.data) setValuations(result.data.valuations);
        else setFailed(result.errors[0]?.message ?? "No answer.");
      })
      .catch((error: Error) => setFailed(error.message));
  }, []);
  return (
    <div className="page">
      <h1>Your organisation's valuations</h1>
      <p>
        <a className="button" href={href({ page: "value", industry: null })}>
          Value a company
        </a>
      </p>
      {failed && <ErrorNotice>{failed}</ErrorNotice>}
      {!valuations && !failed && <Loading what="valuations" />}
      {valuations && (
        <Section title={`${valuations.length} most recent`} id="valuations">
          {valuations.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <div className="table-scroll" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Company</th>
                    <th scope="col">Status</th>
                    <th scope="col">Asked for</th>
                    <th scope="col" className="num">Offer range per share</th>
                  </tr>
                </thead>
                <tbody>
                  {valuations.map((v) => (
                    <tr key={v.id}>
                      <td>
                        <a href={href({ page: "valuation", id: v.id })}>{v.companyName}</a>
                      </td>
                      <td>
                        <span className={`status status-${v.status.toLowerCase()}`}>{label(v.status)}</span>
                        {v.status === "RUNNING" && ` ${v.progress} %`}
                      </td>
                      <td>{date(v.createdAt)}</td>
                      <td className="num">
                        {v.result ? `${perShare(v.result.priceRange.low)} – ${perShare(v.result.priceRange.high)}` : "–"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Section>
      )}
    </div>
  );
}
