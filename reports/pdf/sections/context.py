"""Risk, growth and the economy: the company-specific premium factor by factor, revenue growth
against the peers, and where the RBA's rates and inflation stand with the series charted.

The stored result keeps, for each RBA series, its latest observation and the one it is compared
with (about three months earlier, `valuation.economy`), not the whole history: the chart draws
those points, and says so.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.platypus import Flowable, KeepTogether

from reports.model import ReportData
from reports.pdf.blocks import (
    Cell,
    cell,
    data_table,
    heading,
    note,
    pairs_table,
    paragraph,
    subheading,
    text,
)
from reports.pdf.charts import SeriesPoints, series_chart
from reports.pdf.formatting import MISSING, percent, points, short_date, yes_no
from reports.pdf.styles import FRAME_WIDTH, Styles

FACTOR_NAMES = {
    "size": "Size",
    "margin": "EBITDA margin",
    "earnings_volatility": "Earnings volatility",
    "revenue_growth": "Revenue growth",
}
ECONOMY_ORDER = ("cash_rate", "ten_year_yield", "cpi_inflation", "trimmed_mean_inflation")


def risk_and_growth(data: ReportData, styles: Styles) -> list[Flowable]:
    risk: dict[str, Any] = data.payload.get("risk") or {}
    growth: dict[str, Any] = data.payload.get("growth") or {}
    flow: list[Flowable] = [heading("Risk and growth", styles)]
    factors = risk.get("factors") or []
    if factors:
        rows: list[list[Cell]] = [
            [
                FACTOR_NAMES.get(f["name"], f["name"]),
                cell(text(f["explanation"]), styles),
                points(f["contribution"]),
                points(f["maximum"]),
            ]
            for f in factors
        ]
        rows.append(
            [
                cell("<b>Company-specific risk premium</b>", styles),
                "",
                cell(f"<b>{points(risk.get('premium'))}</b>", styles, right=True),
                "",
            ]
        )
        flow += [
            paragraph(
                "Added to the cost of equity: a continuous sum of four factors, each from none to "
                "its maximum, capped at 6 pp. Leverage is in the relevered beta, market-wide risk "
                "in the market risk premium.",
                styles,
            ),
            data_table(
                ["Factor", "Reading", "Adds", "At most"],
                rows,
                [1.6, 4.0, 0.9, 0.9],
                styles,
                numeric_from=2,
            ),
        ]
    if growth:
        percentile = growth.get("percentile_vs_peers")
        rows = [
            ["Historical revenue CAGR", percent(growth.get("historical_cagr"))],
            ["Forecast revenue CAGR", percent(growth.get("forecast_cagr"))],
            ["Peers' median revenue CAGR", percent(growth.get("peer_median_cagr"))],
            [
                "Historical growth's percentile among the peers",
                MISSING if percentile is None else f"{percentile:.0f}th",
            ],
        ]
        flow += [subheading("Growth", styles), pairs_table(rows, [5.0, 1.4], styles)]
        flow += [note(text(n), styles) for n in growth.get("notes") or ()]
    return flow


def economy_section(data: ReportData, styles: Styles) -> list[Flowable]:
    economy: dict[str, Any] = data.payload.get("economy") or {}
    readings = [economy[k] for k in ECONOMY_ORDER if economy.get(k)]
    flow: list[Flowable] = [heading("Economic context", styles)]
    if not readings:
        return [*flow, paragraph("The result holds no RBA series.", styles)]
    rows: list[list[Cell]] = [
        [
            cell(
                f"<b>{text(r['title'])}</b><br/><font size='6.5'>{text(r['series_id'])}</font>",
                styles,
            ),
            percent(r["value"], 2),
            short_date(date.fromisoformat(r["as_of"])),
            percent(r.get("previous_value"), 2),
            short_date(_day(r.get("previous_as_of"))),
            points(r.get("change")),
            r.get("direction") or MISSING,
            yes_no(bool(r.get("stale"))),
        ]
        for r in readings
    ]
    series = [
        SeriesPoints(
            r["title"],
            [d for d in (_day(r.get("previous_as_of")), _day(r["as_of"])) if d is not None],
            [v for v in (r.get("previous_value"), r["value"]) if v is not None],
        )
        for r in readings
    ]
    flow += [
        paragraph(
            "The Reserve Bank of Australia's series behind the risk-free rate (the 10-year "
            "yield) and the backdrop of rates and inflation, each against its observation about "
            "three months earlier. A move within 5 basis points is steady.",
            styles,
        ),
        data_table(
            ["Series", "Latest", "As of", "Earlier", "As of", "Change", "Direction", "Stale"],
            rows,
            [2.6, 0.9, 1.0, 0.9, 1.0, 0.9, 0.9, 0.6],
            styles,
        ),
        KeepTogether(
            [
                subheading("The RBA series", styles),
                series_chart(series, FRAME_WIDTH, 160),
                note(
                    "The valuation stores each series' latest observation and the one it is "
                    "compared with, so the chart draws those two points per series.",
                    styles,
                ),
            ]
        ),
    ]
    return flow


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
