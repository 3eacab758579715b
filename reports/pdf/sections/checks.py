"""The ASX admission checks (figures only; ASX judges the rest) and every warning of the
valuation with its stable code."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from reports.model import ReportData
from reports.pdf.blocks import Cell, cell, data_table, heading, paragraph, text
from reports.pdf.formatting import check_name
from reports.pdf.styles import FAIL, PASS, UNDECIDED, Styles

OUTCOMES = {
    "PASS": ("Pass", PASS),
    "FAIL": ("Fail", FAIL),
    "NOT_DETERMINABLE": ("Not determinable", UNDECIDED),
}


def admission_section(data: ReportData, styles: Styles) -> list[Flowable]:
    checks: list[dict[str, Any]] = data.result.admission
    flow: list[Flowable] = [heading("ASX admission checks", styles)]
    if not checks:
        return [*flow, paragraph("The result holds no admission checks.", styles)]
    rows: list[list[Cell]] = []
    for check in checks:
        label, colour = OUTCOMES.get(check["outcome"], (check["outcome"], UNDECIDED))
        decided_by = check.get("decided_by") or []
        explanation = text(check["explanation"])
        if decided_by:
            explanation += f"<br/><i>Decided by: {text(', '.join(decided_by))}</i>"
        rows.append(
            [
                cell(f"<b>{text(check_name(check['name']))}</b>", styles),
                cell(
                    f"<b><font color='{colour.hexval().replace('0x', '#')}'>{label}</font></b>",
                    styles,
                ),
                cell(explanation, styles),
                cell(text(check["rule"]), styles),
            ]
        )
    return [
        *flow,
        paragraph(
            "The candidate against the ASX's quantitative conditions for admission (thresholds "
            "as introduced on 19 December 2016). A missing figure is never a pass or a fail. "
            "Going concern, the same main business, audited accounts, working capital and ASX's "
            "discretion are for ASX to judge.",
            styles,
        ),
        data_table(
            ["Check", "Outcome", "The figures", "Listing rule"],
            rows,
            [1.4, 1.3, 4.1, 2.2],
            styles,
            numeric_from=4,
        ),
    ]


def warnings_section(data: ReportData, styles: Styles) -> list[Flowable]:
    flow: list[Flowable] = [heading("Warnings", styles)]
    notices = data.result.notices
    if not notices and not data.result.warnings:
        return [*flow, paragraph("The valuation raised no warnings.", styles)]
    if notices:
        rows: list[list[Cell]] = [
            [cell(f"<b>{text(n.code)}</b>", styles), cell(text(n.message), styles)] for n in notices
        ]
        flow.append(
            paragraph("What to look at before relying on the figures, each with its code.", styles)
        )
        flow.append(data_table(["Code", "Warning"], rows, [1.9, 6.0], styles, numeric_from=2))
    else:  # results stored before warnings had codes
        flow += [paragraph(f"• {text(w)}", styles) for w in data.result.warnings]
    return flow
