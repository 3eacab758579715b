"""The DCF sheet: FCFF per fiscal year (the forecast's, or projected from history), the schedule
from the valuation date (stub fraction, mid-year times), discount factors, the value-driver
terminal value, the exit-multiple cross-check, the WACC x growth grid and the Monte Carlo bar.

The schedule is computed by formula, as valuation/dcf_timing.py does: a year ending on or before
the valuation date counts nothing, the first remaining year counts its remaining fraction, a year
is its whole months / 12, and under the mid-year convention each flow is discounted from the
middle of its part of the year and the terminal value from N - 0.5.

The Monte Carlo (10,000 seeded draws of rate, growth and cash-flow level) cannot be recomputed by
a spreadsheet: its P10 / P50 / P90 are the engine's values, carried as ratios to the
deterministic EV it was drawn around, so that a flexed input moves the DCF bar in proportion to
the deterministic EV. At the valuation's own inputs the bar is the engine's exactly; after a
flex it is an approximation until the valuation is run again.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.xlsx_sheets.book import Kind, ModelBook, Role, Sheet, Triple, num
from reports.xlsx_sheets.facts import ModelFacts
from reports.xlsx_sheets.inputs_sheet import InputsRefs, PeriodTable
from valuation.dcf import PROJECTION_GROWTH_RANGE
from valuation.dcf_model import GROWTH_STEPS, RATE_STEPS

FIRST_COL = 1
PROJECTION_YEARS = 5  # valuation.dcf_valuation.projected_forecast's default
FLOW_LINES = ("revenue", "ebitda", "ebit", "depreciation_and_amortisation")
INVESTMENT_LINES = ("capital_expenditure", "change_in_working_capital")
RATIOS = (
    ("ebit", "EBIT margin"),
    ("depreciation_and_amortisation", "D&A / revenue"),
    ("capital_expenditure", "Capex / revenue"),
    ("change_in_working_capital", "Change in working capital / revenue"),
)


@dataclass(frozen=True, slots=True)
class DcfRefs:
    bar: Triple | None  # the DCF bar's EV low / mid / high; None without a DCF


def write_dcf(book: ModelBook, facts: ModelFacts, inputs: InputsRefs) -> DcfRefs:
    sheet = book.sheet("DCF")
    sheet.title(
        "DCF: free cash flow to the firm at the WACC",
        "FCFF = EBIT (1 - t) + D&A - capex - change in working capital; value-driver terminal "
        "value TV = NOPAT_{N+1} (1 - g / RONIC) / (WACC - g).",
    )
    dcf = facts.dcf
    if dcf is None:
        chose = any(c.method.value == "DCF" for c in facts.choices)
        sheet.line_note(
            "The DCF could not be valued: see the warnings on the Sources sheet."
            if chose
            else "This valuation's methods include no DCF (the sector model, or the caller's list)."
        )
        sheet.widths([60])
        return DcfRefs(bar=None)
    sheet.section("Parameters")
    sheet.line_formula("WACC", "wacc", Kind.PERCENT, note="WACC sheet")
    sheet.line_formula("Terminal growth", "terminal_growth", Kind.PERCENT)
    sheet.line_formula(
        "RONIC",
        "IF(ISNUMBER(ronic_input),ronic_input,wacc)",
        Kind.PERCENT,
        name="dcf_ronic",
        note="the input, else the WACC",
    )
    sheet.line_formula("Tax rate", "tax_rate_dcf", Kind.PERCENT, note="WACC sheet")
    sheet.line_formula("Valuation date", "valuation_date", Kind.DATE)
    sheet.line_formula("Mid-year convention", "mid_year_convention", Kind.FLAG)
    projection = _projection(sheet, inputs.periods) if facts.projected else None
    years = PROJECTION_YEARS if facts.projected else len(inputs.periods.forecast_cols)
    table = _cash_flows(sheet, inputs.periods, years, projection)
    _value(sheet, table)
    _sensitivity(sheet, table)
    bar = _monte_carlo(sheet, facts)
    sheet.widths([46] + [16] * max(years, 5) + [40])
    sheet.ws.freeze_panes(3, 1)
    return DcfRefs(bar=bar)


@dataclass(frozen=True, slots=True)
class _Projection:
    growth: str
    ratios: dict[str, str]  # field -> its median share of revenue
    last_revenue: str
    last_year_end: str


def _projection(sheet: Sheet, periods: PeriodTable) -> _Projection:
    """Revenue at the historical CAGR (clipped), the EBIT margin and D&A, capex and working
    capital as their historical median shares of revenue (valuation/dcf.py project_cash_flows)."""
    sheet.section("Projection from history (no forecast was given)")
    cols = periods.history_cols
    low, high = PROJECTION_GROWTH_RANGE
    first, last = periods.cell("revenue", cols[0]), periods.cell("revenue", cols[-1])
    cagr = f"({last}/{first})^(1/{len(cols) - 1})-1" if len(cols) > 1 else "0"
    growth = sheet.line_formula(
        "Revenue growth",
        f"MIN(MAX({cagr},{num(low)}),{num(high)})",
        Kind.PERCENT,
        note=f"historical CAGR within {low:.0%} to {high:.0%}",
    )
    header = sheet.row
    for i, col in enumerate(cols):
        sheet.formula(header, FIRST_COL + i, periods.year_end(col), Kind.DATE)
    sheet.label(header, 0, "Historical year", bold=True)
    sheet.label(header, FIRST_COL + len(cols), "Median", bold=True)
    ratios: dict[str, str] = {}
    for offset, (field, label) in enumerate(RATIOS, start=1):
        row = header + offset
        sheet.label(row, 0, label)
        for i, col in enumerate(cols):
            sheet.formula(
                row,
                FIRST_COL + i,
                f"{periods.cell(field, col)}/{periods.cell('revenue', col)}",
                Kind.PERCENT,
            )
        shares = sheet.span(row, FIRST_COL, FIRST_COL + len(cols) - 1)
        ratios[field] = sheet.formula(row, FIRST_COL + len(cols), f"MEDIAN({shares})", Kind.PERCENT)
    sheet.row = header + len(RATIOS) + 1
    return _Projection(
        growth=growth,
        ratios=ratios,
        last_revenue=last,
        last_year_end=periods.year_end(cols[-1]),
    )


@dataclass(frozen=True, slots=True)
class _Table:
    sheet: Sheet
    cols: tuple[int, ...]
    rows: dict[str, int]

    def cell(self, line: str, col: int, *, absolute: bool = True) -> str:
        if absolute:
            return self.sheet.ref(self.rows[line], col)
        return self.sheet.local(self.rows[line], col)

    def span(self, line: str) -> str:
        return self.sheet.span(self.rows[line], self.cols[0], self.cols[-1])

    @property
    def last(self) -> int:
        return self.cols[-1]


TABLE_LINES = (
    ("year_end", "Fiscal year end", Kind.DATE),
    ("start", "Year starts", Kind.DATE),
    ("fraction", "Share of the year still to come", Kind.DECIMAL),
    ("length", "Length of the year (whole months / 12)", Kind.YEARS),
    ("span", "Part after the valuation date (years)", Kind.YEARS),
    ("elapsed", "Years from the valuation date to its end", Kind.YEARS),
    ("time", "Discount time (years)", Kind.YEARS),
    ("revenue", "Revenue", Kind.MONEY),
    ("ebitda", "EBITDA", Kind.MONEY),
    ("ebit", "EBIT", Kind.MONEY),
    ("depreciation_and_amortisation", "Depreciation and amortisation", Kind.MONEY),
    ("capital_expenditure", "Capital expenditure", Kind.MONEY),
    ("change_in_working_capital", "Change in working capital", Kind.MONEY),
    ("fcff", "FCFF (full year)", Kind.MONEY),
    ("remaining", "FCFF still to come", Kind.MONEY),
    ("factor", "Discount factor (1 + WACC)^-t", Kind.DECIMAL),
    ("pv", "Present value", Kind.MONEY),
)


def _cash_flows(
    sheet: Sheet, periods: PeriodTable, years: int, projection: _Projection | None
) -> _Table:
    sheet.section("Cash flows and schedule")
    top = sheet.row
    rows = {line: top + i for i, (line, _, _) in enumerate(TABLE_LINES)}
    cols = tuple(FIRST_COL + i for i in range(years))
    table = _Table(sheet, cols, rows)
    for line, label, _ in TABLE_LINES:
        sheet.label(rows[line], 0, label, bold=line in ("fcff", "pv"))
    kinds = {line: kind for line, _, kind in TABLE_LINES}
    named = {"fraction": "dcf_fraction", "time": "dcf_time", "fcff": "dcf_fcff"}
    for k, col in enumerate(cols):
        for line, formula in _column(table, periods, projection, k, col).items():
            name = f"{named[line]}_y{k + 1}" if line in named else None
            sheet.formula(rows[line], col, formula, kinds[line], name=name)
    sheet.row = top + len(TABLE_LINES)
    sheet.line_note(
        "Years ending on or before the valuation date count nothing; the first remaining year "
        "counts the share of it still to come (a stub)."
    )
    sheet.line_formula(
        "Valuation date on or after the first year's start",
        f"valuation_date>={table.cell('start', cols[0])}",
        Kind.FLAG,
        note="FALSE: the engine refuses, the cash flows before the forecast being unknown",
    )
    return table


def _column(
    table: _Table, periods: PeriodTable, projection: _Projection | None, k: int, col: int
) -> dict[str, str]:
    def here(line: str) -> str:
        return table.cell(line, col, absolute=False)

    def before(line: str) -> str:
        return table.cell(line, col - 1, absolute=False)

    end = here("year_end")
    f: dict[str, str] = {}
    if projection is None:
        source = periods.forecast_cols[k]
        f["year_end"] = periods.year_end(source)
        for line in (*FLOW_LINES, *INVESTMENT_LINES):
            f[line] = periods.cell(line, source)
    else:
        last, years = projection.last_year_end, k + 1
        # The same month and day a year on; a month end stays a month end (dcf_timing.add_years).
        f["year_end"] = (
            f"IF({last}=EOMONTH({last},0),EOMONTH({last},{12 * years}),EDATE({last},{12 * years}))"
        )
        f["revenue"] = f"{projection.last_revenue}*(1+{projection.growth})^{years}"
        revenue = here("revenue")
        ratios = projection.ratios
        f["ebit"] = f"{revenue}*{ratios['ebit']}"
        f["ebitda"] = f"{revenue}*({ratios['ebit']}+{ratios['depreciation_and_amortisation']})"
        for line in ("depreciation_and_amortisation", *INVESTMENT_LINES):
            f[line] = f"{revenue}*{ratios[line]}"
    f["start"] = (
        f"IF({end}=EOMONTH({end},0),EOMONTH({end},-12),EDATE({end},-12))"
        if k == 0
        else before("year_end")
    )
    start = here("start")
    f["fraction"] = f"IF({end}<=valuation_date,0,MIN(1,({end}-valuation_date)/({end}-{start})))"
    f["length"] = f"ROUND(({end}-{start})*12/365.25,0)/12"
    f["span"] = f"{here('fraction')}*{here('length')}"
    f["elapsed"] = here("span") if k == 0 else f"{before('elapsed')}+{here('span')}"
    prior = "0" if k == 0 else before("elapsed")
    f["time"] = f"IF(mid_year_convention,{prior}+{here('span')}/2,{here('elapsed')})"
    f["fcff"] = (
        f"{here('ebit')}*(1-tax_rate_dcf)+{here('depreciation_and_amortisation')}"
        f"-{here('capital_expenditure')}-{here('change_in_working_capital')}"
    )
    f["remaining"] = f"{here('fcff')}*{here('fraction')}"
    f["factor"] = f"(1+wacc)^(-{here('time')})"
    f["pv"] = f"{here('remaining')}*{here('factor')}"
    return f


def _value(sheet: Sheet, table: _Table) -> None:
    sheet.section("Enterprise value")
    ebit, ebitda = table.cell("ebit", table.last), table.cell("ebitda", table.last)
    sheet.line_formula(
        "PV of the cash flows", f"SUM({table.span('pv')})", Kind.MONEY, name="dcf_pv_cash_flows"
    )
    sheet.line_formula("Final-year EBIT", ebit, Kind.MONEY, name="dcf_final_ebit")
    sheet.line_formula(
        "Final-year EBITDA (after AASB 16)",
        f"{ebitda}+ebitda_lease_adjustment",
        Kind.MONEY,
        name="dcf_final_ebitda",
        note="restated as the peers' multiples are; used by the exit cross-check only",
    )
    sheet.line_formula(
        "Leases the exit multiple's EV counts",
        "IF(ebitda_lease_adjustment>0,lease_liabilities,0)",
        Kind.MONEY,
        name="dcf_exit_leases",
        note="a restated subject's FCFF pays its leases, so its EV bears them as the peers' do",
    )
    sheet.line_formula(
        "NOPAT in the first perpetuity year",
        "dcf_final_ebit*(1+terminal_growth)*(1-tax_rate_dcf)",
        Kind.MONEY,
        name="dcf_next_nopat",
        note="EBIT_N (1 + g)(1 - t)",
    )
    sheet.line_formula(
        "Terminal value (value driver)",
        "IF(terminal_growth<wacc,"
        "dcf_next_nopat*(1-terminal_growth/dcf_ronic)/(wacc-terminal_growth),NA())",
        Kind.MONEY,
        name="dcf_terminal_value",
        note="growth must be below the WACC",
    )
    sheet.line_formula(
        "End of the last year (years)",
        table.cell("elapsed", table.last),
        Kind.YEARS,
        name="dcf_exit_time",
    )
    sheet.line_formula(
        "Terminal value dated (years)",
        "IF(mid_year_convention,dcf_exit_time-0.5,dcf_exit_time)",
        Kind.YEARS,
        name="dcf_terminal_time",
        note="one period before the perpetuity's first flow",
    )
    sheet.line_formula(
        "PV of the terminal value",
        "dcf_terminal_value*(1+wacc)^(-dcf_terminal_time)",
        Kind.MONEY,
        name="dcf_pv_terminal_value",
    )
    sheet.line_formula(
        "Enterprise value (deterministic)",
        "dcf_pv_cash_flows+dcf_pv_terminal_value",
        Kind.MONEY,
        name="dcf_enterprise_value",
    )
    sheet.line_formula(
        "Terminal value share of EV",
        'IF(dcf_enterprise_value>0,dcf_pv_terminal_value/dcf_enterprise_value,"")',
        Kind.PERCENT,
    )
    sheet.section("Exit-multiple cross-check (peers' median LTM EV/EBITDA)")
    sheet.line_formula("Exit multiple", "peers_ev_to_ebitda_ltm_median", Kind.MULTIPLE)
    exit_value = sheet.line_formula(
        "Exit terminal value (end of year N)",
        "dcf_final_ebitda*peers_ev_to_ebitda_ltm_median-dcf_exit_leases",
        Kind.MONEY,
    )
    sheet.line_formula(
        "Enterprise value at the exit multiple",
        f"dcf_pv_cash_flows+{exit_value}*(1+wacc)^(-dcf_exit_time)",
        Kind.MONEY,
    )
    sheet.line_formula(
        "Exit multiple the terminal value implies",
        "IF(dcf_final_ebitda>0,(dcf_terminal_value*(1+wacc)^(dcf_exit_time-dcf_terminal_time)"
        '+dcf_exit_leases)/dcf_final_ebitda,"")',
        Kind.MULTIPLE,
        name="dcf_implied_exit_multiple",
    )


def _sensitivity(sheet: Sheet, table: _Table) -> None:
    sheet.section("Sensitivity: enterprise value, WACC (rows) x terminal growth (columns)")
    header = sheet.row
    sheet.label(header, 0, "WACC \\ growth", bold=True)
    growths = []
    for j, step in enumerate(GROWTH_STEPS):
        growths.append(
            sheet.formula(header, FIRST_COL + j, f"terminal_growth+{num(step)}", Kind.PERCENT)
        )
    remaining, times = table.span("remaining"), table.span("time")
    for i, step in enumerate(RATE_STEPS, start=1):
        row = header + i
        rate = sheet.formula(row, 0, f"wacc+{num(step)}", Kind.PERCENT)
        for j, growth in enumerate(growths):
            ronic = f"IF(ISNUMBER(ronic_input),ronic_input,{rate})"
            terminal = (
                f"dcf_final_ebit*(1+{growth})*(1-tax_rate_dcf)*(1-{growth}/{ronic})"
                f"/({rate}-{growth})"
            )
            sheet.formula(
                row,
                FIRST_COL + j,
                f"IF({rate}>{growth},SUMPRODUCT({remaining},(1+{rate})^(-{times}))"
                f"+{terminal}*(1+{rate})^(-dcf_terminal_time),NA())",
                Kind.MONEY,
                name=f"dcf_grid_r{i}_g{j + 1}",
            )
    sheet.row = header + len(RATE_STEPS) + 1
    sheet.line_note("#N/A where growth is not below the rate: the perpetuity has no value there.")


def _monte_carlo(sheet: Sheet, facts: ModelFacts) -> Triple:
    dcf = facts.dcf
    assert dcf is not None
    mc = dcf["monte_carlo"]
    sheet.section("Monte Carlo: the DCF bar (engine values)")
    sheet.line_note(
        f"{mc['draws']:,} draws (fixed seed) of the WACC, terminal growth and the cash-flow "
        "level: not reproducible in a spreadsheet. The percentiles are the engine's; the bar "
        "carries them as ratios to the deterministic EV, so that it moves with a flexed input. "
        "Run the valuation again for a new simulation."
    )
    centre = sheet.line_value(
        "Deterministic EV the draws were centred on",
        float(dcf["valuation"]["enterprise_value"]),
        Kind.MONEY,
        Role.ENGINE,
    )
    sheet.triple_header()
    percentiles = sheet.line_triple_values(
        "P10 / P50 / P90 enterprise value",
        [float(mc["p10"]), float(mc["p50"]), float(mc["p90"])],
        Kind.MONEY,
        Role.ENGINE,
    )
    sheet.line_value("Mean", float(mc["mean"]), Kind.MONEY, Role.ENGINE)
    sheet.line_value("Draws used", int(mc["draws"]), Kind.COUNT, Role.ENGINE)
    sheet.line_value(
        "Draws discarded (growth not below the rate)",
        int(mc["discarded"]),
        Kind.COUNT,
        Role.ENGINE,
    )
    ratios = sheet.line_triple(
        "As ratios to the deterministic EV",
        [f"{cell}/{centre}" for cell in percentiles.cells],
        Kind.DECIMAL,
    )
    return sheet.line_triple(
        "DCF bar: enterprise value",
        [f"{cell}*dcf_enterprise_value" for cell in ratios.cells],
        Kind.MONEY,
        name="dcf_bar",
    )
