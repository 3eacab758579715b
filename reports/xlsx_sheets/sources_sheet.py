"""The Sources sheet: where the figures came from, as values: the valuation itself, each upstream
data source with its date, the figures taken from uploaded documents, the RBA series, the
engine's warnings, and which of the workbook's figures are values rather than formulas."""

from __future__ import annotations

from reports.xlsx_sheets.book import Kind, ModelBook, Role, Sheet
from reports.xlsx_sheets.facts import ModelFacts

VALUES_NOT_FORMULAS = (
    "Peers' multiples, betas and gearing, and the precedent transactions: upstream data (or the "
    "caller's custom peers), as the valuation gathered them.",
    "The risk-free rate, when the caller gave none: the RBA 10-year government bond yield.",
    "The Monte Carlo's P10 / P50 / P90 behind the DCF bar (10,000 seeded draws): carried as "
    "ratios to the deterministic EV, so the bar moves in proportion after a flex.",
    "Which methods apply and on which period: the engine's choice, including its fallbacks to "
    "LTM (no forecast for the period, or no peers on it) and the methods it left out.",
    "The implied terminal growth of the exit-multiple cross-check (a quadratic's chosen root): "
    "see the API's details.",
    "The engine's exclusions listed beside each peer, and the API column of the Checks sheet.",
)


def write_sources(book: ModelBook, facts: ModelFacts) -> None:
    sheet = book.sheet("Sources")
    data, result = facts.data, facts.data.result
    sheet.title("Sources: provenance of the figures", "Values, as stored with the valuation.")
    sheet.section("Valuation")
    sheet.line_value("Valuation id", str(data.valuation_id), Kind.TEXT, Role.ENGINE)
    sheet.line_value("Company", data.company_name, Kind.TEXT, Role.ENGINE)
    sheet.line_value("Prepared for", data.organisation_name, Kind.TEXT, Role.ENGINE)
    sheet.line_value("Requested at", data.created_at.isoformat(), Kind.TEXT, Role.ENGINE)
    sheet.line_value("Valuation date", data.valuation_date, Kind.DATE, Role.ENGINE)
    sheet.section("What is a value, not a formula")
    for text in VALUES_NOT_FORMULAS:
        sheet.line_note(text)
    _table(
        sheet,
        "Data sources",
        ("Subject", "Source", "As of", "Synthetic", "Stale"),
        [(s.subject, s.source.value, s.as_of, s.synthetic, s.stale) for s in result.sources],
    )
    if result.document_sources:
        _table(
            sheet,
            "Figures taken from uploaded documents",
            ("Document", "Fiscal year end", "Field", "Value", "Page", "Label", "Corrected"),
            [
                (
                    str(d.document_id),
                    d.fiscal_year_end,
                    d.field,
                    d.value,
                    d.page,
                    d.label,
                    d.corrected,
                )
                for d in result.document_sources
            ],
        )
    economy = facts.payload.get("economy") or {}
    series = [s for s in economy.values() if isinstance(s, dict) and "series_id" in s]
    if series:
        _table(
            sheet,
            "RBA series",
            ("Series", "Title", "Value", "As of", "Stale"),
            [(s["series_id"], s["title"], s["value"], s["as_of"], s["stale"]) for s in series],
        )
    _table(
        sheet,
        "The engine's warnings",
        ("Code", "Message"),
        [(n.code, n.message) for n in result.notices],
    )
    sheet.widths([40, 30, 14, 18, 10, 30, 10])
    sheet.ws.freeze_panes(3, 0)


def _table(
    sheet: Sheet,
    title: str,
    headers: tuple[str, ...],
    rows: list[tuple[object, ...]],
) -> None:
    sheet.section(title)
    for col, text in enumerate(headers):
        sheet.label(sheet.row, col, text, bold=True)
    sheet.row += 1
    if not rows:
        sheet.line_note("none")
        return
    for values in rows:
        for col, value in enumerate(values):
            if isinstance(value, bool | int | float):
                kind = Kind.FLAG if isinstance(value, bool) else Kind.GENERAL
            elif hasattr(value, "isoformat"):
                kind = Kind.DATE
            else:
                kind = Kind.TEXT
                value = "" if value is None else str(value)
            sheet.value(sheet.row, col, value, kind, Role.ENGINE)  # type: ignore[arg-type]
        sheet.row += 1
