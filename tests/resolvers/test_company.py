"""`company(ticker:)`: the directory entry with market data, financials, multiples and peers."""

from __future__ import annotations

from typing import Any

from providers.sample.provider import SampleProvider
from tests.fixtures.api_clients import GraphQLClient

COMPANY = """
query ($ticker: String!) {
  company(ticker: $ticker) {
    ticker name gicsIndustryGroup acn abn
    provenance { source asOf synthetic }
    marketData { price marketCap enterpriseValue sharesOutstanding beta asOf
                 provenance { source asOf synthetic stale } }
    financials { currency periods { fiscalYearEnd revenue ebitda ebit netDebt }
                 provenance { synthetic } }
    multiples { evToEbitda evToRevenue evToEbit priceToEarnings }
    peers(first: 5) { similarity company { ticker gicsIndustryGroup } multiples { evToEbitda } }
  }
}
"""


async def company(gql: GraphQLClient, ticker: str) -> dict[str, Any]:
    result = await gql.execute(COMPANY, ticker=ticker)
    assert "errors" not in result, result
    return result["data"]["company"]


async def test_company_lookup_ignores_ticker_case(gql: GraphQLClient) -> None:
    bhp = await company(gql, "bhp")
    assert bhp["ticker"] == "BHP"
    assert bhp["name"] == "BHP GROUP LIMITED"
    assert bhp["gicsIndustryGroup"] == "MATERIALS"


async def test_unknown_ticker_is_null_without_errors(gql: GraphQLClient) -> None:
    result = await gql.execute(COMPANY, ticker="ZZZZ")
    assert result["data"] == {"company": None}
    assert "errors" not in result


async def test_directory_entry_carries_real_asx_provenance(gql: GraphQLClient) -> None:
    bhp = await company(gql, "BHP")
    assert bhp["provenance"] == {"source": "ASX", "asOf": "2025-12-05", "synthetic": False}


async def test_sample_market_data_and_financials_are_marked_synthetic(gql: GraphQLClient) -> None:
    bhp = await company(gql, "BHP")
    assert bhp["marketData"]["provenance"] == {
        "source": "SAMPLE",
        "asOf": "2025-12-05",
        "synthetic": True,
        "stale": False,
    }
    assert bhp["financials"]["provenance"]["synthetic"] is True


async def test_market_data_is_internally_consistent(gql: GraphQLClient) -> None:
    market = (await company(gql, "CSL"))["marketData"]
    assert (
        abs(market["price"] * market["sharesOutstanding"] - market["marketCap"])
        < 1e-6 * market["marketCap"]
    )


async def test_enterprise_value_is_market_cap_plus_latest_net_debt(gql: GraphQLClient) -> None:
    csl = await company(gql, "CSL")
    latest_net_debt = csl["financials"]["periods"][-1]["netDebt"]
    expected = csl["marketData"]["marketCap"] + latest_net_debt
    assert abs(csl["marketData"]["enterpriseValue"] - expected) < 1e-6 * abs(expected)


async def test_peers_share_the_industry_group_and_exclude_the_company(gql: GraphQLClient) -> None:
    bhp = await company(gql, "BHP")
    peers = bhp["peers"]
    assert len(peers) == 5
    assert all(p["company"]["gicsIndustryGroup"] == "MATERIALS" for p in peers)
    assert "BHP" not in {p["company"]["ticker"] for p in peers}


async def test_peers_are_ordered_most_similar_first(gql: GraphQLClient) -> None:
    similarities = [p["similarity"] for p in (await company(gql, "WES"))["peers"]]
    assert similarities == sorted(similarities, reverse=True)
    assert all(0 < s <= 1 for s in similarities)


async def test_unclassified_listing_has_no_industry_group_and_no_peers(gql: GraphQLClient) -> None:
    fund = await company(gql, "TCF")  # 360 CAPITAL MORTGAGE REIT: "Not Applic" on the ASX list
    assert fund["gicsIndustryGroup"] is None
    assert fund["peers"] == []


async def test_multiples_match_market_data_and_latest_financials(gql: GraphQLClient) -> None:
    csl = await company(gql, "CSL")
    latest = csl["financials"]["periods"][-1]
    ev = csl["marketData"]["enterpriseValue"]
    if latest["ebitda"] > 0:
        assert abs(csl["multiples"]["evToEbitda"] - ev / latest["ebitda"]) < 1e-9 * ev
    else:
        assert csl["multiples"]["evToEbitda"] is None


async def test_too_many_peers_is_a_bad_user_input(gql: GraphQLClient) -> None:
    result = await gql.execute('{ company(ticker: "BHP") { peers(first: 51) { similarity } } }')
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_the_sample_names_no_directors(gql: GraphQLClient) -> None:
    answer = await gql.execute('{ company(ticker: "BHP") { directors { name } } }')
    assert answer["data"]["company"]["directors"] == []


async def test_financial_periods_carry_book_equity_intangibles_and_dividends(
    gql: GraphQLClient,
) -> None:
    query = """
    query { company(ticker: "CBA") { financials { periods {
      fiscalYearEnd netIncome totalEquity intangibleAssets dividends } } } }
    """
    result = await gql.execute(query)
    assert "errors" not in result, result
    periods = result["data"]["company"]["financials"]["periods"]
    expected = (await SampleProvider().financials(["CBA"]))["CBA"].periods
    assert [
        (p["fiscalYearEnd"], p["totalEquity"], p["intangibleAssets"], p["dividends"])
        for p in periods
    ] == [
        (e.fiscal_year_end.isoformat(), e.total_equity, e.intangible_assets, e.dividends)
        for e in expected
    ]
    assert all(p["totalEquity"] > 0 and p["dividends"] >= 0 for p in periods)
