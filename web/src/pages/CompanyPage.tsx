import { useEffect, useState } from "react";
import { type GraphQLErrorShape, request } from "../api/graphql";
import { date, label, money, multiple, perShare, plain } from "../format";
import { graphql } from "../gql";
import type { CompanyPageQuery } from "../gql/graphql";
import { href } from "../router";
import { ProvenanceBadges } from "../ui/Provenance";
import { ErrorNotice, Loading, Section, Unavailable } from "../ui/Status";
import { EconomyPanel } from "./Economy";

const CompanyPageDocument = graphql(`
  query CompanyPage($ticker: String!) {
    company(ticker: $ticker) {
      ticker
      name
      gicsIndustryGroup
      abn
      acn
      provenance { source asOf synthetic stale }
      marketData {
        price marketCap enterpriseValue sharesOutstanding beta asOf
        provenance { source asOf synthetic stale }
      }
      financials {
        currency
        provenance { source asOf synthetic stale }
        periods {
          fiscalYearEnd revenue ebitda ebit netIncome netDebt dividends
        }
      }
      multiples { evToEbitda evToRevenue evToEbit priceToEarnings fiscalYearEnd }
      peers(first: 10) {
        similarity
        company { ticker name marketData { marketCap } }
        multiples { evToEbitda evToRevenue priceToEarnings }
      }
      filings(first: 8) {
        edges { node { id title documentType releasedAt priceSensitive url } }
      }
    }
  }
`);

type Company = NonNullable<CompanyPageQuery["company"]>;

/** A filing's link from the upstream, shown only when it is an https URL. */
function safeLink(url: string | null): boolean {
  if (!url) return false;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

function fieldError(errors: GraphQLErrorShape[], field: string): string | null {
  return errors.find((e) => e.path?.[1] === field)?.message ?? null;
}

export function CompanyPage({ ticker }: { ticker: string }) {
  const [company, setCompany] = useState<Company | null | undefined>(undefined);
  const [errors, setErrors] = useState<GraphQLErrorShape[]>([]);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    request(CompanyPageDocument, { ticker })
      .then((result) => {
        if (!current) return;
        setCompany(result.data?.company ?? null);
        setErrors(result.errors);
        if (!result.data) setFailed(result.errors[0]?.message ?? "No answer.");
      })
      .catch((error: Error) => current && setFailed(error.message));
    return () => {
      current = false;
    };
  }, [ticker]);

  if (failed) return <ErrorNotice>{failed}</ErrorNotice>;
  if (company === undefined) return <Loading what={ticker} />;
  if (company === null)
    return (
      <div className="page">
        <h1>{ticker}</h1>
        <p>No ASX-listed company has this code. <a href={href({ page: "search" })}>Search the directory</a>.</p>
      </div>
    );
  return (
    <div className="page">
      <header className="page-header">
        <h1>
          {company.name} <span className="ticker">ASX: {company.ticker}</span>
        </h1>
        <p className="muted">
          {company.gicsIndustryGroup ? label(company.gicsIndustryGroup) : "Not classified by the ASX"}
          {company.abn && ` · ABN ${company.abn}`}
        </p>
        {company.gicsIndustryGroup && (
          <a className="button" href={href({ page: "value", industry: company.gicsIndustryGroup })}>
            Value a company in this industry
          </a>
        )}
      </header>
      <div className="grid">
        <MarketData company={company} error={fieldError(errors, "marketData")} />
        <Multiples company={company} />
      </div>
      <Financials company={company} error={fieldError(errors, "financials")} />
      <Peers company={company} error={fieldError(errors, "peers")} />
      <Filings company={company} error={fieldError(errors, "filings")} />
      <EconomyPanel />
    </div>
  );
}

function MarketData({ company, error }: { company: Company; error: string | null }) {
  const market = company.marketData;
  return (
    <Section title="Market data" id="market">
      {!market ? (
        <Unavailable what="Market data" reason={error} />
      ) : (
        <>
          <dl className="facts">
            <dt>Price</dt>
            <dd>{perShare(market.price)}</dd>
            <dt>Market cap</dt>
            <dd>{money(market.marketCap)}</dd>
            <dt>Enterprise value</dt>
            <dd>{money(market.enterpriseValue)}</dd>
            <dt>Shares on issue</dt>
            <dd>{plain(market.sharesOutstanding)}</dd>
            <dt>Beta</dt>
            <dd>{plain(market.beta)}</dd>
          </dl>
          <ProvenanceBadges provenance={market.provenance} />
        </>
      )}
    </Section>
  );
}

function Multiples({ company }: { company: Company }) {
  const m = company.multiples;
  return (
    <Section title="Trading multiples" id="multiples">
      {!m ? (
        <p className="muted">No multiples: the latest year's figures are missing.</p>
      ) : (
        <dl className="facts">
          <dt>EV / EBITDA</dt>
          <dd>{multiple(m.evToEbitda)}</dd>
          <dt>EV / revenue</dt>
          <dd>{multiple(m.evToRevenue)}</dd>
          <dt>EV / EBIT</dt>
          <dd>{multiple(m.evToEbit)}</dd>
          <dt>P / E</dt>
          <dd>{multiple(m.priceToEarnings)}</dd>
          <dt>Fiscal year</dt>
          <dd>{date(m.fiscalYearEnd)}</dd>
        </dl>
      )}
    </Section>
  );
}

function Financials({ company, error }: { company: Company; error: string | null }) {
  const financials = company.financials;
  return (
    <Section title="Financials" id="financials">
      {!financials ? (
        <Unavailable what="Financial statements" reason={error} />
      ) : (
        <>
          <div className="table-scroll" tabIndex={0}>
            <table>
              <caption className="visually-hidden">Annual figures, {financials.currency}</caption>
              <thead>
                <tr>
                  <th scope="col">Fiscal year end</th>
                  <th scope="col" className="num">Revenue</th>
                  <th scope="col" className="num">EBITDA</th>
                  <th scope="col" className="num">EBIT</th>
                  <th scope="col" className="num">NPAT</th>
                  <th scope="col" className="num">Net debt</th>
                  <th scope="col" className="num">Dividends</th>
                </tr>
              </thead>
              <tbody>
                {financials.periods.map((p) => (
                  <tr key={p.fiscalYearEnd}>
                    <th scope="row">{date(p.fiscalYearEnd)}</th>
                    <td className="num">{money(p.revenue)}</td>
                    <td className="num">{money(p.ebitda)}</td>
                    <td className="num">{money(p.ebit)}</td>
                    <td className="num">{money(p.netIncome)}</td>
                    <td className="num">{money(p.netDebt)}</td>
                    <td className="num">{money(p.dividends)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ProvenanceBadges provenance={financials.provenance} />
        </>
      )}
    </Section>
  );
}

function Peers({ company, error }: { company: Company; error: string | null }) {
  return (
    <Section title="Peers" id="peers">
      {!company.peers ? (
        <Unavailable what="Peers" reason={error} />
      ) : company.peers.length === 0 ? (
        <p className="muted">No listed peers in this industry group.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col" className="num">Market cap</th>
                <th scope="col" className="num">Similarity</th>
                <th scope="col" className="num">EV / EBITDA</th>
                <th scope="col" className="num">EV / revenue</th>
                <th scope="col" className="num">P / E</th>
              </tr>
            </thead>
            <tbody>
              {company.peers.map((peer) => (
                <tr key={peer.company.ticker}>
                  <td>
                    <a href={href({ page: "company", ticker: peer.company.ticker })}>{peer.company.ticker}</a>
                  </td>
                  <td>{peer.company.name}</td>
                  <td className="num">{money(peer.company.marketData?.marketCap)}</td>
                  <td className="num">{plain(peer.similarity)}</td>
                  <td className="num">{multiple(peer.multiples?.evToEbitda)}</td>
                  <td className="num">{multiple(peer.multiples?.evToRevenue)}</td>
                  <td className="num">{multiple(peer.multiples?.priceToEarnings)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function Filings({ company, error }: { company: Company; error: string | null }) {
  const filings = company.filings;
  return (
    <Section title="Filings" id="filings">
      {!filings ? (
        <Unavailable what="ASX announcements" reason={error} />
      ) : filings.edges.length === 0 ? (
        <p className="muted">No announcements.</p>
      ) : (
        <ul className="filings">
          {filings.edges.map(({ node }) => (
            <li key={node.id}>
              <span className="muted small">{date(node.releasedAt)}</span>{" "}
              {node.url && safeLink(node.url) ? (
                <a href={node.url} target="_blank" rel="noopener noreferrer">
                  {node.title}
                </a>
              ) : (
                node.title
              )}{" "}
              <span className="badge">{node.documentType}</span>
              {node.priceSensitive && <span className="badge badge-warn">price sensitive</span>}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
