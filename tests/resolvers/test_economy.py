"""`economicIndicators`: the latest RBA observations, as decimal fractions with their dates."""

from __future__ import annotations

from tests.fixtures.api_clients import GraphQLClient

QUERY = """{ economicIndicators {
  cashRate { value asOf seriesId source publishedOn provenance { source synthetic } }
  tenYearBondYield { value asOf seriesId publishedOn }
  cpiYearEnded { value asOf seriesId source }
  trimmedMeanInflation { value asOf seriesId }
} }"""


async def test_indicators_are_the_latest_published_rba_observations(gql: GraphQLClient) -> None:
    result = await gql.execute(QUERY)
    indicators = result["data"]["economicIndicators"]
    assert indicators["cashRate"] == {
        "value": 0.041,
        "asOf": "2026-04-30",
        "seriesId": "FIRMMCRT",
        "source": "RBA",
        "publishedOn": "2026-05-01",
        "provenance": {"source": "RBA", "synthetic": False},
    }
    assert indicators["tenYearBondYield"] == {
        "value": 0.04926,
        "asOf": "2026-05-07",
        "seriesId": "FCMYGBAG10D",
        "publishedOn": "2026-05-08",
    }
    assert indicators["cpiYearEnded"] == {
        "value": 0.032,
        "asOf": "2025-09-30",
        "seriesId": "GCPIAGYP",
        "source": "ABS / RBA",
    }
    assert indicators["trimmedMeanInflation"] == {
        "value": 0.03,
        "asOf": "2025-09-30",
        "seriesId": "GCPIOCPMTMYP",
    }


async def test_growth_and_unemployment_are_null_without_error_in_the_sample(
    gql: GraphQLClient,
) -> None:
    answer = await gql.execute(
        "{ economicIndicators { gdpGrowth { value } unemploymentRate { value } } }"
    )
    assert "errors" not in answer
    assert answer["data"]["economicIndicators"] == {"gdpGrowth": None, "unemploymentRate": None}


HISTORY = """query ($years: Int!) { economicIndicators {
  cashRate { asOf history(years: $years) { asOf value } }
  tenYearBondYield { asOf history(years: $years) { asOf value } }
} }"""


async def test_history_is_one_value_a_month_up_to_the_latest_oldest_first(
    gql: GraphQLClient,
) -> None:
    result = await gql.execute(HISTORY, years=2)
    indicators = result["data"]["economicIndicators"]
    for name in ("cashRate", "tenYearBondYield"):
        history = indicators[name]["history"]
        months = [point["asOf"][:7] for point in history]
        assert months == sorted(set(months)), name  # one per month, oldest first
        assert 1 <= len(history) <= 24, name
        assert history[-1]["asOf"] == indicators[name]["asOf"]
        assert all(0 <= point["value"] < 0.2 for point in history), name
    # The sample's cash rate goes back decades: two years are 24 months, one year 12.
    assert len(indicators["cashRate"]["history"]) == 24
    one_year = await gql.execute(HISTORY, years=1)
    assert len(one_year["data"]["economicIndicators"]["cashRate"]["history"]) == 12
    # A daily series gives each month's last trading day, not its first.
    bond = indicators["tenYearBondYield"]["history"]
    assert all(int(point["asOf"][8:]) >= 25 for point in bond[:-1])


async def test_history_refuses_years_outside_its_bounds(gql: GraphQLClient) -> None:
    for years in (0, 31):
        result = await gql.execute(HISTORY, years=years)
        assert result["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": ["years"]}
