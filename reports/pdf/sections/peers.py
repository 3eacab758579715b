"""The peers as used: each one's multiples, beta and gearing, which statistics it was left out of
and why (so the peers listed reproduce the medians applied), the caller's own peers, and the
precedent transactions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, KeepTogether

from reports.model import ReportData
from reports.pdf.blocks import Cell, cell, data_table, note, paragraph, subheading, text
from reports.pdf.formatting import (
    MISSING,
    aud_millions,
    method_name,
    multiple,
    number,
    percent,
    short_date,
    yes_no,
)
from reports.pdf.styles import Styles
from valuation.engine import Peer


@dataclass(frozen=True)
class Column:
    title: str
    key: str  # TradingMultiples field, and the comparables statistic of the same name
    method: str  # the method whose exclusions grey this column
    show: Callable[[float | None], str]
    always: bool = False  # shown even when no peer has the figure


COLUMNS = (
    Column("EV/EBITDA", "ev_to_ebitda", "EV_TO_EBITDA", multiple, always=True),
    Column("EV/EBIT", "ev_to_ebit", "EV_TO_EBIT", multiple, always=True),
    Column("P/E", "price_to_earnings", "PRICE_TO_EARNINGS", multiple, always=True),
    Column("P/B", "price_to_book", "PRICE_TO_BOOK", lambda v: multiple(v, 2)),
    Column("P/NTA", "price_to_nta", "PRICE_TO_NTA", lambda v: multiple(v, 2)),
    Column("Dividend yield", "dividend_yield", "DIVIDEND_YIELD", lambda v: percent(v, 2)),
)


def _columns(peers: Sequence[Peer]) -> list[Column]:
    return [
        c
        for c in COLUMNS
        if c.always or any(getattr(p.multiples, c.key) is not None for p in peers)
    ]


def peers_section(data: ReportData, styles: Styles) -> list[Flowable]:
    result = data.result
    flow: list[Flowable] = [subheading("Peers", styles)]
    everyone = [*result.peers, *result.custom_peers]
    columns = _columns(everyone)
    if result.peers:
        flow.append(
            paragraph(
                f"{len(result.peers)} ASX peers from the {text(data.inputs.gics_industry_group)} "
                "industry group, on their LTM multiples (EV including lease liabilities, after "
                "AASB 16). A figure in grey italics was left out of that statistic; the last "
                "column says why.",
                styles,
            )
        )
        flow.append(_peer_table(data, result.peers, columns, styles, with_statistics=True))
    else:
        flow.append(paragraph("No ASX peers were used.", styles))
    if result.custom_peers:
        flow.append(subheading("Your peers", styles))
        flow.append(
            paragraph(
                "The comparables supplied with the valuation (provenance: the caller), shown "
                "apart from the providers' peers.",
                styles,
            )
        )
        flow.append(_peer_table(data, result.custom_peers, columns, styles, with_statistics=False))
        sources = [p for p in result.custom_peers if p.source_note]
        for peer in sources:
            flow.append(note(f"{text(peer.ticker)}: {text(peer.source_note or '')}", styles))
    flow += _transactions(data, styles)
    return flow


def _peer_table(
    data: ReportData,
    peers: Sequence[Peer],
    columns: Sequence[Column],
    styles: Styles,
    *,
    with_statistics: bool,
) -> Flowable:
    rows: list[list[Cell]] = []
    for peer in peers:
        exclusions = data.result.exclusions_of(peer)
        left_out = {e.method for e in exclusions}
        row: list[Cell] = [cell(f"<b>{text(peer.ticker)}</b>", styles)]
        for column in columns:
            shown = column.show(getattr(peer.multiples, column.key))
            if column.method in left_out and shown != MISSING:
                shown = f"<i><font color='#8A8F96'>{shown}</font></i>"
            row.append(cell(shown, styles, right=True))
        row += [
            cell(number(peer.levered_beta), styles, right=True),
            cell(number(peer.debt_to_equity), styles, right=True),
            cell(percent(peer.revenue_cagr), styles, right=True),
            cell(
                "<br/>".join(
                    f"{text(method_name(e.method))} {e.period}: {text(e.reason)}"
                    for e in exclusions
                )
                or MISSING,
                styles,
            ),
        ]
        rows.append(row)
    if with_statistics:
        rows += _statistics_rows(data, columns, styles)
    header = ["Peer", *(c.title for c in columns), "Beta", "D/E", "Revenue CAGR", "Left out of"]
    fractions = [0.9, *([1.15] * len(columns)), 0.8, 0.8, 1.1, 3.2]
    return data_table(header, rows, fractions, styles)


def _statistics_rows(
    data: ReportData, columns: Sequence[Column], styles: Styles
) -> list[list[Cell]]:
    comparables: dict[str, Any] = data.payload.get("comparables") or {}
    median: list[Cell] = [cell("<b>Median</b>", styles)]
    quartiles: list[Cell] = [cell("<b>p25 – p75</b>", styles)]
    for column in columns:
        stats = comparables.get(column.key) or {}
        count = stats.get("n")
        median.append(
            cell(
                f"<b>{column.show(stats.get('median'))}</b>"
                + (f"<br/><font size='6'>n = {count}</font>" if count else ""),
                styles,
                right=True,
            )
        )
        quartiles.append(
            cell(
                f"{column.show(stats.get('p25'))} – {column.show(stats.get('p75'))}"
                if stats.get("p25") is not None
                else MISSING,
                styles,
                right=True,
            )
        )
    blank: list[Cell] = ["", "", "", ""]
    return [median + blank, quartiles + blank]


def _transactions(data: ReportData, styles: Styles) -> list[Flowable]:
    deals = data.result.precedent_transactions
    if not deals:
        return []
    rows: list[list[Cell]] = [
        [
            cell(text(d.target), styles),
            cell(text(d.acquirer), styles),
            cell(short_date(d.announced_on), styles, right=True),
            cell(aud_millions(d.enterprise_value), styles, right=True),
            cell(multiple(d.ev_to_ebitda), styles, right=True),
            cell(percent(d.control_premium), styles, right=True),
            cell(yes_no(d.provenance.synthetic), styles, right=True),
        ]
        for d in deals
    ]
    stats: dict[str, Any] = data.payload.get("transactions") or {}
    premium = data.payload.get("median_control_premium")
    # Together: a table that would run over onto the next page starts there, under its heading.
    return [
        KeepTogether(
            [
                subheading("Precedent transactions", styles),
                paragraph(
                    "The peers' acquisitions, on a control basis: their multiples include the "
                    "premium paid for control. Median EV/EBITDA "
                    f"{multiple(stats.get('median'))} over {stats.get('n', 0)} deals; median "
                    f"control premium {percent(premium)}.",
                    styles,
                ),
                data_table(
                    [
                        "Target",
                        "Acquirer",
                        "Announced",
                        "EV",
                        "EV/EBITDA",
                        "Control premium",
                        "Synthetic",
                    ],
                    rows,
                    [2.6, 2.0, 1.3, 1.0, 1.3, 1.1, 1.2],
                    styles,
                    numeric_from=2,
                ),
            ]
        )
    ]
