"""The PDF report under white label: the organisation's logo (PNG or SVG), name, colours and
disclaimer, and nothing of ours, checked on the rendered pages, the text layer and the metadata."""

from __future__ import annotations

import dataclasses
import socket

import numpy as np
import pypdfium2 as pdfium
import pytest

from reports.model import DEFAULT_ACCENT, DEFAULT_PRIMARY, Logo, ReportData
from reports.pdf_report import render_pdf
from tests.reports.rendered import (
    PageText,
    colour_mask,
    hex_rgb,
    page_pictures,
    page_texts,
    solid_bands,
    to_pixels,
)
from tests.reports.report_cases import (
    BRAND_ACCENT,
    LOGO_RGB,
    branded,
    logo_png,
    page_with,
)


@pytest.fixture(scope="module")
def pictures(report_data: ReportData) -> list[np.ndarray]:
    """Our own report's pages."""
    return page_pictures(render_pdf(report_data))


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


def test_an_svg_logo_cannot_pull_in_files_or_reach_the_network(
    report_data: ReportData, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the renderer opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'width="300" height="100"><rect width="300" height="100" fill="#00C8BE"/>'
        b'<image x="0" y="0" width="50" height="50" xlink:href="https://example.com/x.png"/>'
        b'<image x="50" y="0" width="50" height="50" xlink:href="../../../etc/passwd"/></svg>'
    )
    pictures = page_pictures(render_pdf(branded(report_data, Logo(svg, "image/svg+xml"))))
    assert logo_pixels(pictures[0]) > 0  # drawn, without the images it names


def test_white_label_without_a_logo_prints_the_organisations_name_instead(
    report_data: ReportData,
) -> None:
    data = branded(report_data, Logo(b"", "image/png"))
    data = dataclasses.replace(data, branding=dataclasses.replace(data.branding, logo=None))
    pdf = render_pdf(data)
    texts = page_texts(pdf)
    assert texts[0].flat().startswith("Harbour Capital Research")
    assert not any("ipoval" in page.text.lower() for page in texts)
    for page in page_pictures(pdf):
        mask = colour_mask(page, hex_rgb(DEFAULT_PRIMARY), tolerance=6)
        assert solid_bands(mask, min_run=5, min_height=5) == []
