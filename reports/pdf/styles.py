"""The report's look: colours from the branding, paragraph styles, table styles and the A4 frame.

The primary colour carries the structure (headings, rules, the offer range, the weighted valuation
range); the accent colour is kept for the football field's method bars, so that they can be told
apart from everything else on the page (tests/reports find them by it). Greys carry the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from reports.model import Branding
from reports.pdf.fonts import BOLD, REGULAR

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
HEADER_HEIGHT = 14 * mm  # the band above the frame on every page after the cover
FOOTER_HEIGHT = 10 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN

TEXT = colors.HexColor("#222222")
MUTED = colors.HexColor("#5F6368")
RULE = colors.HexColor("#C9CDD2")
ZEBRA = colors.HexColor("#F4F5F7")
PASS = colors.HexColor("#1E7B34")
FAIL = colors.HexColor("#B3261E")
UNDECIDED = colors.HexColor("#8A5A00")

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def colour(hex_text: str) -> colors.Color:
    """A `#RRGGBB` colour; anything else is refused rather than guessed."""
    if not _HEX.match(hex_text):
        raise ValueError(f"A colour must be #RRGGBB; got {hex_text!r}.")
    return colors.HexColor(hex_text)


def tint(base: colors.Color, strength: float) -> colors.Color:
    """`base` mixed with white: strength 1 is the colour, 0 is white."""
    return colors.Color(
        1 - (1 - base.red) * strength,
        1 - (1 - base.green) * strength,
        1 - (1 - base.blue) * strength,
    )


@dataclass(frozen=True)
class Palette:
    primary: colors.Color
    accent: colors.Color

    @classmethod
    def of(cls, branding: Branding) -> Palette:
        return cls(colour(branding.primary_colour), colour(branding.accent_colour))


@dataclass(frozen=True)
class Styles:
    palette: Palette
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_bold: ParagraphStyle
    header_cell: ParagraphStyle
    header_cell_right: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    title: ParagraphStyle
    cover_company: ParagraphStyle
    cover_line: ParagraphStyle
    figure_label: ParagraphStyle
    figure_value: ParagraphStyle
    headline_value: ParagraphStyle


def styles_for(branding: Branding) -> Styles:
    palette = Palette.of(branding)
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12.5, textColor=TEXT)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=10)
    cell = ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9.5)
    return Styles(
        palette=palette,
        body=body,
        small=small,
        note=ParagraphStyle("note", parent=small, textColor=MUTED, spaceBefore=3),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        header_cell=ParagraphStyle(
            "header_cell", parent=cell, fontName=BOLD, textColor=colors.white
        ),
        header_cell_right=ParagraphStyle(
            "header_cell_right",
            parent=cell,
            fontName=BOLD,
            textColor=colors.white,
            alignment=TA_RIGHT,
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=14,
            leading=18,
            textColor=palette.primary,
            spaceBefore=16,
            spaceAfter=6,
        ),
        subheading=ParagraphStyle(
            "subheading",
            parent=body,
            fontName=BOLD,
            fontSize=10.5,
            leading=14,
            textColor=palette.primary,
            spaceBefore=10,
            spaceAfter=4,
        ),
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=13, leading=17, textColor=MUTED
        ),
        cover_company=ParagraphStyle(
            "cover_company",
            parent=body,
            fontName=BOLD,
            fontSize=26,
            leading=32,
            textColor=palette.primary,
            spaceAfter=8,
        ),
        cover_line=ParagraphStyle("cover_line", parent=body, fontSize=11, leading=16),
        figure_label=ParagraphStyle(
            "figure_label", parent=body, fontSize=7.5, leading=10, textColor=MUTED
        ),
        figure_value=ParagraphStyle(
            "figure_value", parent=body, fontName=BOLD, fontSize=10.5, leading=13, alignment=TA_LEFT
        ),
        headline_value=ParagraphStyle(
            "headline_value",
            parent=body,
            fontName=BOLD,
            fontSize=17,
            leading=21,
            textColor=palette.primary,
        ),
    )


def table_style(
    palette: Palette, *, numeric_from: int = 1, header_rows: int = 1, zebra: bool = True
) -> TableStyle:
    """A data table: a header row on the primary colour, numbers right-aligned from column
    `numeric_from`, light rules between rows."""
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("LEADING", (0, 0), (-1, -1), 9.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE),
    ]
    if not header_rows:
        commands.append(("LINEABOVE", (0, 0), (-1, 0), 0.25, RULE))
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), palette.primary),
            ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
            ("FONTNAME", (0, 0), (-1, header_rows - 1), BOLD),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ]
    style = TableStyle(commands)  # type: ignore[arg-type]
    if zebra:
        style.add("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA])
    return style
