import { useEffect, useId, useState } from "react";
import { errorText, request } from "../api/graphql";
import { label, money, perShare } from "../format";
import { graphql } from "../gql";
import { GicsIndustryGroup, type SearchCompaniesQuery } from "../gql/graphql";
import { href } from "../router";
import { ProvenanceBadges } from "../ui/Provenance";
import { ErrorNotice, Loading, Section } from "../ui/Status";
import { EconomyPanel } from "./Economy";

const SearchCompaniesDocument = graphql(`
  query SearchCompanies($filter: CompanyFilter, $first: Int!) {
    companies(first: $first, filter: $filter) {
      totalCount
      edges {
        node {
          ticker
          name
          gicsIndustryGroup
          marketData { price marketCap provenance { source asOf synthetic stale } }
        }
      }
    }
  }
`);

type Results = SearchCompaniesQuery["companies"];
const PAGE = 25;
const DEBOUNCE_MS = 250;

export function SearchPage() {
  const [search, setSearch] = useState("");
  const [industry, setIndustry] = useState("");
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const searchId = useId();
  const industryId = useId();

  useEffect(() => {
    let current = true;
    setLoading(true);
    const timer = window.setTimeout(() => {
      const filter = {
        search: search.trim() || null,
        industryGroup: (industry || null) as GicsIndustryGroup | null,
      };
      request(SearchCompaniesDocument, { filter, first: PAGE })
        .then((result) => {
          if (!current) return;
          setResults(result.data?.companies ?? null);
          setError(errorText(result.errors));
        })
        .catch((failure: Error) => current && setError(failure.message))
        .finally(() => current && setLoading(false));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [search, industry]);

  return (
    <div className="page">
      <h1>Companies on the ASX</h1>
      <p className="lede">
        Find a listed company to see its market data, financials, peers and filings, or{" "}
        <a href={href({ page: "value", industry: null })}>value a company for its IPO</a>.
      </p>
      <form className="search" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={searchId}>Name or ASX code</label>
          <input
            id={searchId}
            type="search"
            value={search}
            maxLength={100}
            placeholder="e.g. Xero or XRO"
            onChange={(event) => setSearch(event.target.value)}
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor={industryId}>Industry group</label>
          <select id={industryId} value={industry} onChange={(event) => setIndustry(event.target.value)}>
            <option value="">All industries</option>
            {Object.values(GicsIndustryGroup).map((group) => (
              <option key={group} value={group}>
                {label(group)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {loading && !results && <Loading what="companies" />}
      {results && (
        <Section title={`${results.totalCount.toLocaleString("en-AU")} companies`} id="results">
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Name</th>
                  <th scope="col">Industry group</th>
                  <th scope="col" className="num">Price</th>
                  <th scope="col" className="num">Market cap</th>
                  <th scope="col">Data</th>
                </tr>
              </thead>
              <tbody aria-busy={loading}>
                {results.edges.map(({ node }) => (
                  <tr key={node.ticker}>
                    <td>
                      <a href={href({ page: "company", ticker: node.ticker })}>{node.ticker}</a>
                    </td>
                    <td>{node.name}</td>
                    <td>{node.gicsIndustryGroup ? label(node.gicsIndustryGroup) : "Not classified"}</td>
                    <td className="num">{perShare(node.marketData?.price)}</td>
                    <td className="num">{money(node.marketData?.marketCap)}</td>
                    <td>
                      <ProvenanceBadges provenance={node.marketData?.provenance} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {results.totalCount > results.edges.length && (
            <p className="muted small">
              Showing the first {results.edges.length}; narrow the search to find others.
            </p>
          )}
        </Section>
      )}
      <EconomyPanel />
    </div>
  );
}
