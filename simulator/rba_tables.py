"""The RBA statistical tables the simulator serves, as cp1252 bytes in the published layout.

F1.1, F2 and G1 are the real tables shipped with the sample dataset. H1 (GDP) and H5 (labour force)
are rendered here with simulated values, marked in each series' Description, in the layout those
real tables share: a title line, labelled metadata rows with two comma-only lines between Units and
Source, Series ID, then one row per period, every row padded with commas to the same width.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Final, NamedTuple

from providers.sample.draws import SeededDraws
from providers.sample.provider import DATA_DIR

PUBLISHED: Final = {
    "f1.1": "f1.1-data_2022-12_to_2026-04.csv",
    "f2": "f2-data_2025-10_to_2026-05.csv",
    "g1": "g1-data_excerpt_cp1252.csv",
}


class Column(NamedTuple):
    series_id: str
    title: str
    description: str
    type: str
    units: str
    source: str


class RenderedTable(NamedTuple):
    title: str
    frequency: str
    published: date
    columns: tuple[Column, ...]
    periods: tuple[date, ...]
    future_periods: int  # pre-printed rows with empty cells, as the RBA publishes them
    values: Callable[[int], tuple[str, ...]]


def table_bytes(table: str) -> bytes | None:
    """The CSV file of `table` ("f1.1", "h5", ...), or None for a table not served."""
    if table in PUBLISHED:
        return _published(table)
    if table in _RENDERED:
        return _rendered(table)
    return None


@cache
def _published(table: str) -> bytes:
    raw = (DATA_DIR / PUBLISHED[table]).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw  # already the published cp1252 bytes
    return text.encode("cp1252")


@cache
def _rendered(table: str) -> bytes:
    spec = _RENDERED[table]()
    width = len(spec.columns) + 2  # the first column, the series, and the trailing empty cell

    def row(*cells: str) -> str:
        return ",".join(_quoted(c) for c in cells) + "," * (width - len(cells))

    blank = "," * (width - 1)
    cols = spec.columns
    published = f"{spec.published.day:02d}-{spec.published:%b-%Y}"
    lines = [
        row(spec.title),
        row("Title", *(c.title for c in cols)),
        row("Description", *(c.description for c in cols)),
        row("Frequency", *(spec.frequency for _ in cols)),
        row("Type", *(c.type for c in cols)),
        row("Units", *(c.units for c in cols)),
        blank,
        blank,
        row("Source", *(c.source for c in cols)),
        row("Publication date", *(published for _ in cols)),
        row("Series ID", *(c.series_id for c in cols)),
    ]
    lines += [row(f"{day:%d/%m/%Y}", *spec.values(i)) for i, day in enumerate(spec.periods)]
    step = 3 if spec.frequency == "Quarterly" else 1
    future = [_month_end(spec.periods[-1], step * (k + 1)) for k in range(spec.future_periods)]
    lines += [row(f"{day:%d/%m/%Y}") for day in future]
    lines += [blank] * 3
    return ("\n".join(lines) + "\n").encode("cp1252")


def _h1() -> RenderedTable:
    periods = tuple(_month_end(date(2018, 3, 31), 3 * i) for i in range(31))  # to Sep-2025
    growth = [_wave("GGDPCVGDPY", i, 2.1, 0.7, 5.0, 0.25) for i in range(len(periods))]
    level = 480_000.0
    levels = []
    for g in growth:
        level *= 1 + g / 400  # about a quarter of the year-ended rate each quarter
        levels.append(level)
    simulated = "; simulated values"
    return RenderedTable(
        title="H1 GROSS DOMESTIC PRODUCT AND INCOME",
        frequency="Quarterly",
        published=date(2025, 12, 3),
        columns=(
            Column(
                "GGDPCVGDP",
                "Real GDP",
                "Gross domestic product; Chain volume" + simulated,
                "Seasonally adjusted",
                "$ million",
                "ABS",
            ),
            Column(
                "GGDPCVGDPY",
                "Year-ended real GDP growth",
                "Gross domestic product; Chain volume; Year-ended change – per cent" + simulated,
                "Seasonally adjusted",
                "Per cent",
                "ABS / RBA",
            ),
        ),
        periods=periods,
        future_periods=3,
        values=lambda i: (f"{levels[i]:.0f}", f"{growth[i]:.1f}"),
    )


def _h5() -> RenderedTable:
    periods = tuple(_month_end(date(2020, 1, 31), i) for i in range(76))  # to Apr-2026
    unemployment = [_wave("GLFSURSA", i, 4.1, 0.45, 14.0, 0.08) for i in range(len(periods))]
    participation = [_wave("GLFSPRSA", i, 66.8, 0.4, 20.0, 0.1) for i in range(len(periods))]
    simulated = "; simulated values"
    return RenderedTable(
        title="H5 LABOUR FORCE",
        frequency="Monthly",
        published=date(2026, 5, 14),
        columns=(
            Column(
                "GLFSURSA",
                "Unemployment rate",
                "Unemployment rate – persons" + simulated,
                "Seasonally adjusted",
                "Per cent",
                "ABS",
            ),
            Column(
                "GLFSPRSA",
                "Participation rate",
                "Participation rate – persons" + simulated,
                "Seasonally adjusted",
                "Per cent",
                "ABS",
            ),
        ),
        periods=periods,
        future_periods=2,
        values=lambda i: (f"{unemployment[i]:.1f}", f"{participation[i]:.1f}"),
    )


_RENDERED: Final[dict[str, Callable[[], RenderedTable]]] = {"h1": _h1, "h5": _h5}


def _wave(series: str, i: int, mean: float, swing: float, period: float, noise: float) -> float:
    """A smooth cycle around `mean` with a little reproducible noise."""
    jitter = SeededDraws(series, f"simulator:rba:{i}").uniform(-noise, noise)
    return mean + swing * math.sin(2 * math.pi * i / period) + jitter


def _month_end(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    following = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _quoted(cell: str) -> str:
    return f'"{cell}"' if "," in cell or '"' in cell else cell
