"""`scenario`: the what-if calculator, checked against arithmetic done by hand."""

from __future__ import annotations

from typing import Any

from pytest import approx

from tests.fixtures.api_clients import GraphQLClient

SCENARIO = """query ($input: ScenarioInput!) { scenario(input: $input) {
  leveredBeta costOfEquity afterTaxCostOfDebt equityWeight debtWeight wacc discountRate
  presentValueOfCashFlows terminalValue presentValueOfTerminalValue enterpriseValue
  equityValue valuePerShare warnings } }"""

VALUATION_FIELDS = (
    "presentValueOfCashFlows",
    "terminalValue",
    "presentValueOfTerminalValue",
    "enterpriseValue",
    "equityValue",
    "valuePerShare",
)


def assumptions(**overrides: Any) -> dict[str, Any]:
    """Inputs chosen so that the WACC comes out at exactly 10 % (worked in the first test)."""
    return {
        "riskFreeRate": 0.04,
        "marketRiskPremium": 0.06,
        "taxRate": 0.20,
        "unleveredBeta": 1.0,
        "debtToEquity": 0.25,
        "creditSpread": 0.025,
        **overrides,
    }


async def scenario(gql: GraphQLClient, **overrides: Any) -> dict[str, Any]:
    result = await gql.execute(SCENARIO, input=assumptions(**overrides))
    assert "errors" not in result, result
    return result["data"]["scenario"]


async def bad_input(gql: GraphQLClient, **overrides: Any) -> dict[str, Any]:
    result = await gql.execute(SCENARIO, input=assumptions(**overrides))
    assert result["data"] is None
    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    return error


async def test_worked_example(gql: GraphQLClient) -> None:
    result = await scenario(
        gql, cashFlows=[110, 121], terminalGrowth=0.02, netDebt=75, sharesOutstanding=100
    )
    # Hamada: beta_L = beta_U (1 + (1 - t) D/E) = 1.0 x (1 + 0.8 x 0.25) = 1.2
    assert result["leveredBeta"] == approx(1.2)
    # CAPM: k_e = rf + beta_L x MRP = 0.04 + 1.2 x 0.06 = 0.112
    assert result["costOfEquity"] == approx(0.112)
    # k_d = rf + spread = 0.04 + 0.025 = 0.065; after tax 0.065 x (1 - 0.2) = 0.052
    assert result["afterTaxCostOfDebt"] == approx(0.052)
    # D/E = 0.25: E/(D+E) = 1/1.25 = 0.8, D/(D+E) = 0.25/1.25 = 0.2
    assert result["equityWeight"] == approx(0.8)
    assert result["debtWeight"] == approx(0.2)
    # WACC = 0.8 x 0.112 + 0.2 x 0.052 = 0.0896 + 0.0104 = 0.10
    assert result["wacc"] == approx(0.10)
    assert result["discountRate"] == approx(0.10)
    # PV of flows = 110 / 1.1 + 121 / 1.1^2 = 100 + 100 = 200
    assert result["presentValueOfCashFlows"] == approx(200)
    # TV at year 2 = CF_2 (1 + g) / (r - g) = 121 x 1.02 / (0.10 - 0.02) = 123.42 / 0.08 = 1542.75
    assert result["terminalValue"] == approx(1542.75)
    # PV of TV = 1542.75 / 1.1^2 = 1542.75 / 1.21 = 1275
    assert result["presentValueOfTerminalValue"] == approx(1275)
    # EV = 200 + 1275 = 1475; equity = 1475 - 75 = 1400; per share = 1400 / 100 = 14
    assert result["enterpriseValue"] == approx(1475)
    assert result["equityValue"] == approx(1400)
    assert result["valuePerShare"] == approx(14)
    # PV of TV / EV = 1275 / 1475 = 86 %: over the engine's 75 % threshold, so it says so.
    assert any("terminal value is 86%" in w for w in result["warnings"]), result["warnings"]


async def test_discount_rate_overrides_the_wacc(gql: GraphQLClient) -> None:
    result = await scenario(gql, cashFlows=[100, 125], discountRate=0.25)
    # The WACC is still reported (0.10, as worked above); the flows are discounted at 25 %:
    # 100 / 1.25 + 125 / 1.25^2 = 80 + 80 = 160, with no terminal value without growth.
    assert result["wacc"] == approx(0.10)
    assert result["discountRate"] == 0.25
    assert result["presentValueOfCashFlows"] == approx(160)
    assert result["terminalValue"] is None
    assert result["presentValueOfTerminalValue"] is None
    assert result["enterpriseValue"] == approx(160)
    assert result["equityValue"] == approx(160)  # netDebt defaults to 0


async def test_both_betas_are_bad_input(gql: GraphQLClient) -> None:
    error = await bad_input(gql, leveredBeta=1.2)
    assert error["message"] == (
        "Give exactly one of leveredBeta and unleveredBeta: the other is derived from it."
    )
    assert error["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": ["input", "leveredBeta"],
    }


async def test_terminal_growth_not_below_the_rate_is_bad_input(gql: GraphQLClient) -> None:
    error = await bad_input(gql, cashFlows=[100], discountRate=0.05, terminalGrowth=0.05)
    assert "must be below the discount rate" in error["message"]
    assert error["extensions"]["field"] == ["input", "terminalGrowth"]


async def test_without_cash_flows_only_the_discount_rate_is_computed(gql: GraphQLClient) -> None:
    result = await scenario(gql, sharesOutstanding=100)
    assert result["wacc"] == approx(0.10)
    assert result["costOfEquity"] == approx(0.112)
    assert {field: result[field] for field in VALUATION_FIELDS} == dict.fromkeys(VALUATION_FIELDS)
    assert result["warnings"] == ["Without cashFlows these inputs are not used: sharesOutstanding."]


async def test_value_per_share_needs_a_positive_share_count(gql: GraphQLClient) -> None:
    # PV = 110 / 1.1 = 100 at the 10 % WACC; equity = 100 - (-20) = 120 (net cash adds value).
    result = await scenario(gql, cashFlows=[110], netDebt=-20, sharesOutstanding=40)
    assert result["equityValue"] == approx(120)
    assert result["valuePerShare"] == approx(3)  # 120 / 40
    for shares in (None, 0):
        result = await scenario(gql, cashFlows=[110], sharesOutstanding=shares)
        assert result["equityValue"] == approx(100)
        assert result["valuePerShare"] is None


async def test_levered_beta_without_capital_structure_is_all_equity(gql: GraphQLClient) -> None:
    result = await scenario(
        gql, unleveredBeta=None, debtToEquity=None, creditSpread=None, leveredBeta=1.0
    )
    # k_e = 0.04 + 1.0 x 0.06 = 0.10, all of the WACC: no debt to price.
    assert result["wacc"] == approx(0.10)
    assert result["equityWeight"] == 1.0
    assert result["afterTaxCostOfDebt"] is None
    assert any("all-equity" in w for w in result["warnings"])


async def test_rates_out_of_range_and_too_many_cash_flows_are_bad_input(
    gql: GraphQLClient,
) -> None:
    error = await bad_input(gql, riskFreeRate=4.5)  # per cent, not a fraction
    assert error["extensions"]["field"] == ["input", "riskFreeRate"]
    assert "decimal fractions" in error["message"]
    error = await bad_input(gql, cashFlows=[1.0] * 51)
    assert error["extensions"]["field"] == ["input", "cashFlows"]
    error = await bad_input(gql, debtToEquity=None)  # an unlevered beta cannot be relevered
    assert error["message"] == (
        "An unlevered beta needs debtToEquity, or equityValue and debtValue, to relever."
    )
    assert error["extensions"]["field"] == ["input", "debtToEquity"]


async def test_beta_and_cost_of_equity_need_no_cost_of_debt(gql: GraphQLClient) -> None:
    # Unlevered 1.0 at D/E 0.25, t = 0.20: beta_L = 1.2, k_e = 0.04 + 1.2 x 0.06 = 0.112 (the
    # worked example), with no creditSpread: the WACC is what needs one.
    result = await scenario(gql, creditSpread=None)
    assert result["leveredBeta"] == approx(1.2)
    assert result["costOfEquity"] == approx(0.112)
    assert result["debtWeight"] == approx(0.2)  # 0.25 / 1.25
    assert result["wacc"] is None and result["discountRate"] is None
    assert result["afterTaxCostOfDebt"] is None
    assert any("preTaxCostOfDebt or creditSpread" in w for w in result["warnings"])


async def test_a_levered_beta_with_debt_and_no_cost_of_debt_still_prices_equity(
    gql: GraphQLClient,
) -> None:
    result = await scenario(
        gql, unleveredBeta=None, leveredBeta=1.5, debtToEquity=0.5, creditSpread=None
    )
    assert result["leveredBeta"] == approx(1.5)
    assert result["costOfEquity"] == approx(0.04 + 1.5 * 0.06)
    assert result["wacc"] is None


async def test_cash_flows_without_any_discount_rate_are_left_unvalued_with_the_reason(
    gql: GraphQLClient,
) -> None:
    result = await scenario(gql, creditSpread=None, cashFlows=[110, 121], terminalGrowth=0.02)
    assert all(result[name] is None for name in VALUATION_FIELDS)
    assert any("discountRate" in w for w in result["warnings"])
    # A discount rate given by the caller values them without a WACC: 110/1.1 + 121/1.21 = 200.
    result = await scenario(gql, creditSpread=None, cashFlows=[110, 121], discountRate=0.10)
    assert result["presentValueOfCashFlows"] == approx(200)
    assert result["wacc"] is None and result["discountRate"] == approx(0.10)


async def test_dcf_outputs_an_input_does_not_determine_are_null_with_the_input_named(
    gql: GraphQLClient,
) -> None:
    result = await scenario(gql, cashFlows=[110, 121])
    assert result["terminalValue"] is None and result["valuePerShare"] is None
    assert result["enterpriseValue"] == approx(200)  # 110/1.1 + 121/1.21, no terminal value
    assert any("terminalGrowth" in w for w in result["warnings"])
    assert any("sharesOutstanding" in w for w in result["warnings"])
    result = await scenario(gql, cashFlows=[110], terminalGrowth=0.02, sharesOutstanding=100)
    assert not any("terminalGrowth" in w or "sharesOutstanding" in w for w in result["warnings"])


async def test_the_mid_year_convention_brings_every_flow_half_a_year_forward(
    gql: GraphQLClient,
) -> None:
    """At 10 %, flows of 110 and 121 at t = 0.5 and 1.5 are worth 110 / 1.1^0.5 + 121 / 1.1^1.5
    = 104.88 + 104.88; the perpetuity after year 2 also starts half a year earlier: its value,
    1542.75 as in the worked example, sits at t = 1.5, 1542.75 / 1.1^1.5 = 1337.23."""
    flows = {"cashFlows": [110, 121], "terminalGrowth": 0.02}
    year_end = await scenario(gql, **flows)
    mid_year = await scenario(gql, midYearConvention=True, **flows)
    assert mid_year["presentValueOfCashFlows"] == approx(110 / 1.1**0.5 + 121 / 1.1**1.5)
    assert mid_year["presentValueOfTerminalValue"] == approx(1337.231281)
    assert mid_year["terminalValue"] == approx(year_end["terminalValue"])
    assert mid_year["presentValueOfTerminalValue"] == approx(
        year_end["presentValueOfTerminalValue"] * 1.1**0.5
    )
    assert mid_year["enterpriseValue"] == approx(year_end["enterpriseValue"] * 1.1**0.5)


async def test_fewer_than_three_forecast_years_are_warned(gql: GraphQLClient) -> None:
    short = await scenario(gql, cashFlows=[110, 121], terminalGrowth=0.02)
    assert any("Only 2 forecast year(s)" in w for w in short["warnings"])
    enough = await scenario(gql, cashFlows=[110, 121, 133], terminalGrowth=0.02)
    assert not any("forecast year(s)" in w for w in enough["warnings"])


async def test_terminal_growth_above_the_risk_free_rate_is_warned(gql: GraphQLClient) -> None:
    above = await scenario(gql, cashFlows=[1, 2, 3], terminalGrowth=0.045)
    assert any("exceeds the risk-free rate" in w for w in above["warnings"])
    below = await scenario(gql, cashFlows=[1, 2, 3], terminalGrowth=0.03)
    assert not any("exceeds the risk-free rate" in w for w in below["warnings"])
