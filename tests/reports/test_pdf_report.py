"""The PDF report, read back as a reader meets it: pages rendered to pictures by poppler's
pdftoppm and the text layer read by pdfplumber. The figures it must show are taken from the API's
own types (`ValuationResult.from_stored`), formatted here as the README writes them, and the
football field's bar positions are worked out from the scale's labels as printed on the page."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import subprocess
from datetime import date

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw
from reportlab.pdfbase.ttfonts import TTFont

from reports.model import DEFAULT_ACCENT, DEFAULT_PRIMARY, Branding, Logo, ReportData
from reports.pdf.distribution import distribution_of
from reports.pdf.fonts import font_directory
from reports.pdf_report import render_pdf
from schema.types.valuation_result import ValuationResult
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

A4_POINTS = (595.28, 841.89)
LOGO_RGB = (0, 200, 190)  # a teal nothing else in a report is drawn in
BRAND_PRIMARY = "#5A2D82"
BRAND_ACCENT = "#2E8B57"
PRICE = re.compile(r"^A\$(\d+\.\d+)$")
MONTE_CARLO = "Monte Carlo: the DCF's bar"


def api(data: ReportData) -> ValuationResult:
    return ValuationResult.from_stored(data.result, data.payload)


def readme_price(value: float) -> str:
    """A price per share as the README and the command line write the API's ranges."""
    return f"A${value:.3f}"


@pytest.fixture(scope="module")
def pdf(report_data: ReportData) -> bytes:
    return render_pdf(report_data)


@pytest.fixture(scope="module")
def texts(pdf: bytes) -> list[PageText]:
    return page_texts(pdf)


@pytest.fixture(scope="module")
def pictures(pdf: bytes) -> list[np.ndarray]:
    return page_pictures(pdf)


def page_with(texts: list[PageText], phrase: str) -> int:
    found = [i for i, page in enumerate(texts) if phrase in page.flat()]
    assert found, f"no page reads {phrase!r}"
    return found[0]


def logo_png() -> bytes:
    image = Image.new("RGB", (360, 120), LOGO_RGB)
    ImageDraw.Draw(image).rectangle((20, 20, 100, 100), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def branded(data: ReportData, logo: Logo) -> ReportData:
    return dataclasses.replace(
        data,
        branding=Branding(
            name="Harbour Capital Research",
            logo=logo,
            primary_colour=BRAND_PRIMARY,
            accent_colour=BRAND_ACCENT,
            disclaimer="Prepared by Harbour Capital Research for the directors only.",
            white_label=True,
        ),
    )


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


# The DCF


def test_the_monte_carlo_percentiles_are_the_apis(
    report_data: ReportData, texts: list[PageText]
) -> None:
    details = api(report_data).details
    assert isinstance(details, dict)
    simulation = details["dcf"]["monte_carlo"]
    shown = " ".join(f"A${simulation[p] / 1e6:,.1f}m" for p in ("p10", "p50", "p90"))
    page = texts[page_with(texts, MONTE_CARLO)].flat()
    assert f"P10 P50 P90 Mean Draws Discarded {shown}" in page
    # The DCF's bar is the simulation's P10 to P90.
    dcf = next(m for m in api(report_data).methods if m.method.value == "DCF")
    assert (dcf.low, dcf.mid, dcf.high) == (simulation["p10"], simulation["p50"], simulation["p90"])


def test_the_histogram_draws_the_draws_behind_the_apis_percentiles(
    report_data: ReportData,
) -> None:
    distribution = distribution_of(report_data)
    assert distribution is not None and distribution.values is not None
    simulation = report_data.payload["dcf"]["monte_carlo"]
    assert np.percentile(distribution.values, [10, 50, 90]).tolist() == [
        simulation["p10"],
        simulation["p50"],
        simulation["p90"],
    ]
    assert distribution.values.size == simulation["draws"] == 10_000


def test_the_histogram_is_on_the_monte_carlo_page(pdf: bytes, texts: list[PageText]) -> None:
    index = page_with(texts, MONTE_CARLO)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        images = document.pages[index].images
    assert any(image["width"] > 400 and image["height"] > 120 for image in images)


def test_the_sensitivity_heatmap_is_the_apis_grid(
    report_data: ReportData, texts: list[PageText]
) -> None:
    details = api(report_data).details
    assert isinstance(details, dict)
    dcf = details["dcf"]
    page = texts[page_with(texts, "WACC × terminal growth")].flat()
    growths = " ".join(f"{g * 100:.1f}%" for g in dcf["sensitivity_growths"])
    assert f"WACC \\ terminal growth {growths}" in page
    for rate, row in zip(dcf["sensitivity_rates"], dcf["sensitivity"], strict=True):
        assert f"{rate * 100:.2f}% " + " ".join(f"{v / 1e6:,.1f}" for v in row) in page


def test_a_result_whose_draws_cannot_be_made_again_shows_its_percentiles_without_a_histogram(
    report_data: ReportData,
) -> None:
    payload = json_copy(report_data.payload)
    payload["dcf"]["monte_carlo"]["p50"] *= 1.01  # as if stored by an engine that drew otherwise
    text = " ".join(p.flat() for p in page_texts(render_pdf(with_payload(report_data, payload))))
    assert "could not be made again" in text
    assert f"A${payload['dcf']['monte_carlo']['p50'] / 1e6:,.1f}m" in text


def test_a_valuation_without_a_dcf_says_so(report_data: ReportData) -> None:
    payload = json_copy(report_data.payload)
    payload["dcf"] = None  # as for a bank, valued without one
    payload["pricing"]["methods"] = [
        m for m in payload["pricing"]["methods"] if m["method"] != "DCF"
    ]
    text = " ".join(p.flat() for p in page_texts(render_pdf(with_payload(report_data, payload))))
    assert "No DCF was applied" in text
    assert MONTE_CARLO not in text and "Monte Carlo P10" not in text


def json_copy(value: dict) -> dict:
    return json.loads(json.dumps(value))


def with_payload(data: ReportData, payload: dict) -> ReportData:
    return ReportData.from_stored(
        valuation_id=data.valuation_id,
        organisation_name=data.organisation_name,
        created_at=data.created_at,
        inputs=data.inputs.stored(),
        result=payload,
        branding=data.branding,
    )


# Warnings and provenance


def test_every_warning_is_listed_with_its_code(
    report_data: ReportData, texts: list[PageText]
) -> None:
    warnings = api(report_data).warning_details
    assert len(warnings) == 4
    page = texts[page_with(texts, "Warnings")].flat()
    for warning in warnings:
        assert f"{warning.code} {warning.message}" in page


def test_a_valuation_without_warnings_says_it_raised_none(report_data: ReportData) -> None:
    payload = json_copy(report_data.payload)
    payload["warnings"], payload["notices"] = [], []
    text = " ".join(p.flat() for p in page_texts(render_pdf(with_payload(report_data, payload))))
    assert "The valuation raised no warnings." in text
    assert "EXIT_MULTIPLE_GAP" not in text


def test_the_appendix_lists_every_source_with_its_date_and_flags(
    report_data: ReportData, texts: list[PageText]
) -> None:
    sources = api(report_data).sources
    assert len(sources) == 34
    first = page_with(texts, "Appendix: provenance")
    lines = [line for page in texts[first:] for line in page.text.splitlines()]
    for source in sources:
        day: date = source.as_of
        flags = f"{source.source.value} {day.day} {day:%b %Y} " + " ".join(
            "yes" if flag else "no" for flag in (source.synthetic, source.stale)
        )
        matching = [line for line in lines if line.startswith(source.subject + " ")]
        assert len(matching) == 1, source.subject
        assert matching[0].endswith(flags), matching[0]


# White label


@pytest.fixture(scope="module")
def branded_pdf(report_data: ReportData) -> bytes:
    return render_pdf(branded(report_data, Logo(logo_png(), "image/png")))


@pytest.fixture(scope="module")
def branded_pictures(branded_pdf: bytes) -> list[np.ndarray]:
    return page_pictures(branded_pdf)


@pytest.fixture(scope="module")
def branded_texts(branded_pdf: bytes) -> list[PageText]:
    return page_texts(branded_pdf)


def logo_pixels(picture: np.ndarray) -> int:
    return int(colour_mask(picture, LOGO_RGB, tolerance=8).sum())


def test_the_branded_report_shows_the_organisations_logo_on_the_cover_and_every_header(
    branded_pictures: list[np.ndarray],
) -> None:
    pictures = branded_pictures
    # The logo is 360 x 120 with a white square: 89 % of it teal, drawn up to 80 x 22 mm.
    cover_area = to_pixels(22 / 25.4 * 72) ** 2 * 3 * 0.85
    assert logo_pixels(pictures[0]) > cover_area
    for page in pictures[1:]:
        header = page[: round(to_pixels(100))]
        assert logo_pixels(header) > to_pixels(8 / 25.4 * 72) ** 2 * 3 * 0.8


def test_our_report_has_no_pixel_of_the_organisations_logo_and_shows_our_mark(
    pictures: list[np.ndarray],
) -> None:
    assert all(logo_pixels(page) == 0 for page in pictures)
    for page in pictures[1:]:  # the top of our mark's square, over its bars, in every header
        header = page[: round(to_pixels(100))]
        mask = colour_mask(header, hex_rgb(DEFAULT_PRIMARY), tolerance=6)
        assert solid_bands(mask, min_run=30, min_height=5)


def test_the_branded_report_shows_nothing_of_ours(
    branded_pdf: bytes, branded_texts: list[PageText], branded_pictures: list[np.ndarray]
) -> None:
    assert not any("ipoval" in page.text.lower() for page in branded_texts)
    document = pdfium.PdfDocument(branded_pdf)
    try:
        metadata = document.get_metadata_dict()
    finally:
        document.close()
    assert not any("ipoval" in str(value).lower() for value in metadata.values())
    assert metadata["Author"] == "Harbour Capital Research"
    # Our mark is solid squares and bars of our two colours; an edge pixel of a chart may blend
    # into one of them, a solid patch may not.
    for page in branded_pictures:
        for ours in (DEFAULT_PRIMARY, DEFAULT_ACCENT):
            mask = colour_mask(page, hex_rgb(ours), tolerance=6)
            assert solid_bands(mask, min_run=5, min_height=5) == []


def test_the_branded_report_carries_the_organisations_name_and_disclaimer(
    branded_texts: list[PageText],
) -> None:
    texts = branded_texts
    assert "Prepared by Harbour Capital Research for the directors only." in texts[0].flat()
    assert "The figures rest on the inputs" not in texts[0].flat()  # our disclaimer
    assert all("Harbour Capital Research" in page.flat() for page in texts[1:])


def test_the_branded_football_field_is_in_the_organisations_accent(
    branded_texts: list[PageText], branded_pictures: list[np.ndarray]
) -> None:
    picture = branded_pictures[page_with(branded_texts, "Football field")]
    assert len(solid_bands(colour_mask(picture, hex_rgb(BRAND_ACCENT)))) == 4


def test_an_svg_logo_is_drawn(report_data: ReportData) -> None:
    teal = "#{:02X}{:02X}{:02X}".format(*LOGO_RGB)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100">'
        f'<rect x="0" y="0" width="300" height="100" fill="{teal}"/></svg>'
    ).encode()
    pictures = page_pictures(render_pdf(branded(report_data, Logo(svg, "image/svg+xml"))))
    assert logo_pixels(pictures[0]) > to_pixels(22 / 25.4 * 72) ** 2 * 3 * 0.9
