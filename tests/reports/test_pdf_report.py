"""The PDF report, read back as a reader meets it: pages rendered to pictures by poppler's
pdftoppm and the text layer read by pdfplumber. The figures it must show are taken from the API's
own types (`ValuationResult.from_stored`), formatted here as the README writes them, and the
football field's bar positions are worked out from the scale's labels as printed on the page."""

from __future__ import annotations

import dataclasses
import re
import socket
import subprocess

import numpy as np
import pypdfium2 as pdfium
import pytest
from reportlab.pdfbase.ttfonts import TTFont

from reports.model import DEFAULT_ACCENT, DEFAULT_PRIMARY, ReportData
from reports.pdf.fonts import font_directory
from reports.pdf_report import render_pdf
from tests.reports.rendered import (
    Band,
    PageText,
    Word,
    colour_mask,
    hex_rgb,
    page_pictures,
    page_texts,
    pdftoppm,
    solid_bands,
    to_pixels,
)
from tests.reports.report_cases import api, page_with, readme_price

A4_POINTS = (595.28, 841.89)
PRICE = re.compile(r"^A\$(\d+\.\d+)$")


@pytest.fixture(scope="module")
def pdf(report_data: ReportData) -> bytes:
    return render_pdf(report_data)


@pytest.fixture(scope="module")
def texts(pdf: bytes) -> list[PageText]:
    return page_texts(pdf)


@pytest.fixture(scope="module")
def pictures(pdf: bytes) -> list[np.ndarray]:
    return page_pictures(pdf)


# Every page


def test_every_page_renders_as_an_a4_picture(pdf: bytes, pictures: list[np.ndarray]) -> None:
    document = pdfium.PdfDocument(pdf)
    try:
        sizes = [document[i].get_size() for i in range(len(document))]
    finally:
        document.close()
    assert len(pictures) == len(sizes) >= 7
    for index, size in enumerate(sizes):
        assert size == pytest.approx(A4_POINTS, abs=0.5)
        height, width, _ = pictures[index].shape
        assert width == pytest.approx(to_pixels(A4_POINTS[0]), abs=1)
        assert height == pytest.approx(to_pixels(A4_POINTS[1]), abs=1)
        ink = (pictures[index] < 200).any(axis=2).mean()
        assert ink > 0.005, f"page {index + 1} is blank"


def test_pages_are_numbered_n_of_m(texts: list[PageText]) -> None:
    total = len(texts)
    for number, page in enumerate(texts[1:], start=2):
        assert f"Page {number} of {total}" in page.flat()


def test_every_font_is_embedded(pdf: bytes) -> None:
    pdftoppm()  # pdffonts ships beside it in poppler-utils
    listing = subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    rows = listing.splitlines()[2:]
    assert rows, "the document names no font"
    for row in rows:
        name, *_, embedded, _subset, _unicode, _object, _generation = row.split()
        assert embedded == "yes", f"{name} is not embedded"
        assert "DejaVu" in name


def test_every_printed_character_has_a_glyph_in_the_embedded_font(texts: list[PageText]) -> None:
    regular = TTFont("DejaVuCheck", str(font_directory() / "DejaVuSans.ttf"))
    covered = set(regular.face.charToGlyph)
    printed = {c for page in texts for c in page.text if not c.isspace()}
    assert {"–", "±", "×", "−"} & printed, "the report should exercise characters beyond ASCII"
    assert not {c for c in printed if ord(c) not in covered}


# The cover and the summary


def test_the_cover_names_the_company_the_date_and_what_the_document_is(
    report_data: ReportData, texts: list[PageText]
) -> None:
    cover = texts[0].flat()
    assert report_data.company_name in cover
    assert "1 October 2025" in cover  # the fixture's valuation date, as Australians write it
    assert report_data.organisation_name in cover
    assert (
        "Indicative pricing support for the board and lead manager; not an independent "
        "expert's report." in cover
    )
    assert (
        "The figures rest on the inputs and market data listed in the provenance appendix" in cover
    )


def test_the_summary_shows_the_offer_range_exactly_as_the_api_gives_it(
    report_data: ReportData, texts: list[PageText]
) -> None:
    offer = api(report_data).price_range
    shown = f"{readme_price(offer.low)} – {readme_price(offer.high)}"
    summary = page_with(texts, "Football field")
    assert shown in texts[summary].flat()
    assert shown == "A$0.638 – A$0.779"  # the fixture's range, checked by hand against the API


def test_the_summary_sets_the_target_multiple_against_the_peers(
    report_data: ReportData, texts: list[PageText]
) -> None:
    result = api(report_data)
    assert result.target_multiple is not None and result.peer_median_ev_to_ebitda is not None
    summary = texts[page_with(texts, "Football field")].flat()
    assert f"{result.target_multiple:.1f}x" in summary
    assert f"peers' median of {result.peer_median_ev_to_ebitda:.1f}x" in summary


# The football field


@dataclasses.dataclass(frozen=True)
class Scale:
    ticks: list[tuple[float, float]]  # (value, centre x in points)
    top: float  # of the labels' line, in points

    def pixel(self, value: float) -> float:
        """Where `value` falls, in pixels from the page's left, by the two outer labels."""
        (v0, x0), (v1, x1) = self.ticks[0], self.ticks[-1]
        return to_pixels(x0 + (value - v0) * (x1 - x0) / (v1 - v0))


def read_scale(words: list[Word]) -> Scale:
    """The scale: the only line of three or more prices evenly spaced in value and position."""
    lines: dict[float, list[Word]] = {}
    for word in words:
        if PRICE.match(word.text):
            lines.setdefault(round(word.top, 1), []).append(word)
    for top, line in lines.items():
        if len(line) < 3:
            continue
        ticks = sorted((float(w.text.removeprefix("A$")), w.centre_x) for w in line)
        values = np.array([v for v, _ in ticks])
        xs = np.array([x for _, x in ticks])
        if np.allclose(np.diff(values), values[1] - values[0]) and np.allclose(
            np.diff(xs), xs[1] - xs[0], atol=0.2
        ):
            return Scale(ticks, top)
    raise AssertionError("no evenly spaced line of prices: the scale is not on the page")


def test_the_football_fields_bars_sit_where_the_numbers_say(
    report_data: ReportData, texts: list[PageText], pictures: list[np.ndarray]
) -> None:
    index = page_with(texts, "Football field")
    words = texts[index].words
    scale = read_scale(words)
    heading = next(w for w in words if w.text == "Football")
    # The plot alone: under the chart's heading, over its scale, between its outer ticks (the
    # page's header has the mark, the labels left of the plot are in the same colours).
    rows = slice(round(to_pixels(heading.bottom)), round(to_pixels(scale.top)))
    left = round(scale.pixel(scale.ticks[0][0])) - 2
    columns = slice(left, round(scale.pixel(scale.ticks[-1][0])) + 3)
    region = pictures[index][rows, columns]

    def on_page(bar: Band) -> tuple[int, int]:
        return bar.left + left, bar.right + left

    result = api(report_data)
    methods = [m for m in result.methods if m.per_share is not None]
    method_bars = solid_bands(colour_mask(region, hex_rgb(DEFAULT_ACCENT)))
    assert len(method_bars) == len(methods) == 4
    for method, bar in zip(methods, method_bars, strict=True):  # top to bottom, the API's order
        assert method.per_share is not None
        low, high = on_page(bar)
        assert low == pytest.approx(scale.pixel(method.per_share.low), abs=1.5), method
        assert high == pytest.approx(scale.pixel(method.per_share.high), abs=1.5), method

    (weighted,) = solid_bands(colour_mask(region, hex_rgb(DEFAULT_PRIMARY)))
    low, high = on_page(weighted)
    assert low == pytest.approx(scale.pixel(result.valuation_range.low), abs=1.5)
    assert high == pytest.approx(scale.pixel(result.valuation_range.high), abs=1.5)
    assert weighted.top > method_bars[-1].bottom  # the weighted range under the methods


def test_the_scale_labels_are_evenly_spaced_round_prices(texts: list[PageText]) -> None:
    scale = read_scale(texts[page_with(texts, "Football field")].words)
    values = [v for v, _ in scale.ticks]
    step = values[1] - values[0]
    assert step in (0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0)
    assert all(round(v / step, 6).is_integer() for v in values)


def test_rendering_reaches_no_network(
    report_data: ReportData, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the renderer opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    assert render_pdf(report_data).startswith(b"%PDF-")
