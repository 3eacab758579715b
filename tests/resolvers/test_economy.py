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
