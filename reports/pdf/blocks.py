"""Small builders the sections share: a section heading, a paragraph, a data table that fits the
frame, a row of headline figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from reports.pdf.fonts import REGULAR
from reports.pdf.styles import FRAME_WIDTH, RULE, Styles, table_style

Cell = str | Flowable | list[Flowable]


def text(value: str) -> str:
    """Plain text made safe for a paragraph's markup (`&`, `<`, `>` in names and messages)."""
    return escape(value)


def heading(title: str, styles: Styles) -> Paragraph:
    return Paragraph(text(title), styles.heading)


def subheading(title: str, styles: Styles) -> Paragraph:
    return Paragraph(text(title), styles.subheading)


def paragraph(markup: str, styles: Styles) -> Paragraph:
    return Paragraph(markup, styles.body)


def note(markup: str, styles: Styles) -> Paragraph:
    return Paragraph(markup, styles.note)


def gap(height: float = 6) -> Spacer:
    return Spacer(1, height)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    fractions: Sequence[float],
    styles: Styles,
    *,
    numeric_from: int = 1,
    extra: Sequence[tuple[Any, ...]] = (),
    width: float = FRAME_WIDTH,
) -> Table:
    """A table across the frame: columns get `fractions` of its width (normalised), the header
    repeats on each page the table runs onto."""
    total = sum(fractions)
    widths = [width * f / total for f in fractions]
    header_cells = [
        Paragraph(text(h), styles.header_cell_right if i >= numeric_from else styles.header_cell)
        for i, h in enumerate(header)
    ]
    table = Table([header_cells, *(list(r) for r in rows)], colWidths=widths, repeatRows=1)
    style = table_style(styles.palette, numeric_from=numeric_from)
    for command in extra:
        style.add(*command)
    table.setStyle(style)
    return table


def pairs_table(
    rows: Sequence[Sequence[Cell]],
    fractions: Sequence[float],
    styles: Styles,
    width: float = FRAME_WIDTH,
) -> Table:
    """Label and value rows without a header: a short list of figures."""
    total = sum(fractions)
    table = Table([list(r) for r in rows], colWidths=[width * f / total for f in fractions])
    table.setStyle(table_style(styles.palette, header_rows=0))
    return table


def cell(markup: str, styles: Styles, *, right: bool = False, bold: bool = False) -> Paragraph:
    style = styles.cell_bold if bold else styles.cell_right if right else styles.cell
    return Paragraph(markup, style)


def side_by_side(left: Sequence[Flowable], right: Sequence[Flowable], gutter: float = 14) -> Table:
    """Two columns of flowables, each half the frame less the gutter."""
    half = (FRAME_WIDTH - gutter) / 2
    table = Table([[list(left), "", list(right)]], colWidths=[half, gutter, half])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # not Helvetica, unembedded
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def half_width(gutter: float = 14) -> float:
    return (FRAME_WIDTH - gutter) / 2


def figures(items: Sequence[tuple[str, str]], styles: Styles, columns: int = 3) -> Table:
    """Label over value, `columns` to a row: the summary's key figures."""
    cells: list[list[Cell]] = []
    row: list[Cell] = []
    for label, value in items:
        row.append(
            [Paragraph(text(label), styles.figure_label), Paragraph(value, styles.figure_value)]
        )
        if len(row) == columns:
            cells.append(row)
            row = []
    if row:
        cells.append(row + [""] * (columns - len(row)))
    table = Table(cells, colWidths=[FRAME_WIDTH / columns] * columns)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # not Helvetica, unembedded
                # Values on one line across a row, however many lines their labels take.
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
            ]
        )
    )
    return table
