"""The report's charts drawn with matplotlib (Agg, no display): the Monte Carlo histogram and the
RBA series. Each is a PNG at 200 dpi placed at its size on the page; the text around it carries the
figures, so the pictures need not be searchable. A `Figure` is made directly on an Agg canvas, not
through pyplot, so that no display backend and no global figure state is involved.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from reportlab.platypus import Image

from reports.pdf.styles import Palette
from valuation.dcf import FloatArray

DPI = 200
POINTS_PER_INCH = 72
_GREY = "#5F6368"
# Four distinguishable series on white: primary, accent and two greys would lose the accent's
# meaning (the football field), so the RBA chart has its own, colour-blind safe set (Okabe-Ito).
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")


def _hex(colour: object) -> str:
    red, green, blue = (round(getattr(colour, c) * 255) for c in ("red", "green", "blue"))
    return f"#{red:02X}{green:02X}{blue:02X}"


def _figure(width_points: float, height_points: float) -> Figure:
    figure = Figure(
        figsize=(width_points / POINTS_PER_INCH, height_points / POINTS_PER_INCH), dpi=DPI
    )
    FigureCanvasAgg(figure)
    return figure


def _style(axes: Axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=6.5, colors=_GREY)
    for side in ("left", "bottom"):
        axes.spines[side].set_color("#C9CDD2")


def _image(figure: Figure, width_points: float, height_points: float) -> Image:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    buffer.seek(0)
    return Image(buffer, width=width_points, height=height_points)


def histogram(
    values: FloatArray,
    percentiles: tuple[float, float, float],
    palette: Palette,
    width: float,
    height: float,
) -> Image:
    """The enterprise value of every draw, in A$m, with P10, P50 and P90 marked and labelled."""
    figure = _figure(width, height)
    axes = figure.add_axes((0.08, 0.17, 0.9, 0.72))
    _style(axes)
    in_millions = values / 1e6
    axes.hist(in_millions, bins=60, color=_hex(palette.primary), alpha=0.55, linewidth=0)
    top = axes.get_ylim()[1]
    # P10's label left of its line, P50's a line lower: close percentiles' labels stay apart.
    placing = (("P10", "right", -3, 0), ("P50", "left", 3, 9), ("P90", "left", 3, 0))
    for (name, align, shift, drop), value in zip(placing, percentiles, strict=True):
        axes.axvline(value / 1e6, color=_hex(palette.primary), linewidth=1.1)
        axes.annotate(
            f"{name} A${value / 1e6:,.1f}m",
            (value / 1e6, top),
            xytext=(shift, -2 - drop),
            textcoords="offset points",
            ha=align,
            fontsize=6.5,
            color=_hex(palette.primary),
            fontweight="bold",
            va="top",
        )
    axes.set_xlabel("Enterprise value, A$m", fontsize=7, color=_GREY)
    axes.set_ylabel("Draws", fontsize=7, color=_GREY)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    return _image(figure, width, height)


@dataclass(frozen=True)
class SeriesPoints:
    title: str
    dates: Sequence[date]
    values: Sequence[float]  # decimal fractions


def series_chart(series: Sequence[SeriesPoints], width: float, height: float) -> Image:
    """Each RBA series' observations as a line, in per cent."""
    figure = _figure(width, height)
    axes = figure.add_axes((0.08, 0.3, 0.9, 0.66))
    _style(axes)
    for points, colour in zip(series, SERIES_COLOURS, strict=False):
        axes.plot(
            [day.toordinal() for day in points.dates],
            [v * 100 for v in points.values],
            marker="o",
            markersize=3,
            linewidth=1.2,
            color=colour,
            label=points.title,
        )
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.1f}%"))
    # Days as ordinals with a formatter of their own: matplotlib's date helpers are untyped.
    axes.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{date.fromordinal(int(v)):%b %Y}"))
    axes.legend(
        fontsize=6.5, frameon=False, ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.14)
    )
    return _image(figure, width, height)
