"""The cover: whose report it is, which company, at which date, and what the document is (and is
not) before anything else."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from reports.model import ReportData
from reports.pdf.blocks import text
from reports.pdf.fonts import REGULAR
from reports.pdf.formatting import long_date
from reports.pdf.marks import Mark, MarkFlowable
from reports.pdf.styles import FRAME_WIDTH, Styles, tint

NATURE = (
    "Indicative pricing support for the board and lead manager; not an independent expert's report."
)


def cover(data: ReportData, styles: Styles, mark: Mark | None) -> list[Flowable]:
    palette = styles.palette
    flow: list[Flowable] = [Spacer(1, 12 * mm)]
    if mark is not None:
        flow.append(MarkFlowable(mark, 80 * mm, 22 * mm))
        if data.branding.logo is not None:  # a logo may not spell the name; ours does
            flow += [Spacer(1, 3 * mm), Paragraph(text(data.branding.name), styles.title)]
    else:
        flow.append(Paragraph(text(data.branding.name), styles.cover_company))
    flow += [
        Spacer(1, 38 * mm),
        Paragraph("Indicative IPO pricing", styles.title),
        Spacer(1, 3 * mm),
        Paragraph(text(data.company_name), styles.cover_company),
        Paragraph(f"Valuation date: {long_date(data.valuation_date)}", styles.cover_line),
        Paragraph(f"Prepared by {text(data.organisation_name)}", styles.cover_line),
        Paragraph(f"Produced {long_date(data.created_at.date())}", styles.cover_line),
        Spacer(1, 30 * mm),
    ]
    disclaimer = data.branding.disclaimer
    if disclaimer.startswith(NATURE):  # ours opens with it: not printed twice
        disclaimer = disclaimer[len(NATURE) :].strip()
    rows = [[Paragraph(f"<b>{text(NATURE)}</b>", styles.body)]]
    if disclaimer:
        rows.append([Paragraph(text(disclaimer), styles.small)])
    box = Table(
        rows,
        colWidths=[FRAME_WIDTH],
    )
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # not Helvetica, unembedded
                ("BACKGROUND", (0, 0), (-1, -1), tint(palette.primary, 0.08)),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, palette.primary),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, 0), 9),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
            ]
        )
    )
    flow.append(box)
    return flow
