import { useEffect, useState } from "react";
import { request } from "../api/graphql";
import { Histogram } from "../charts/Histogram";
import { money } from "../format";
import type { MonteCarloQuery } from "../gql/graphql";
import { Section } from "../ui/Status";
import { MonteCarloDocument } from "./queries";

type Distribution = NonNullable<NonNullable<MonteCarloQuery["valuation"]>["monteCarlo"]>;

export function MonteCarloSection({ id }: { id: string }) {
  const [distribution, setDistribution] = useState<Distribution | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    request(MonteCarloDocument, { id })
      .then((result) => {
        setDistribution(result.data?.valuation?.monteCarlo ?? null);
        const refused = result.errors.find((e) => e.extensions?.code === "FEATURE_NOT_IN_TIER");
        if (refused) setNote("The Monte Carlo needs the advanced analytics feature.");
      })
      .catch((error: Error) => setNote(error.message));
  }, [id]);
  if (!distribution && !note) return null;
  return (
    <Section title="Monte Carlo (DCF)" id="monte-carlo">
      {note && <p className="muted">{note}</p>}
      {distribution && (
        <>
          <p>
            {distribution.draws.toLocaleString("en-AU")} draws of the DCF's enterprise value: P10 {money(distribution.p10)}, P50{" "}
            {money(distribution.p50)}, P90 {money(distribution.p90)}.
          </p>
          {distribution.histogram && (
            <Histogram bins={distribution.histogram} p10={distribution.p10} p50={distribution.p50} p90={distribution.p90} />
          )}
        </>
      )}
    </Section>
  );
}
