"""The WACC sheet: the CAPM build-up (the peers' median unlevered beta relevered at the target
gearing, valuation/engine.py `_wacc` and valuation/wacc.py), the cost of debt, the weights, and the
company-specific premium from its four factors (valuation/company_risk.py)."""

from __future__ import annotations

from reports.xlsx_sheets.book import Kind, ModelBook, Sheet, interpolation, num
from reports.xlsx_sheets.inputs_sheet import InputsRefs
from reports.xlsx_sheets.peers_sheet import PeersRefs
from valuation.company_risk import EARNINGS_VOLATILITY, MARGIN, PREMIUM_CAP, REVENUE_GROWTH
from valuation.engine import MINIMUM_PEERS_WITH_BETA

SIZE_ANCHORS = (("LN(10000000)", 0.03), ("LN(1000000000)", 0.0))  # company_risk.SIZE


def write_wacc(book: ModelBook, inputs: InputsRefs, peers: PeersRefs) -> None:
    sheet = book.sheet("WACC")
    sheet.title(
        "WACC: CAPM build-up",
        "Betas by Hamada, beta_L = beta_U (1 + (1 - t) D/E), on (net debt + leases) / market cap.",
    )
    sheet.section("Tax")
    sheet.line_formula(
        "Tax rate of the DCF and the betas",
        "IF(N(imputation_gamma)<>0,tax_rate*(1-imputation_gamma),tax_rate)",
        Kind.PERCENT,
        name="tax_rate_dcf",
        note="t (1 - gamma) with imputation credits valued (Officer, 1994), else t",
    )
    sheet.section("Beta")
    count = sheet.line_formula(
        "Peers with a beta", f"COUNT({peers.levered_betas})", Kind.COUNT, name="peers_with_beta"
    )
    sheet.line_formula(
        "Enough peers with a beta",
        f"{count}>={MINIMUM_PEERS_WITH_BETA}",
        Kind.FLAG,
        note=f"the engine refuses fewer than {MINIMUM_PEERS_WITH_BETA}",
    )
    sheet.line_formula(
        "Peers' median unlevered beta",
        f"MEDIAN({peers.unlevered_betas})",
        Kind.DECIMAL,
        name="unlevered_beta",
        note="Peers sheet",
    )
    sheet.line_formula(
        "Peers' median debt / equity",
        f"MEDIAN({peers.gearings_of_beta_peers})",
        Kind.DECIMAL,
        name="peers_median_debt_to_equity",
    )
    sheet.line_formula(
        "Debt / equity applied",
        "IF(ISNUMBER(target_debt_to_equity),target_debt_to_equity,peers_median_debt_to_equity)",
        Kind.DECIMAL,
        name="gearing",
        note="the target where given, else the peers' median",
    )
    sheet.line_formula(
        "Relevered beta",
        "unlevered_beta*(1+(1-tax_rate_dcf)*gearing)",
        Kind.DECIMAL,
        name="levered_beta",
    )
    _risk(sheet, inputs)
    sheet.section("Cost of capital")
    sheet.line_formula("Risk-free rate", "risk_free_rate", Kind.PERCENT)
    sheet.line_formula("Market risk premium", "market_risk_premium", Kind.PERCENT)
    sheet.line_formula(
        "Cost of equity",
        "risk_free_rate+levered_beta*market_risk_premium+company_specific_premium",
        Kind.PERCENT,
        name="cost_of_equity",
        note="rf + beta_L x MRP + company-specific premium",
    )
    sheet.line_formula(
        "Pre-tax cost of debt",
        "risk_free_rate+credit_spread",
        Kind.PERCENT,
        name="pre_tax_cost_of_debt",
        note="rf + credit spread",
    )
    sheet.line_formula(
        "After-tax cost of debt",
        "pre_tax_cost_of_debt*(1-tax_rate_dcf)",
        Kind.PERCENT,
        name="after_tax_cost_of_debt",
    )
    sheet.line_formula(
        "Debt weight D / (D + E)", "gearing/(1+gearing)", Kind.PERCENT, name="debt_weight"
    )
    sheet.line_formula("Equity weight", "1-debt_weight", Kind.PERCENT, name="equity_weight")
    sheet.line_formula(
        "WACC",
        "equity_weight*cost_of_equity+debt_weight*after_tax_cost_of_debt",
        Kind.PERCENT,
        name="wacc",
    )
    sheet.widths([46, 18, 70])
    sheet.ws.freeze_panes(3, 1)


def _risk(sheet: Sheet, inputs: InputsRefs) -> None:
    """The company-specific premium: four continuous contributions, a missing input counting its
    factor's midpoint, the sum capped."""
    periods = inputs.periods
    ltm = periods.ltm_col
    ebitda, revenue = periods.cell("ebitda", ltm), periods.cell("revenue", ltm)
    npat = periods.cell("net_income", ltm)
    sheet.section("Company-specific risk premium")
    adjusted = sheet.line_formula(
        "LTM EBITDA, after AASB 16", f"{ebitda}+ebitda_lease_adjustment", Kind.MONEY
    )
    estimate = sheet.line_formula(
        "Equity value for size",
        f"IF(AND(ISNUMBER(peers_ev_to_ebitda_ltm_median),{adjusted}>0),"
        f"peers_ev_to_ebitda_ltm_median*{adjusted}-net_debt-lease_liabilities,"
        f"IF(AND(ISNUMBER(peers_price_to_earnings_ltm_median),{npat}>0),"
        f'peers_price_to_earnings_ltm_median*{npat},""))',
        Kind.MONEY,
        note="peers' median LTM EV/EBITDA x EBITDA less net debt and leases, else median P/E "
        "x NPAT",
    )
    size = sheet.line_formula(
        "Market capitalisation for size",
        f'IF(ISNUMBER({estimate}),IF({estimate}>0,{estimate},""),"")',
        Kind.MONEY,
        note="blank: no positive estimate (neutral contribution)",
    )
    margin = sheet.line_formula(
        "EBITDA margin (LTM, as reported)",
        f'IF({revenue}>0,{ebitda}/{revenue},"")',
        Kind.PERCENT,
    )
    history = periods.history_span("ebitda")
    volatility = sheet.line_formula(
        "Earnings volatility (CV of EBITDA)",
        f'IF(COUNT({history})<3,"",IF(AVERAGE({history})=0,"",'
        f"STDEV.S({history})/ABS(AVERAGE({history}))))",
        Kind.DECIMAL,
        note="sample standard deviation over the absolute mean; 3 or more years",
    )
    revenues = [periods.cell("revenue", c) for c in periods.history_cols]
    years = len(revenues) - 1
    growth_formula = '""'
    if years > 0:
        first, last = revenues[0], revenues[-1]
        growth_formula = f'IF(AND({first}>0,{last}>0),({last}/{first})^(1/{years})-1,"")'
    growth = sheet.line_formula("Revenue growth (historical CAGR)", growth_formula, Kind.PERCENT)
    factors = (
        ("Size", size, f"LN({size})", SIZE_ANCHORS, "3 pp at A$10m or less to 0 at A$1bn, log"),
        ("Margin", margin, margin, _anchors(MARGIN.anchors), "1.5 pp at 0 % to 0 at 30 %"),
        (
            "Earnings volatility",
            volatility,
            volatility,
            _anchors(EARNINGS_VOLATILITY.anchors),
            "0 at CV 0.10 to 1.5 pp at 1.0",
        ),
        (
            "Revenue growth",
            growth,
            growth,
            _anchors(REVENUE_GROWTH.anchors),
            "1 pp at -10 %, 0 from 10 % to 30 %, 0.5 pp at 80 %",
        ),
    )
    cells = []
    for label, value, axis, anchors, text in factors:
        neutral = (max(c for _, c in anchors) + min(c for _, c in anchors)) / 2
        cells.append(
            sheet.line_formula(
                f"{label} contribution",
                f"IF(ISNUMBER({value}),{interpolation(axis, anchors)},{num(neutral)})",
                Kind.PERCENT,
                note=f"{text}; missing: {neutral:.2%}",
            )
        )
    sheet.line_formula(
        "Company-specific premium",
        f"MIN({'+'.join(cells)},{num(PREMIUM_CAP)})",
        Kind.PERCENT,
        name="company_specific_premium",
        note=f"the sum, at most {PREMIUM_CAP:.0%}",
    )


def _anchors(anchors: tuple[tuple[float, float], ...]) -> tuple[tuple[str, float], ...]:
    # Parenthesised, so that x - (-0.1) reads as it means.
    return tuple((f"({num(x)})", c) for x, c in anchors)
