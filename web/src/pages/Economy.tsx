import { useEffect, useState } from "react";
import { request } from "../api/graphql";
import { Sparkline } from "../charts/Sparkline";
import { date, percent } from "../format";
import { graphql } from "../gql";
import type { EconomyQuery } from "../gql/graphql";
import { Section, Unavailable } from "../ui/Status";

const EconomyDocument = graphql(`
  query Economy {
    economicIndicators {
      cashRate { ...Indicator }
      tenYearBondYield { ...Indicator }
      cpiYearEnded { ...Indicator }
      trimmedMeanInflation { ...Indicator }
    }
  }
  fragment Indicator on EconomicPoint {
    value
    asOf
    title
    seriesId
    provenance { stale }
    history(years: 5) { asOf value }
  }
`);

type Indicators = EconomyQuery["economicIndicators"];
const ROWS: [keyof Indicators, string][] = [
  ["cashRate", "RBA cash rate"],
  ["tenYearBondYield", "10-year government bond"],
  ["cpiYearEnded", "CPI, year-ended"],
  ["trimmedMeanInflation", "Trimmed-mean inflation"],
];

/** The RBA's rates and inflation, each with five years of its series. */
export function EconomyPanel() {
  const [indicators, setIndicators] = useState<Indicators | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    request(EconomyDocument)
      .then((result) => {
        if (result.data) setIndicators(result.data.economicIndicators);
        else setFailed(result.errors[0]?.message ?? "no answer");
      })
      .catch((error: Error) => setFailed(error.message));
  }, []);
  return (
    <Section title="Economy (RBA)" id="economy">
      {failed && <Unavailable what="The RBA series" reason={failed} />}
      {indicators && (
        <ul className="indicators">
          {ROWS.map(([key, name]) => {
            const point = indicators[key];
            if (!point || !("value" in point)) return <li key={key}>{name}: unavailable</li>;
            return (
              <li key={key} className="indicator">
                <span className="indicator-name">{name}</span>
                <span className="indicator-value">{percent(point.value)}</span>
                <span className="muted small">
                  {date(point.asOf)} · {point.seriesId}
                  {point.provenance.stale && " · stale"}
                </span>
                <Sparkline points={point.history} label={`${name}, last five years`} />
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
