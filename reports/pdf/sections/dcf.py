"""The discount rate and the DCF: the WACC built up term by term, the cash flows as scheduled
from the valuation date, the terminal value, the sensitivity of the enterprise value to the WACC
and terminal growth (a heatmap of the stored grid) and the Monte Carlo distribution."""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether

from contracts.monte_carlo import Distribution, distribution_of
from reports.model import ReportData
from reports.pdf.blocks import (
    Cell,
    cell,
    data_table,
    half_width,
    heading,
    note,
    pairs_table,
    paragraph,
    side_by_side,
    subheading,
)
from reports.pdf.charts import histogram
from reports.pdf.fonts import BOLD
from reports.pdf.formatting import (
    aud_millions,
    millions,
    multiple,
    number,
    percent,
    points,
    short_date,
)
from reports.pdf.styles import FRAME_WIDTH, Styles, tint
from valuation.monte_carlo import GROWTH_SD, LEVEL_SD, RATE_SD


def wacc_section(data: ReportData, styles: Styles) -> list[Flowable]:
    w: dict[str, Any] = data.payload.get("wacc") or {}
    risk: dict[str, Any] = data.payload.get("risk") or {}
    tax = data.payload.get("tax_rate")
    premium = risk.get("premium")
    given = data.inputs.valuation.assumptions  # only what the caller set
    rows: list[list[Cell]] = [
        [
            "Risk-free rate",
            "set with the valuation"
            if given.risk_free_rate is not None
            else "RBA 10-year Commonwealth bond yield",
            percent(w.get("risk_free_rate"), 2),
        ],
        [
            "Market risk premium",
            "set with the valuation" if given.market_risk_premium is not None else "",
            percent(w.get("market_risk_premium"), 2),
        ],
        [
            "Unlevered beta",
            "peers' median, unlevered on their own gearing",
            number(w.get("unlevered_beta")),
        ],
        ["Levered beta", "relevered at the company's gearing", number(w.get("levered_beta"))],
        [
            "Company-specific risk premium",
            "size, margin, earnings volatility, growth",
            points(premium),
        ],
        [
            cell("<b>Cost of equity</b>", styles),
            "risk-free + levered beta × MRP + premium",
            cell(f"<b>{percent(w.get('cost_of_equity'), 2)}</b>", styles, right=True),
        ],
        ["Pre-tax cost of debt", "", percent(w.get("pre_tax_cost_of_debt"), 2)],
        ["Tax rate", "the rate the DCF uses", percent(tax)],
        ["After-tax cost of debt", "", percent(w.get("after_tax_cost_of_debt"), 2)],
        [
            "Weights: equity / debt",
            "",
            f"{percent(w.get('equity_weight'), 0)} / {percent(w.get('debt_weight'), 0)}",
        ],
        [
            cell("<b>WACC</b>", styles),
            "",
            cell(f"<b>{percent(data.result.wacc.wacc, 2)}</b>", styles, right=True),
        ],
    ]
    return [
        heading("WACC build-up", styles),
        data_table(["Term", "What", "Value"], rows, [2.2, 3.8, 1.2], styles, numeric_from=2),
    ]


def dcf_section(data: ReportData, styles: Styles) -> list[Flowable]:
    dcf: dict[str, Any] | None = data.payload.get("dcf")
    if not dcf:
        return [
            heading("Discounted cash flow", styles),
            paragraph(
                "No DCF was applied: the sector model values this company on book, earnings and "
                "yield (a bank's deposits are operating liabilities, so it has no free cash flow "
                "to the firm to discount).",
                styles,
            ),
        ]
    flow: list[Flowable] = [heading("Discounted cash flow", styles)]
    flow += _cash_flows(dcf, styles)
    flow += _sensitivity(dcf, styles)
    distribution = distribution_of(data.inputs, data.valuation_date, data.payload)
    if distribution is not None:
        flow += _monte_carlo(distribution, styles)
    return flow


def _cash_flows(dcf: dict[str, Any], styles: Styles) -> list[Flowable]:
    schedule = dcf["schedule"]
    dropped = len(schedule["dropped"])
    flows = dcf["cash_flows"][dropped:]
    rows: list[list[Cell]] = [
        [short_date(date.fromisoformat(end)), millions(flow), percent(fraction, 1), f"{time:.2f}"]
        for end, flow, fraction, time in zip(
            schedule["fiscal_year_ends"],
            flows,
            schedule["fractions"],
            schedule["times"],
            strict=True,
        )
    ]
    convention = "mid-year" if schedule["mid_year"] else "year-end"
    source = "projected from history" if dcf.get("projected") else "the company's forecast"
    table = data_table(
        ["Year ending", "FCFF (A$m)", "Still to come", "Years out"],
        rows,
        [1.3, 1.1, 1.1, 1.0],
        styles,
        width=half_width(),
    )
    return [
        paragraph(
            f"Free cash flow to the firm (FCFF) from {source}, valued at "
            f"{short_date(date.fromisoformat(schedule['valuation_date']))} with the {convention} "
            "convention: the first year counts only the part still to come, and each flow is "
            "discounted from the middle of its part of the year.",
            styles,
        ),
        side_by_side([subheading("Cash flows", styles), table], _terminal_value(dcf, styles)),
    ]


def _terminal_value(dcf: dict[str, Any], styles: Styles) -> list[Flowable]:
    v = dcf["valuation"]
    check = v.get("exit_multiple_check") or {}
    rows: list[list[Cell]] = [
        ["Present value of the cash flows", aud_millions(v["present_value_of_cash_flows"])],
        [
            f"Terminal value ({v['terminal_method']}, RONIC {percent(v['ronic'])})",
            aud_millions(v["terminal_value"]),
        ],
        ["Present value of the terminal value", aud_millions(v["present_value_of_terminal_value"])],
        [
            cell("<b>Enterprise value at the WACC</b>", styles),
            cell(f"<b>{aud_millions(v['enterprise_value'])}</b>", styles, right=True),
        ],
        ["Terminal value's share of it", percent(v.get("terminal_value_share"))],
        ["Exit EV/EBITDA the terminal value implies", multiple(v.get("implied_exit_multiple"))],
    ]
    if check:
        rows.append(
            [
                cell(
                    "Cross-check: EV at the peers' median exit multiple "
                    f"{multiple(check.get('exit_multiple'))}",
                    styles,
                ),
                aud_millions(check.get("enterprise_value")),
            ]
        )
    return [
        subheading("Terminal value", styles),
        pairs_table(rows, [3.2, 1.1], styles, width=half_width()),
    ]


def _sensitivity(dcf: dict[str, Any], styles: Styles) -> list[Flowable]:
    rates: list[float] = dcf.get("sensitivity_rates") or []
    growths: list[float] = dcf.get("sensitivity_growths") or []
    grid: list[list[float | None]] = dcf.get("sensitivity") or []
    if not grid:
        return []
    values = [v for row in grid for v in row if v is not None]
    low, high = min(values), max(values)
    primary = styles.palette.primary
    centre_row, centre_column = len(rates) // 2, len(growths) // 2
    rows: list[list[Cell]] = []
    extra: list[tuple[object, ...]] = []
    for r, (rate, row) in enumerate(zip(rates, grid, strict=True)):
        cells: list[Cell] = [cell(f"<b>{percent(rate, 2)}</b>", styles)]
        for c, value in enumerate(row):
            cells.append(millions(value))
            if value is not None:
                strength = 0.08 + 0.5 * ((value - low) / (high - low) if high > low else 0.5)
                extra.append(
                    ("BACKGROUND", (c + 1, r + 1), (c + 1, r + 1), tint(primary, strength))
                )
        rows.append(cells)
    extra += [
        (
            "FONTNAME",
            (centre_column + 1, centre_row + 1),
            (centre_column + 1, centre_row + 1),
            BOLD,
        ),
        (
            "BOX",
            (centre_column + 1, centre_row + 1),
            (centre_column + 1, centre_row + 1),
            1.2,
            colors.black,
        ),
        ("ROWBACKGROUNDS", (0, 1), (0, -1), [colors.white]),
    ]
    header = ["WACC \\ terminal growth", *(percent(g, 1) for g in growths)]
    return [
        KeepTogether(
            [
                subheading("Sensitivity: enterprise value (A$m), WACC × terminal growth", styles),
                data_table(header, rows, [1.8, *([1.0] * len(growths))], styles, extra=extra),
                note(
                    "The same schedule and terminal formula at each WACC and growth; the outlined "
                    "cell is the WACC and growth used. Darker cells are higher values.",
                    styles,
                ),
            ]
        )
    ]


def _monte_carlo(distribution: Distribution, styles: Styles) -> list[Flowable]:
    d = distribution
    parts: list[Flowable] = [subheading("Monte Carlo: the DCF's bar", styles)]
    if d.values is not None:
        parts.append(histogram(d.values, (d.p10, d.p50, d.p90), styles.palette, FRAME_WIDTH, 170))
    else:
        parts.append(
            note(
                "The draws behind these figures could not be made again from the stored input, "
                "so only their percentiles are shown.",
                styles,
            )
        )
    parts.append(
        data_table(
            ["P10", "P50", "P90", "Mean", "Draws", "Discarded"],
            [
                [
                    aud_millions(d.p10),
                    aud_millions(d.p50),
                    aud_millions(d.p90),
                    aud_millions(d.mean),
                    f"{d.draws:,}",
                    f"{d.discarded:,}",
                ]
            ],
            [1.0] * 6,
            styles,
            numeric_from=0,
        )
    )
    parts.append(
        note(
            f"{d.draws + d.discarded:,} draws of the WACC (sd {points(RATE_SD, 1)}), terminal "
            f"growth (sd {points(GROWTH_SD, 1)}) and the level of every cash flow (lognormal, "
            f"log-sd {percent(LEVEL_SD, 0)}), with a fixed seed; draws with "
            "growth at or above the rate are discarded. The enterprise value's P10 / P50 / P90 "
            "are the DCF bar's low / mid / high.",
            styles,
        )
    )
    return [KeepTogether(parts)]
