"""The Inputs sheet: the company's periods, balance-sheet figures and offer, and every assumption
the engine used (its defaults written out where the caller set none), each a named cell that
the other sheets read."""

from __future__ import annotations

from dataclasses import dataclass

from reports.xlsx_sheets.book import Kind, ModelBook, Role, Sheet
from reports.xlsx_sheets.facts import ModelFacts

# The period lines, in the engine's FinancialPeriod names.
PERIOD_LINES = (
    ("revenue", "Revenue"),
    ("ebitda", "EBITDA"),
    ("ebit", "EBIT"),
    ("net_income", "NPAT (net income)"),
    ("depreciation_and_amortisation", "Depreciation and amortisation"),
    ("capital_expenditure", "Capital expenditure (outflow positive)"),
    ("change_in_working_capital", "Change in working capital (investment positive)"),
    ("dividends", "Dividends declared (blank: none given)"),
)
FIRST_PERIOD_COL = 1


@dataclass(frozen=True, slots=True)
class PeriodTable:
    """Where the periods are: one column each, history then forecast."""

    sheet: Sheet
    key_row: int  # LTM-2, LTM-1, LTM, FY1, FY2, ...
    year_end_row: int
    rows: dict[str, int]  # a PERIOD_LINES field -> its row
    history_cols: tuple[int, ...]
    forecast_cols: tuple[int, ...]

    def cell(self, field: str, col: int) -> str:
        return self.sheet.ref(self.rows[field], col)

    def year_end(self, col: int) -> str:
        return self.sheet.ref(self.year_end_row, col)

    def of_period(self, field: str, period_cell: str) -> str:
        """The figure of the period named in `period_cell` (LTM, FY1, FY2)."""
        last = (self.forecast_cols or self.history_cols)[-1]
        values = self.sheet.span(self.rows[field], FIRST_PERIOD_COL, last)
        keys = self.sheet.span(self.key_row, FIRST_PERIOD_COL, last)
        return f"INDEX({values},MATCH({period_cell},{keys},0))"

    def history_span(self, field: str) -> str:
        return self.sheet.span(self.rows[field], self.history_cols[0], self.history_cols[-1])

    @property
    def ltm_col(self) -> int:
        return self.history_cols[-1]


@dataclass(frozen=True, slots=True)
class MethodRow:
    weight: str
    period_applied: str
    range_low: str
    range_high: str


@dataclass(frozen=True, slots=True)
class InputsRefs:
    periods: PeriodTable
    methods: dict[str, MethodRow]  # by method name


def write_inputs(book: ModelBook, facts: ModelFacts) -> InputsRefs:
    sheet = book.sheet("Inputs")
    sheet.title(
        f"Inputs: {facts.data.company_name}",
        "Blue on yellow: the valuation's inputs (change them and every sheet recomputes); blue "
        "on grey: figures from the engine or upstream data; black: formulas.",
    )
    _company(sheet, facts)
    _assumptions(sheet, facts)
    periods = _periods(sheet, facts)
    methods = _methods(sheet, facts)
    sheet.widths([46, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18])
    sheet.ws.freeze_panes(3, 1)
    return InputsRefs(periods, methods)


def _company(sheet: Sheet, facts: ModelFacts) -> None:
    v, data = facts.inputs, facts.data
    sheet.section("Company and offer")
    sheet.line_value("Company", data.company_name, Kind.TEXT)
    sheet.line_value("GICS industry group", data.inputs.gics_industry_group, Kind.TEXT)
    sheet.line_value(
        "Sector model", facts.payload.get("sector"), Kind.TEXT, Role.ENGINE, note="the engine's"
    )
    sheet.line_value(
        "Valuation date",
        data.valuation_date,
        Kind.DATE,
        name="valuation_date",
        note="the caller's, else the day the job was created (Sydney)",
    )
    sheet.line_value("Net debt", v.net_debt, Kind.MONEY, name="net_debt")
    sheet.line_value("Lease liabilities", v.lease_liabilities, Kind.MONEY, name="lease_liabilities")
    sheet.line_value(
        "EBITDA after AASB 16",
        v.ebitda_post_aasb16,
        Kind.FLAG,
        name="ebitda_post_aasb16",
        note="TRUE: lease costs are outside EBITDA",
    )
    sheet.line_value(
        "Annual lease payments",
        v.lease_payments,
        Kind.MONEY,
        name="lease_payments",
        note="restate a pre-AASB 16 EBITDA; blank: none given",
    )
    sheet.line_formula(
        "EBITDA restatement to after AASB 16",
        "IF(ebitda_post_aasb16,0,IF(N(lease_payments)>0,lease_payments,0))",
        Kind.MONEY,
        name="ebitda_lease_adjustment",
        note="added to every period's EBITDA an EV multiple applies to",
    )
    sheet.line_formula(
        "DCF bridge deducts leases",
        "AND(ebitda_post_aasb16,ebitda_lease_adjustment=0)",
        Kind.FLAG,
        name="dcf_deducts_leases",
        note="FCFF before AASB 16 already pays the leases",
    )
    sheet.line_value("Pre-offer shares", v.pre_offer_shares, Kind.COUNT, name="pre_offer_shares")
    sheet.line_value("Primary raise", v.primary_raise, Kind.MONEY, name="primary_raise")
    sheet.line_value("Book equity", v.book_equity, Kind.MONEY, name="book_equity")
    sheet.line_value(
        "Net tangible assets", v.net_tangible_assets, Kind.MONEY, name="net_tangible_assets"
    )
    sheet.line_value("Embedded value", v.embedded_value, Kind.MONEY, name="embedded_value")
    sheet.line_value(
        "Franking percentage", v.franking_percentage, Kind.PERCENT, name="franking_percentage"
    )


def _assumptions(sheet: Sheet, facts: ModelFacts) -> None:
    a = facts.assumptions
    stored = facts.data.inputs.valuation.assumptions
    sheet.section("Assumptions (the engine's defaults where the caller set none)")
    rf_given = a.risk_free_rate is not None
    economy = facts.payload.get("economy") or {}
    ten_year = economy.get("ten_year_yield") or {}
    sheet.line_value(
        "Risk-free rate",
        float(facts.payload["wacc"]["risk_free_rate"]),
        Kind.PERCENT,
        Role.INPUT if rf_given else Role.ENGINE,
        name="risk_free_rate",
        note="the caller's riskFreeRate"
        if rf_given
        else f"RBA 10-year government bond yield (FCMYGBAG10D) as at {ten_year.get('as_of', '?')}",
    )

    def given(field: str) -> str:
        return "the caller's" if getattr(stored, field) is not None else "the engine's default"

    sheet.line_value(
        "Market risk premium",
        a.market_risk_premium,
        Kind.PERCENT,
        name="market_risk_premium",
        note=given("market_risk_premium"),
    )
    sheet.line_value(
        "Corporate tax rate", a.tax_rate, Kind.PERCENT, name="tax_rate", note=given("tax_rate")
    )
    sheet.line_value(
        "Imputation gamma",
        a.imputation_gamma,
        Kind.DECIMAL,
        name="imputation_gamma",
        note="blank or 0: imputation credits not valued; else DCF tax t (1 - gamma)",
    )
    sheet.line_value(
        "Terminal growth",
        a.terminal_growth,
        Kind.PERCENT,
        name="terminal_growth",
        note=given("terminal_growth"),
    )
    sheet.line_value(
        "Return on new invested capital (RONIC)",
        a.return_on_new_invested_capital,
        Kind.PERCENT,
        name="ronic_input",
        note="blank: the WACC (growth adds no value)",
    )
    sheet.line_value(
        "Target debt to equity",
        a.target_debt_to_equity,
        Kind.DECIMAL,
        name="target_debt_to_equity",
        note="blank: the peers' median",
    )
    sheet.line_value(
        "Credit spread over the risk-free rate",
        a.credit_spread,
        Kind.PERCENT,
        name="credit_spread",
        note=given("credit_spread"),
    )
    sheet.line_value(
        "IPO discount (to pre-money equity)",
        a.ipo_discount,
        Kind.PERCENT,
        name="ipo_discount",
        note=given("ipo_discount"),
    )
    sheet.line_value(
        "Offer range width (+/- around the mid)",
        a.offer_range_width,
        Kind.PERCENT,
        name="offer_range_width",
        note=given("offer_range_width"),
    )
    sheet.line_value(
        "Mid-year convention",
        a.mid_year_convention,
        Kind.FLAG,
        name="mid_year_convention",
        note="TRUE: each flow at the middle of its part of the year",
    )
    sheet.line_value(
        "Payout ratio",
        a.payout_ratio,
        Kind.PERCENT,
        name="payout_ratio",
        note="dividends as a share of NPAT where a period gives none",
    )
    sheet.line_value(
        "Dividend yield basis of a caller's range",
        a.dividend_yield_basis,
        Kind.TEXT,
        name="dividend_yield_basis",
        note="CASH or GROSSED_UP",
    )


def _periods(sheet: Sheet, facts: ModelFacts) -> PeriodTable:
    v = facts.inputs
    sheet.section("Financial periods (A$)")
    history, forecast = list(v.history), list(v.forecast)
    periods = history + forecast
    cols = tuple(FIRST_PERIOD_COL + i for i in range(len(periods)))
    key_row = sheet.row
    sheet.label(key_row, 0, "Period", bold=True)
    kind_row = key_row + 1
    sheet.label(kind_row, 0, "Actual / forecast")
    year_end_row = key_row + 2
    sheet.label(year_end_row, 0, "Fiscal year end")
    for i, (col, period) in enumerate(zip(cols, periods, strict=True)):
        if i < len(history):
            back = len(history) - 1 - i
            key, kind = ("LTM" if back == 0 else f"LTM-{back}"), "Actual"
        else:
            key, kind = f"FY{i - len(history) + 1}", "Forecast"
        sheet.value(key_row, col, key, Kind.TEXT, Role.ENGINE)
        sheet.value(kind_row, col, kind, Kind.TEXT, Role.ENGINE)
        sheet.value(year_end_row, col, period.fiscal_year_end, Kind.DATE)
    rows: dict[str, int] = {}
    for offset, (field, label) in enumerate(PERIOD_LINES):
        row = year_end_row + 1 + offset
        rows[field] = row
        sheet.label(row, 0, label)
        for col, period in zip(cols, periods, strict=True):
            sheet.value(row, col, getattr(period, field), Kind.MONEY)
    sheet.row = year_end_row + 1 + len(PERIOD_LINES)
    sheet.note(
        sheet.row,
        0,
        "LTM is the last actual year; FY1, FY2 the forecast's first and second years.",
    )
    sheet.row += 1
    return PeriodTable(
        sheet=sheet,
        key_row=key_row,
        year_end_row=year_end_row,
        rows=rows,
        history_cols=cols[: len(history)],
        forecast_cols=cols[len(history) :],
    )


def _methods(sheet: Sheet, facts: ModelFacts) -> dict[str, MethodRow]:
    sheet.section("Methods")
    header = sheet.row
    for col, text in enumerate(
        (
            "Method",
            "Weight",
            "Period asked",
            "Period applied",
            "Caller's multiple low",
            "Caller's multiple high",
            "Applied?",
        )
    ):
        sheet.label(header, col, text, bold=True)
    found: dict[str, MethodRow] = {}
    bars = {b.method: b for b in facts.bars}
    for offset, choice in enumerate(facts.choices, start=1):
        row = header + offset
        made = bars.get(choice.method)
        low, high = choice.multiple_range or (None, None)
        sheet.label(row, 0, choice.method.value)
        weight = sheet.value(row, 1, choice.weight, Kind.DECIMAL)
        sheet.value(row, 2, choice.period, Kind.TEXT)
        applied = sheet.value(
            row,
            3,
            (made.stored.period or "every forecast year") if made else "",
            Kind.TEXT,
            Role.ENGINE,
        )
        range_low = sheet.value(row, 4, low, Kind.DECIMAL)
        range_high = sheet.value(row, 5, high, Kind.DECIMAL)
        sheet.value(
            row,
            6,
            "applied" if made else facts.left_out_reason(choice),
            Kind.TEXT,
            Role.ENGINE,
        )
        found[choice.method.value] = MethodRow(weight, applied, range_low, range_high)
    sheet.row = header + len(facts.choices) + 1
    sheet.note(
        sheet.row,
        0,
        "The period applied is the engine's: balance-sheet methods and transactions read LTM, and "
        "a period without a forecast, or without peers on it, falls back to LTM on both sides.",
    )
    sheet.row += 1
    return found
