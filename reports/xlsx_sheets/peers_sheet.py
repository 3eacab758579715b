"""The Peers sheet: each peer's multiples and beta as the result lists them, the statistics the
valuation used, and the precedent transactions.

Exclusions are made by formula, by the engine's rules (valuation/comparables.py), so that a
changed multiple re-decides them: a peer on another period, an EV multiple of a peer whose
accounts predate AASB 16, a missing or non-positive value, and, with 5 or more positive values,
an outlier outside [Q1 - 1.5 IQR, Q3 + 1.5 IQR]. Each statistic has two columns: the positive
values ("positive") and the values used ("used"); a peer left out shows its reason as text there,
which the statistics functions skip. Quartiles are PERCENTILE.INC, numpy's default "linear"
percentile that the engine uses (Hyndman and Fan type 7). The engine's own exclusions are listed
beside each peer, as values, for comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reports.xlsx_sheets.book import Kind, ModelBook, Role, Sheet, Triple
from reports.xlsx_sheets.facts import ModelFacts, Statistic

MULTIPLE_COLUMNS = (
    ("ev_to_ebitda", "EV/EBITDA", Kind.MULTIPLE),
    ("ev_to_ebit", "EV/EBIT", Kind.MULTIPLE),
    ("ev_to_revenue", "EV/Revenue", Kind.MULTIPLE),
    ("price_to_earnings", "P/E", Kind.MULTIPLE),
    ("price_to_book", "P/B", Kind.MULTIPLE),
    ("price_to_nta", "P/NTA", Kind.MULTIPLE),
    ("dividend_yield", "Dividend yield (cash)", Kind.PERCENT),
    ("return_on_equity", "ROE", Kind.PERCENT),
)
TUKEY_MIN_VALUES = 5  # valuation.comparables.OUTLIER_MIN_VALUES
TUKEY_FACTOR = "1.5"  # valuation.comparables.OUTLIER_IQR_FACTOR
STAT_HEADERS = (
    "Statistic",
    "Positive values",
    "Q1 (positive)",
    "Q3 (positive)",
    "Lower fence",
    "Upper fence",
    "n used",
    "Min",
    "p25",
    "Median",
    "p75",
    "Max",
)


@dataclass(frozen=True, slots=True)
class StatisticRefs:
    used_col: int  # the column of the values used (a left-out peer shows its reason)
    n: str
    range: Triple  # p25 / median / p75
    median: str


@dataclass(frozen=True, slots=True)
class PeersRefs:
    statistics: dict[Statistic, StatisticRefs]
    transactions: StatisticRefs | None
    unlevered_betas: str  # a column range; blank where a peer has no beta
    gearings_of_beta_peers: str
    levered_betas: str
    price_to_book_roe_median: str | None  # the ROE of the peers the P/B statistic kept


def write_peers(book: ModelBook, facts: ModelFacts) -> PeersRefs:
    sheet = book.sheet("Peers")
    sheet.title(
        "Peers: multiples and betas as the valuation used them",
        "Values are upstream data (or the caller's custom peers); exclusions and statistics are "
        "formulas by the engine's rules.",
    )
    header = sheet.row
    first = header + 1
    last = header + max(len(facts.peers), 1)
    columns = _peer_columns(sheet, facts, header)
    stats_row = last + 3
    found: dict[Statistic, StatisticRefs] = {}
    col = columns.next_free
    for offset, statistic in enumerate(facts.statistics):
        found[statistic] = _statistic(
            sheet,
            header,
            first,
            last,
            col,
            stats_row + 1 + offset,
            _statistic_label(statistic),
            _peer_positive(sheet, columns, statistic),
            statistic.name,
        )
        col += 2
    roe_median = None
    pb = next((s for s in facts.statistics if s.multiple == "price_to_book"), None)
    if pb is not None:
        used_col = found[pb].used_col
        roe_median = _price_to_book_roe(sheet, header, first, last, col, used_col, columns)
        col += 1
    _stats_header(sheet, stats_row)
    transactions = None
    sheet.row = stats_row + len(facts.statistics) + 2
    if facts.transactions:
        transactions = _transactions(sheet, facts)
    sheet.widths([30] + [16] * 5 + [14] * 11 + [60])
    sheet.ws.set_column(columns.next_free, col, 20)
    sheet.ws.freeze_panes(header + 1, 1)
    return PeersRefs(
        statistics=found,
        transactions=transactions,
        unlevered_betas=sheet.column_span(columns.unlevered_beta, first, last),
        gearings_of_beta_peers=sheet.column_span(columns.beta_gearing, first, last),
        levered_betas=sheet.column_span(columns.levered_beta, first, last),
        price_to_book_roe_median=roe_median,
    )


@dataclass(frozen=True, slots=True)
class _Columns:
    period: int
    post_aasb16: int
    multiples: dict[str, int]
    levered_beta: int
    unlevered_beta: int
    beta_gearing: int
    next_free: int


def _peer_columns(sheet: Sheet, facts: ModelFacts, header: int) -> _Columns:
    fixed = ["Peer", "Supplied by", "Country", "Period", "Post-AASB 16"]
    fixed += [label for _, label, _ in MULTIPLE_COLUMNS]
    fixed += [
        "Levered beta",
        "Debt / equity",
        "Unlevered beta",
        "D/E (peers with a beta)",
        "The engine's exclusions",
    ]
    for col, text in enumerate(fixed):
        sheet.label(header, col, text, bold=True)
    multiples = {field: 5 + i for i, (field, _, _) in enumerate(MULTIPLE_COLUMNS)}
    beta_col = 5 + len(MULTIPLE_COLUMNS)
    result = facts.data.result
    for offset, peer in enumerate(facts.peers, start=1):
        row = header + offset
        sheet.value(row, 0, peer.ticker, Kind.TEXT, Role.ENGINE)
        sheet.value(row, 1, peer.supplied_by, Kind.TEXT, Role.ENGINE)
        sheet.value(row, 2, peer.country, Kind.TEXT, Role.ENGINE)
        sheet.value(row, 3, peer.period, Kind.TEXT, Role.ENGINE)
        sheet.value(row, 4, peer.multiples.post_aasb16, Kind.FLAG, Role.ENGINE)
        for field, _, kind in MULTIPLE_COLUMNS:
            sheet.value(row, multiples[field], getattr(peer.multiples, field), kind, Role.ENGINE)
        beta = sheet.local(row, beta_col, absolute=False)
        gearing = sheet.local(row, beta_col + 1, absolute=False)
        sheet.value(row, beta_col, peer.levered_beta, Kind.DECIMAL, Role.ENGINE)
        sheet.value(row, beta_col + 1, peer.debt_to_equity, Kind.DECIMAL, Role.ENGINE)
        # Hamada, on the DCF's tax rate and net cash counted as no debt (engine._wacc).
        sheet.formula(
            row,
            beta_col + 2,
            f'IF(ISNUMBER({beta}),{beta}/(1+(1-tax_rate_dcf)*MAX({gearing},0)),"")',
            Kind.DECIMAL,
        )
        sheet.formula(row, beta_col + 3, f'IF(ISNUMBER({beta}),MAX({gearing},0),"")', Kind.DECIMAL)
        exclusions = "; ".join(
            f"{e.method} {e.period}: {e.reason}" for e in result.exclusions_of(peer)
        )
        sheet.value(row, beta_col + 4, exclusions, Kind.TEXT, Role.API)
    return _Columns(
        period=3,
        post_aasb16=4,
        multiples=multiples,
        levered_beta=beta_col,
        unlevered_beta=beta_col + 2,
        beta_gearing=beta_col + 3,
        next_free=beta_col + 5,
    )


def _statistic_label(statistic: Statistic) -> str:
    label = next(text for field, text, _ in MULTIPLE_COLUMNS if field == statistic.multiple)
    return f"{label} {statistic.period}"


def _peer_positive(sheet: Sheet, columns: _Columns, statistic: Statistic) -> Callable[[int], str]:
    """The formula of one peer's value as the statistic may count it, or the reason it cannot."""

    def positive(row: int) -> str:
        value = sheet.local(row, columns.multiples[statistic.multiple])
        period = sheet.local(row, columns.period)
        post = sheet.local(row, columns.post_aasb16)
        formula = f'IF(NOT(ISNUMBER({value})),"missing",IF({value}<=0,"not positive",{value}))'
        if statistic.enterprise:
            formula = f'IF(NOT({post}),"pre-AASB 16",{formula})'
        return f'IF({period}<>"{statistic.period}","other period",{formula})'

    return positive


def _statistic(
    sheet: Sheet,
    header: int,
    first: int,
    last: int,
    col: int,
    stats_row: int,
    label: str,
    positive: Callable[[int], str],
    name: str,
) -> StatisticRefs:
    """Two columns over the rows first..last (positive values, values used) and one row of
    statistics; returns the statistics' cells."""
    sheet.label(header, col, f"{label}: positive", bold=True)
    sheet.label(header, col + 1, f"{label}: used", bold=True)
    positives = sheet.column_span(col, first, last)
    used = sheet.column_span(col + 1, first, last)
    n_pos, q1, q3, lower, upper = (sheet.ref(stats_row, c) for c in range(1, 6))
    for row in range(first, last + 1):
        value = sheet.local(row, col)
        sheet.formula(row, col, positive(row), Kind.DECIMAL)
        sheet.formula(
            row,
            col + 1,
            f"IF(ISNUMBER({value}),IF({n_pos}<{TUKEY_MIN_VALUES},{value},"
            f'IF(AND({value}>={lower},{value}<={upper}),{value},"outlier")),{value})',
            Kind.DECIMAL,
        )
    sheet.label(stats_row, 0, label)
    sheet.formula(stats_row, 1, f"COUNT({positives})", Kind.COUNT)
    enough = f"{n_pos}>={TUKEY_MIN_VALUES}"
    sheet.formula(stats_row, 2, f'IF({enough},PERCENTILE.INC({positives},0.25),"")', Kind.DECIMAL)
    sheet.formula(stats_row, 3, f'IF({enough},PERCENTILE.INC({positives},0.75),"")', Kind.DECIMAL)
    sheet.formula(stats_row, 4, f'IF({enough},{q1}-{TUKEY_FACTOR}*({q3}-{q1}),"")', Kind.DECIMAL)
    sheet.formula(stats_row, 5, f'IF({enough},{q3}+{TUKEY_FACTOR}*({q3}-{q1}),"")', Kind.DECIMAL)
    n = sheet.formula(stats_row, 6, f"COUNT({used})", Kind.COUNT)
    figures = (
        f"MIN({used})",
        f"PERCENTILE.INC({used},0.25)",
        f"PERCENTILE.INC({used},0.5)",
        f"PERCENTILE.INC({used},0.75)",
        f"MAX({used})",
    )
    suffixes = ("min", "p25", "median", "p75", "max")
    cells = [
        sheet.formula(stats_row, 7 + i, f'IF({n}=0,"",{f})', Kind.DECIMAL, name=f"{name}_{s}")
        for i, (f, s) in enumerate(zip(figures, suffixes, strict=True))
    ]
    return StatisticRefs(
        used_col=col + 1, n=n, range=Triple(cells[1], cells[2], cells[3]), median=cells[2]
    )


def _stats_header(sheet: Sheet, row: int) -> None:
    for col, text in enumerate(STAT_HEADERS):
        sheet.label(row, col, text, bold=True)


def _price_to_book_roe(
    sheet: Sheet,
    header: int,
    first: int,
    last: int,
    col: int,
    used_col: int,
    columns: _Columns,
) -> str:
    """The peers' median ROE over the peers the P/B statistic (its values in `used_col`) kept, a
    loss counted as the negative return it is (valuation/method_values.py)."""
    sheet.label(header, col, "ROE of the P/B peers used", bold=True)
    for row in range(first, last + 1):
        used = sheet.local(row, used_col)
        roe = sheet.local(row, columns.multiples["return_on_equity"])
        sheet.formula(row, col, f'IF(AND(ISNUMBER({used}),ISNUMBER({roe})),{roe},"")', Kind.PERCENT)
    roes = sheet.column_span(col, first, last)
    row = last + 1
    sheet.label(row, 0, "Median ROE of the P/B peers used")
    return sheet.formula(
        row,
        col,
        f'IF(COUNT({roes})=0,"",MEDIAN({roes}))',
        Kind.PERCENT,
        name="peers_price_to_book_roe_median",
    )


def _transactions(sheet: Sheet, facts: ModelFacts) -> StatisticRefs:
    sheet.section("Precedent transactions (control basis)")
    header = sheet.row
    labels = ["Target", "Acquirer", "Announced", "Enterprise value", "EV/EBITDA", "Premium"]
    for col, text in enumerate(labels):
        sheet.label(header, col, text, bold=True)
    first = header + 1
    last = header + len(facts.transactions)
    for offset, deal in enumerate(facts.transactions, start=1):
        row = header + offset
        sheet.value(row, 0, deal.target, Kind.TEXT, Role.ENGINE)
        sheet.value(row, 1, deal.acquirer, Kind.TEXT, Role.ENGINE)
        sheet.value(row, 2, deal.announced_on, Kind.DATE, Role.ENGINE)
        sheet.value(row, 3, deal.enterprise_value, Kind.MONEY, Role.ENGINE)
        sheet.value(row, 4, deal.ev_to_ebitda, Kind.MULTIPLE, Role.ENGINE)
        sheet.value(row, 5, deal.control_premium, Kind.PERCENT, Role.ENGINE)

    def positive(row: int) -> str:
        value = sheet.local(row, 4)
        return f'IF(NOT(ISNUMBER({value})),"missing",IF({value}<=0,"not positive",{value}))'

    stats_row = last + 2
    _stats_header(sheet, stats_row)
    refs = _statistic(
        sheet,
        header,
        first,
        last,
        6,
        stats_row + 1,
        "Transactions EV/EBITDA",
        positive,
        "transactions_ev_to_ebitda",
    )
    sheet.row = stats_row + 2
    return refs
