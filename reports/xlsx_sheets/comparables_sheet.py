"""The Comparables sheet: each multiple or yield method's range (the peers' p25 / median / p75 on
the Peers sheet, or the caller's range with its midpoint), the subject's figure on the period
applied, the method's adjustments (the AASB 16 restatement, the franking gross-up, the P/B's ROE
scaling) and the value it gives (valuation/method_values.py and the method modules).

A figure that is not positive makes the value #N/A: the engine leaves such a method out, and the
workbook says so rather than carry a meaningless value into the synthesis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reports.xlsx_sheets.book import Kind, ModelBook, Sheet, Triple
from reports.xlsx_sheets.facts import Bar, ModelFacts
from reports.xlsx_sheets.inputs_sheet import InputsRefs, MethodRow
from reports.xlsx_sheets.peers_sheet import PeersRefs
from valuation.method_set import ValuationMethod

M = ValuationMethod
TITLES = {
    M.EV_TO_EBITDA: "EV / EBITDA (post-AASB 16)",
    M.EV_TO_EBIT: "EV / EBIT",
    M.PRICE_TO_EARNINGS: "Price / earnings",
    M.DIVIDEND_YIELD: "Dividend yield",
    M.PRICE_TO_BOOK: "Price / book",
    M.PRICE_TO_NTA: "Price / NTA",
    M.PRICE_TO_EMBEDDED_VALUE: "Price / embedded value",
    M.PRECEDENT_TRANSACTIONS: "Precedent transactions (EV / LTM EBITDA, control basis)",
}


@dataclass(frozen=True, slots=True)
class BarValue:
    """A method's own value: enterprise or equity, as it gives."""

    value: Triple
    gives: str


def write_comparables(
    book: ModelBook, facts: ModelFacts, inputs: InputsRefs, peers: PeersRefs
) -> dict[str, BarValue]:
    sheet = book.sheet("Comparables")
    sheet.title(
        "Comparables: multiples and yields applied to the subject",
        "Peers' ranges are their p25 / median / p75 (PERCENTILE.INC, as numpy's default the "
        "engine uses); a caller's range has its midpoint as mid.",
    )
    found: dict[str, BarValue] = {}
    for bar in facts.bars:
        if bar.method is M.DCF:
            continue
        found[bar.stored.method] = _method(
            sheet, bar, inputs, inputs.methods[bar.stored.method], peers
        )
    if not found:
        sheet.line_note("This valuation applies no multiple or yield method.")
    sheet.widths([46, 18, 18, 18, 80])
    sheet.ws.freeze_panes(3, 1)
    return found


def _method(
    sheet: Sheet,
    bar: Bar,
    inputs: InputsRefs,
    row: MethodRow,
    peers: PeersRefs,
) -> BarValue:
    method = bar.method
    sheet.section(TITLES[method])
    sheet.line_formula("Weight", row.weight, Kind.DECIMAL)
    period = sheet.line_formula(
        "Period applied", row.period_applied, Kind.TEXT, note="the engine's (Inputs sheet)"
    )
    sheet.triple_header()
    kind = Kind.PERCENT if method is M.DIVIDEND_YIELD else Kind.MULTIPLE
    multiples = _multiples(sheet, bar, row, peers, kind)
    periods = inputs.periods

    def of_period(field: str) -> str:
        return periods.of_period(field, period)

    slug = bar.slug
    if method in (M.EV_TO_EBITDA, M.PRECEDENT_TRANSACTIONS):
        metric = sheet.line_formula(
            "EBITDA after AASB 16",
            f"{of_period('ebitda')}+ebitda_lease_adjustment",
            Kind.MONEY,
            note="the period's EBITDA plus the lease restatement (Inputs)",
        )
        return _multiplied(sheet, metric, multiples, "enterprise", slug)
    if method is M.EV_TO_EBIT:
        metric = sheet.line_formula("EBIT", of_period("ebit"), Kind.MONEY)
        return _multiplied(sheet, metric, multiples, "enterprise", slug)
    if method is M.PRICE_TO_EARNINGS:
        metric = sheet.line_formula("NPAT", of_period("net_income"), Kind.MONEY)
        return _multiplied(sheet, metric, multiples, "equity", slug)
    if method is M.DIVIDEND_YIELD:
        return _dividend_yield(sheet, bar, multiples, of_period, slug)
    if method is M.PRICE_TO_BOOK:
        ltm_npat = periods.cell("net_income", periods.ltm_col)
        return _price_to_book(sheet, bar, multiples, ltm_npat, peers, slug)
    if method is M.PRICE_TO_NTA:
        metric = sheet.line_formula("Net tangible assets", "net_tangible_assets", Kind.MONEY)
        return _multiplied(sheet, metric, multiples, "equity", slug)
    metric = sheet.line_formula("Embedded value", "embedded_value", Kind.MONEY)
    return _multiplied(sheet, metric, multiples, "equity", slug)


def _multiples(sheet: Sheet, bar: Bar, row: MethodRow, peers: PeersRefs, kind: Kind) -> Triple:
    if bar.choice.multiple_range is not None:
        return sheet.line_triple(
            "Caller's range (mid: the midpoint)",
            [row.range_low, f"({row.range_low}+{row.range_high})/2", row.range_high],
            kind,
        )
    if bar.from_transactions:
        assert peers.transactions is not None
        stats = peers.transactions
        label = "Transactions' p25 / median / p75"
    else:
        assert bar.statistic is not None
        stats = peers.statistics[bar.statistic]
        label = f"Peers' p25 / median / p75 ({bar.statistic.period})"
    return sheet.line_triple(label, list(stats.range.cells), kind, note="Peers sheet")


def _multiplied(sheet: Sheet, metric: str, multiples: Triple, gives: str, slug: str) -> BarValue:
    label = "Enterprise value" if gives == "enterprise" else "Equity value"
    value = sheet.line_triple(
        label,
        [f"IF({metric}>0,{metric}*{m},NA())" for m in multiples.cells],
        Kind.MONEY,
        name=f"{slug}_own_value",
        note="the figure x the multiple; #N/A when the figure is not positive",
    )
    return BarValue(value, gives)


def _dividend_yield(
    sheet: Sheet, bar: Bar, yields: Triple, of_period: Callable[[str], str], slug: str
) -> BarValue:
    dividends = sheet.line_formula(
        "Cash dividends",
        f"IF(ISNUMBER({of_period('dividends')}),{of_period('dividends')},"
        f"IF(AND(ISNUMBER(payout_ratio),{of_period('net_income')}>0),"
        f"payout_ratio*{of_period('net_income')},NA()))",
        Kind.MONEY,
        note="the period's dividends, else the payout ratio x NPAT",
    )
    factor = sheet.line_formula(
        "Gross-up factor",
        "1+franking_percentage*tax_rate/(1-tax_rate)",
        Kind.DECIMAL,
        note="1 + franking x t / (1 - t) (ITAA 1997 s 207-20), at the corporate tax rate",
    )
    # The peers' yields are cash yields; only a caller's range may be grossed up.
    basis_formula = (
        'IF(dividend_yield_basis="GROSSED_UP","GROSSED_UP","CASH")'
        if bar.choice.multiple_range is not None
        else '"CASH"'
    )
    basis = sheet.line_formula("Yield basis", basis_formula, Kind.TEXT)
    metric = sheet.line_formula(
        "Dividends the yield divides",
        f'IF({basis}="GROSSED_UP",{dividends}*{factor},{dividends})',
        Kind.MONEY,
    )
    value = sheet.line_triple(
        "Equity value",
        [f"IF({metric}>0,{metric}/{y},NA())" for y in (yields.high, yields.mid, yields.low)],
        Kind.MONEY,
        name=f"{slug}_own_value",
        note="dividends / yield: the low value at the high yield",
    )
    return BarValue(value, "equity")


def _price_to_book(
    sheet: Sheet, bar: Bar, multiples: Triple, ltm_npat: str, peers: PeersRefs, slug: str
) -> BarValue:
    book = sheet.line_formula("Book equity", "book_equity", Kind.MONEY)
    if bar.choice.multiple_range is not None:
        return _multiplied(sheet, book, multiples, "equity", slug)
    subject = sheet.line_formula(
        "Subject ROE (LTM NPAT / book equity)",
        f'IF(N(book_equity)<>0,{ltm_npat}/book_equity,"")',
        Kind.PERCENT,
    )
    peer_roe = sheet.line_formula(
        "Peers' median ROE",
        peers.price_to_book_roe_median or '""',
        Kind.PERCENT,
        note="of the peers the P/B statistic kept (Peers sheet)",
    )
    sheet.line_formula("Cost of equity", "cost_of_equity", Kind.PERCENT, note="WACC sheet")
    sheet.line_formula("Growth", "terminal_growth", Kind.PERCENT)
    g, ke = "terminal_growth", "cost_of_equity"
    factor = sheet.line_formula(
        "ROE scaling (ROE - g) / (peer ROE - g)",
        f"IF({ke}<={g},NA(),IF(AND(ISNUMBER({subject}),ISNUMBER({peer_roe})),"
        f"IF(AND({subject}>{g},{peer_roe}>{g}),"
        f"(({subject}-{g})/({ke}-{g}))/(({peer_roe}-{g})/({ke}-{g})),1),1))",
        Kind.DECIMAL,
        note="ratio of the justified P/Bs; 1 (unscaled) when an ROE is missing or not above g",
    )
    adjusted = sheet.line_triple(
        "P/B applied", [f"{m}*{factor}" for m in multiples.cells], Kind.MULTIPLE
    )
    return _multiplied(sheet, book, adjusted, "equity", slug)
