"""`companies`: paging, filters and limits of the directory connection."""

from __future__ import annotations

from typing import Any

from tests.fixtures.api_clients import GraphQLClient

COMPANIES = """
query ($first: Int, $after: String, $filter: CompanyFilter) {
  companies(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ticker name gicsIndustryGroup marketData { marketCap } } }
  }
}
"""


async def companies(gql: GraphQLClient, **variables: Any) -> dict[str, Any]:
    result = await gql.execute(COMPANIES, **variables)
    assert "errors" not in result, result
    return result["data"]["companies"]


def tickers(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["ticker"] for edge in page["edges"]]


async def test_directory_holds_every_listed_company(gql: GraphQLClient) -> None:
    assert (await companies(gql, first=1))["totalCount"] == 1985


async def test_default_page_is_twenty_companies_in_ticker_order(gql: GraphQLClient) -> None:
    page = await companies(gql)
    assert len(page["edges"]) == 20
    assert tickers(page) == sorted(tickers(page))


async def test_two_pages_are_the_same_companies_as_one_page_of_both(gql: GraphQLClient) -> None:
    first = await companies(gql, first=7)
    second = await companies(gql, first=7, after=first["pageInfo"]["endCursor"])
    both = await companies(gql, first=14)
    assert first["pageInfo"]["hasNextPage"] is True
    assert tickers(first) + tickers(second) == tickers(both)


async def test_last_page_reports_no_next_page(gql: GraphQLClient) -> None:
    page = await companies(
        gql, first=100, filter={"industryGroup": "SEMICONDUCTORS_AND_SEMICONDUCTOR_EQUIPMENT"}
    )
    assert page["totalCount"] == 4
    assert len(page["edges"]) == 4
    assert page["pageInfo"]["hasNextPage"] is False


async def test_industry_group_filter_keeps_only_that_group(gql: GraphQLClient) -> None:
    page = await companies(gql, first=100, filter={"industryGroup": "BANKS"})
    assert page["totalCount"] == 12
    assert {edge["node"]["gicsIndustryGroup"] for edge in page["edges"]} == {"BANKS"}


async def test_search_matches_name_or_ticker_case_insensitively(gql: GraphQLClient) -> None:
    by_name = await companies(gql, filter={"search": "commonwealth bank"})
    by_ticker = await companies(gql, filter={"search": "cba"})
    assert "CBA" in tickers(by_name)
    assert "CBA" in tickers(by_ticker)


async def test_search_treats_like_wildcards_literally(gql: GraphQLClient) -> None:
    page = await companies(gql, filter={"search": "%"})
    assert page["totalCount"] == 0


async def test_market_cap_range_bounds_every_result(gql: GraphQLClient) -> None:
    low, high = 1e9, 5e9
    page = await companies(gql, first=100, filter={"minMarketCap": low, "maxMarketCap": high})
    assert page["totalCount"] > 0
    assert all(low <= edge["node"]["marketData"]["marketCap"] <= high for edge in page["edges"])


async def test_page_size_over_one_hundred_is_a_clear_error(gql: GraphQLClient) -> None:
    result = await gql.execute(COMPANIES, first=101)
    error = result["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": ["first"], "maximum": 100}
    assert "100" in error["message"]


async def test_foreign_cursor_is_a_bad_user_input(gql: GraphQLClient) -> None:
    result = await gql.execute(COMPANIES, after="not-a-cursor")
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_filings_page_newest_first_without_gaps(gql: GraphQLClient) -> None:
    query = """query ($first: Int, $after: String) { company(ticker: "BHP") {
      filings(first: $first, after: $after) { pageInfo { endCursor }
        edges { node { id releasedAt provenance { synthetic } } } } } }"""

    async def page(**variables: Any) -> dict[str, Any]:
        return (await gql.execute(query, **variables))["data"]["company"]["filings"]

    first = await page(first=3)
    second = await page(first=3, after=first["pageInfo"]["endCursor"])
    both = await page(first=6)
    ids = [e["node"]["id"] for e in first["edges"] + second["edges"]]
    assert ids == [e["node"]["id"] for e in both["edges"]]
    released = [e["node"]["releasedAt"] for e in both["edges"]]
    assert released == sorted(released, reverse=True)
    assert all(e["node"]["provenance"]["synthetic"] for e in both["edges"])


async def test_filings_cursor_of_another_company_is_a_bad_user_input(gql: GraphQLClient) -> None:
    query = """query ($ticker: String!, $after: String) { company(ticker: $ticker) {
      filings(first: 1, after: $after) { pageInfo { endCursor } } } }"""
    bhp = await gql.execute(query, ticker="BHP")
    cursor = bhp["data"]["company"]["filings"]["pageInfo"]["endCursor"]
    result = await gql.execute(query, ticker="CBA", after=cursor)
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_overlong_search_is_a_bad_user_input(gql: GraphQLClient) -> None:
    result = await gql.execute(COMPANIES, filter={"search": "x" * 101})
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_overlong_ticker_is_a_bad_user_input(gql: GraphQLClient) -> None:
    result = await gql.execute("query ($t: String!) { company(ticker: $t) { ticker } }", t="X" * 13)
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
