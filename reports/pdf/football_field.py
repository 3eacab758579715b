"""The football field: one bar per method from its low to its high price per share, the weighted
valuation range below them, and the indicative offer range as a band across all of them.

Drawn with reportlab's vector graphics, not as a picture: the bars are rectangles without an
outline, so their edges sit exactly at the scale's positions, and the scale's labels are text, so
the page says what the scale is (tests/reports read both back off the rendered page). The scale is
linear, from a round number at or below the lowest end to one at or above the highest.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from contracts.valuation_result import StoredRange
from reports.pdf.fonts import BOLD, REGULAR
from reports.pdf.formatting import per_share
from reports.pdf.shapes import filled_rect
from reports.pdf.styles import MUTED, RULE, TEXT, Palette, tint

ROW_HEIGHT = 30.0
BAR_HEIGHT = 14.0
LABEL_WIDTH = 150.0  # the method names, left of the plot
END_LABEL_SPACE = 34.0  # room for the end prices either side of the plot
AXIS_SPACE = 26.0  # the scale's line, ticks and labels under the bars
BAND_LABEL_SPACE = 16.0  # the offer range's label above the bars
TICK_FONT_SIZE = 7.5
END_FONT_SIZE = 6.5


@dataclass(frozen=True)
class Bar:
    label: str  # the method
    detail: str  # its period and weight, smaller, under the label
    low: float  # A$ per share
    high: float
    mid: float | None = None  # marked by a white line across the bar
    weighted_range: bool = False  # the synthesis, drawn in the primary colour


def nice_ticks(low: float, high: float, most: int = 9) -> list[float]:
    """Round tick values spanning [low, high] in steps of 1, 2, 2.5 or 5 times a power of ten,
    with at most `most` ticks."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError("The football field needs finite prices.")
    if high <= low:
        high = low + max(abs(low) * 0.1, 0.01)
    span = high - low
    magnitude = 10 ** math.floor(math.log10(span / (most - 1)))
    for factor in (1, 2, 2.5, 5, 10, 20, 25, 50):
        step = factor * magnitude
        first = math.floor(low / step + 1e-9) * step
        last = math.ceil(high / step - 1e-9) * step
        count = round((last - first) / step) + 1
        if count <= most:
            return [round(first + i * step, 10) for i in range(count)]
    raise AssertionError("unreachable: the largest factor always fits")


def per_share_at(value: float, decimals: int) -> str:
    return f"A${value:.{decimals}f}"


def tick_label(value: float, step: float) -> str:
    """`A$0.25`: as many decimals as the step needs (at least two, as prices are written)."""
    decimals = 2
    while abs(round(step, decimals) - step) > step * 1e-6:
        decimals += 1
    return per_share_at(value, decimals)


def football_field(
    bars: Sequence[Bar], offer: StoredRange, palette: Palette, width: float
) -> Drawing:
    ends = [v for bar in bars for v in (bar.low, bar.high)] + [offer.low, offer.high]
    ticks = nice_ticks(min(ends), max(ends))
    plot_left = LABEL_WIDTH + END_LABEL_SPACE
    plot_right = width - END_LABEL_SPACE
    scale = (plot_right - plot_left) / (ticks[-1] - ticks[0])

    def x_of(value: float) -> float:
        return plot_left + (value - ticks[0]) * scale

    rows_height = ROW_HEIGHT * len(bars)
    height = AXIS_SPACE + rows_height + BAND_LABEL_SPACE
    drawing = Drawing(width, height, initialFontName=REGULAR)  # not the unembedded Helvetica
    rows_bottom = AXIS_SPACE
    rows_top = rows_bottom + rows_height

    # The offer range first, so that the bars are drawn over it.
    band = filled_rect(
        x_of(offer.low),
        rows_bottom,
        x_of(offer.high) - x_of(offer.low),
        rows_height,
        tint(palette.primary, 0.14),
    )
    drawing.add(band)
    for value in (offer.low, offer.high):
        drawing.add(
            Line(
                x_of(value),
                rows_bottom,
                x_of(value),
                rows_top + 4,
                strokeColor=palette.primary,
                strokeWidth=0.6,
                strokeDashArray=[2, 2],
            )
        )
    band_label = f"Indicative offer range {per_share(offer.low)} – {per_share(offer.high)}"
    centre = (x_of(offer.low) + x_of(offer.high)) / 2
    half = stringWidth(band_label, BOLD, 7.5) / 2
    centre = min(max(centre, LABEL_WIDTH + half), width - half)
    drawing.add(
        String(
            centre,
            rows_top + 6,
            band_label,
            fontName=BOLD,
            fontSize=7.5,
            fillColor=palette.primary,
            textAnchor="middle",
        )
    )

    # Gridlines at the ticks, under the bars.
    for tick in ticks:
        drawing.add(
            Line(x_of(tick), rows_bottom, x_of(tick), rows_top, strokeColor=RULE, strokeWidth=0.3)
        )

    for index, bar in enumerate(bars):
        row_bottom = rows_top - (index + 1) * ROW_HEIGHT
        middle = row_bottom + ROW_HEIGHT / 2
        fill = palette.primary if bar.weighted_range else palette.accent
        drawing.add(
            filled_rect(
                x_of(bar.low),
                middle - BAR_HEIGHT / 2,
                x_of(bar.high) - x_of(bar.low),
                BAR_HEIGHT,
                fill,
            )
        )
        if bar.mid is not None and bar.low < bar.mid < bar.high:
            drawing.add(
                Line(
                    x_of(bar.mid),
                    middle - BAR_HEIGHT / 2 + 2,
                    x_of(bar.mid),
                    middle + BAR_HEIGHT / 2 - 2,
                    strokeColor=colors.white,
                    strokeWidth=1,
                )
            )
        drawing.add(
            String(
                0,
                middle + 1,
                bar.label,
                fontName=BOLD,
                fontSize=8,
                fillColor=palette.primary if bar.weighted_range else TEXT,
            )
        )
        drawing.add(
            String(0, middle - 8, bar.detail, fontName=REGULAR, fontSize=6.5, fillColor=MUTED)
        )
        for value, side in ((bar.low, -1), (bar.high, 1)):
            label = per_share(value)
            label_width = stringWidth(label, REGULAR, END_FONT_SIZE)
            left = x_of(value) + 3 if side > 0 else x_of(value) - 3 - label_width
            # A white chip under the price, so that the band's edges and the gridlines do not
            # run through it.
            drawing.add(
                filled_rect(
                    left - 1,
                    middle - 4.5,
                    label_width + 2,
                    8.5,
                    colors.white,
                )
            )
            drawing.add(
                String(
                    left,
                    middle - 2.3,
                    label,
                    fontName=REGULAR,
                    fontSize=END_FONT_SIZE,
                    fillColor=TEXT,
                )
            )

    # The scale.
    drawing.add(
        Line(plot_left, rows_bottom, plot_right, rows_bottom, strokeColor=MUTED, strokeWidth=0.6)
    )
    step = ticks[1] - ticks[0]
    for tick in ticks:
        drawing.add(
            Line(
                x_of(tick),
                rows_bottom,
                x_of(tick),
                rows_bottom - 3,
                strokeColor=MUTED,
                strokeWidth=0.6,
            )
        )
        drawing.add(
            String(
                x_of(tick),
                rows_bottom - 12,
                tick_label(tick, step),
                fontName=REGULAR,
                fontSize=TICK_FONT_SIZE,
                fillColor=TEXT,
                textAnchor="middle",
            )
        )
    drawing.add(
        String(
            (plot_left + plot_right) / 2,
            rows_bottom - 23,
            "A$ per pre-offer share, after the IPO discount",
            fontName=REGULAR,
            fontSize=6.5,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    return drawing
