import { FootballField, methodName } from "../charts/FootballField";
import { Heatmap } from "../charts/Heatmap";
import { date, label, money, multiple, percent, perShare } from "../format";
import { Section } from "../ui/Status";
import { MonteCarloSection } from "./MonteCarloSection";
import type { Result } from "./queries";
import { ReportDownloads } from "./ReportDownloads";

interface Details {
  wacc?: Record<string, number>;
  dcf?: { sensitivity?: number[][]; sensitivity_rates?: number[]; sensitivity_growths?: number[] };
}

const WACC_ROWS: [string, string, "rate" | "number"][] = [
  ["risk_free_rate", "Risk-free rate (RBA 10-year bond)", "rate"],
  ["market_risk_premium", "Market risk premium", "rate"],
  ["unlevered_beta", "Unlevered beta (peers' median)", "number"],
  ["levered_beta", "Levered beta (at target gearing)", "number"],
  ["cost_of_equity", "Cost of equity (CAPM + company-specific premium)", "rate"],
  ["pre_tax_cost_of_debt", "Pre-tax cost of debt", "rate"],
  ["after_tax_cost_of_debt", "After-tax cost of debt", "rate"],
  ["equity_weight", "Equity weight", "rate"],
  ["debt_weight", "Debt weight", "rate"],
  ["wacc", "WACC", "rate"],
];

export function ResultView({ id, result }: { id: string; result: Result }) {
  const details = (result.details ?? null) as Details | null;
  const bars = result.methods
    .filter((m) => m.perShare)
    .map((m) => ({ name: methodName(m.method), weight: m.weight, ...m.perShare! }));
  return (
    <>
      <section className="card summary" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Indicative offer price</h2>
        <p className="headline">
          {perShare(result.priceRange.low)} – {perShare(result.priceRange.high)} <span className="muted">per share</span>
        </p>
        <dl className="facts">
          <dt>Offer mid</dt>
          <dd>{perShare(result.priceRange.mid)}</dd>
          <dt>Valuation range</dt>
          <dd>
            {perShare(result.valuationRange.low)} – {perShare(result.valuationRange.high)}
          </dd>
          <dt>Enterprise value</dt>
          <dd>
            {money(result.enterpriseValue.low)} – {money(result.enterpriseValue.high)}
          </dd>
          <dt>Equity value (pre-money)</dt>
          <dd>
            {money(result.equityValue.low)} – {money(result.equityValue.high)}
          </dd>
          <dt>Target EV / EBITDA</dt>
          <dd>
            {multiple(result.targetMultiple)} <span className="muted">(peers' median {multiple(result.peerMedianEvToEbitda)})</span>
          </dd>
          <dt>WACC</dt>
          <dd>{percent(result.wacc)}</dd>
          <dt>IPO discount</dt>
          <dd>{percent(result.ipoDiscount, 1)}</dd>
        </dl>
        <ReportDownloads id={id} />
      </section>
      <Section title="Football field" id="football-field">
        <FootballField bars={bars} valuationRange={result.valuationRange} priceRange={result.priceRange} />
      </Section>
      <Section title="Methods" id="methods">
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Method</th>
                <th scope="col">Period</th>
                <th scope="col" className="num">Weight</th>
                <th scope="col" className="num">Multiple (low – high)</th>
                <th scope="col" className="num">Enterprise value, mid</th>
                <th scope="col" className="num">Per share (low – high)</th>
                <th scope="col">Basis</th>
              </tr>
            </thead>
            <tbody>
              {result.methods.map((m) => (
                <tr key={m.method}>
                  <th scope="row">{methodName(m.method)}</th>
                  <td>{m.period ?? "–"}</td>
                  <td className="num">{m.weight}</td>
                  <td className="num">
                    {m.multipleLow != null ? `${multiple(m.multipleLow)} – ${multiple(m.multipleHigh)}` : "–"}
                  </td>
                  <td className="num">{money(m.mid)}</td>
                  <td className="num">{m.perShare ? `${perShare(m.perShare.low)} – ${perShare(m.perShare.high)}` : "–"}</td>
                  <td className="small">{m.basis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section title="Peers" id="result-peers">
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Peer</th>
                <th scope="col" className="num">EV / EBITDA</th>
                <th scope="col" className="num">EV / revenue</th>
                <th scope="col" className="num">P / E</th>
                <th scope="col" className="num">Beta</th>
                <th scope="col" className="num">Debt / equity</th>
                <th scope="col">Left out of</th>
              </tr>
            </thead>
            <tbody>
              {result.peers.map((p) => (
                <tr key={p.ticker} className={p.excluded ? "excluded" : undefined}>
                  <th scope="row">{p.ticker}</th>
                  <td className="num">{multiple(p.evToEbitda)}</td>
                  <td className="num">{multiple(p.evToRevenue)}</td>
                  <td className="num">{multiple(p.priceToEarnings)}</td>
                  <td className="num">{p.leveredBeta?.toFixed(2) ?? "–"}</td>
                  <td className="num">{percent(p.debtToEquity, 1)}</td>
                  <td className="small">{p.excluded ? p.reason : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section title="WACC build-up" id="wacc">
        {details?.wacc ? (
          <table className="build-up">
            <tbody>
              {WACC_ROWS.filter(([key]) => details.wacc![key] !== undefined).map(([key, text, kind]) => (
                <tr key={key} className={key === "wacc" ? "total" : undefined}>
                  <th scope="row">{text}</th>
                  <td className="num">{kind === "rate" ? percent(details.wacc![key]) : details.wacc![key]!.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">WACC {percent(result.wacc)}. The build-up needs the advanced analytics feature.</p>
        )}
      </Section>
      {details?.dcf?.sensitivity && details.dcf.sensitivity_rates && details.dcf.sensitivity_growths && (
        <Section title="DCF sensitivity" id="sensitivity">
          <Heatmap rates={details.dcf.sensitivity_rates} growths={details.dcf.sensitivity_growths} values={details.dcf.sensitivity} />
        </Section>
      )}
      <MonteCarloSection id={id} />
      <Section title="ASX admission checks" id="admission">
        <ul className="checks">
          {result.admissionChecks.map((check) => (
            <li key={check.name}>
              <span className={`badge badge-${check.outcome.toLowerCase()}`}>{label(check.outcome)}</span>{" "}
              <strong>{label(check.name)}</strong>: {check.explanation}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Warnings" id="warnings">
        {result.warningDetails.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="warnings">
            {result.warningDetails.map((w) => (
              <li key={w.code + w.message}>
                <span className="badge badge-warn">{w.code}</span> {w.message}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {result.documentSources.length > 0 && (
        <Section title="From your documents" id="document-sources">
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Figure</th>
                  <th scope="col">Fiscal year end</th>
                  <th scope="col" className="num">Value</th>
                  <th scope="col">Page</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {result.documentSources.map((s) => (
                  <tr key={`${s.documentId}-${s.fiscalYearEnd}-${s.field}`}>
                    <td>{label(s.field)}</td>
                    <td>{date(s.fiscalYearEnd)}</td>
                    <td className="num">{money(s.value)}</td>
                    <td>{s.page ?? "–"}</td>
                    <td>{s.corrected && <span className="badge">corrected</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}
      <Section title="Sources" id="sources">
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Source</th>
                <th scope="col">As of</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {result.sources.map((s) => (
                <tr key={s.subject}>
                  <td>{s.subject}</td>
                  <td>{s.source}</td>
                  <td>{date(s.asOf)}</td>
                  <td>
                    {s.synthetic && <span className="badge badge-warn">synthetic</span>}
                    {s.stale && <span className="badge badge-warn">stale</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </>
  );
}
