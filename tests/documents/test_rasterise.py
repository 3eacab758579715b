"""Pages as pictures: PDF pages rendered one at a time, images in every frame."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from documents.rasterise import load_images, pictures, render_pdf_pages
from tests.fixtures import scans


def test_each_pdf_page_is_rendered_at_the_dpi_asked_for() -> None:
    rendered = list(render_pdf_pages(scans.statement_pdf(pages=2), dpi=300))
    assert [number for number, _ in rendered] == [1, 2]
    for _, image in rendered:
        assert image.mode == "RGB"
        # PDFium rounds a fractional pixel up: 595.28 points at 300 dpi is 2480.3 pixels.
        assert image.size == pytest.approx(
            (scans.PAGE_WIDTH * 300 / 72, scans.PAGE_HEIGHT * 300 / 72), abs=1
        )


def test_rendering_streams_a_page_at_a_time() -> None:
    pages = render_pdf_pages(scans.statement_pdf(pages=3), dpi=72)
    number, _ = next(pages)
    assert number == 1  # the rest not rendered yet: a generator, not a list


def test_only_the_pages_asked_for_are_rendered() -> None:
    rendered = [number for number, _ in render_pdf_pages(scans.mixed_pdf(), dpi=72, pages={2})]
    assert rendered == [2]


def test_a_pdf_page_size_is_in_points() -> None:
    (picture,) = pictures(scans.statement_pdf(), "application/pdf", dpi=150)
    assert (picture.width, picture.height) == pytest.approx((scans.PAGE_WIDTH, scans.PAGE_HEIGHT))
    x_scale, _ = picture.points_per_pixel
    assert x_scale == pytest.approx(72 / 150, rel=1e-3)


def test_an_image_size_in_points_is_pixels_times_72_over_its_dpi() -> None:
    (picture,) = load_images(scans.statement_png(dpi=200))
    assert picture.width == pytest.approx(picture.image.width * 72 / 200)
    assert picture.width == pytest.approx(scans.PAGE_WIDTH, abs=0.5)


def test_an_image_that_states_no_dpi_is_taken_as_300() -> None:
    buffer = io.BytesIO()
    Image.new("L", (600, 300), 255).save(buffer, format="PNG")
    (picture,) = load_images(buffer.getvalue())
    assert (picture.width, picture.height) == (144.0, 72.0)
    assert picture.image.mode == "RGB"


def test_a_multi_page_tiff_gives_one_page_per_frame() -> None:
    frames = [Image.new("L", (400, 500), shade) for shade in (255, 200, 150)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:], dpi=(200, 200))
    loaded = list(pictures(buffer.getvalue(), "image/tiff"))
    assert [picture.number for picture in loaded] == [1, 2, 3]
    assert [picture.image.getpixel((0, 0)) for picture in loaded] == [
        (255, 255, 255),
        (200, 200, 200),
        (150, 150, 150),
    ]
    assert loaded[0].width == pytest.approx(400 * 72 / 200)


def test_a_jpeg_photo_is_turned_upright_by_its_exif_orientation() -> None:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display", as a phone held upright writes it
    Image.new("RGB", (800, 600), "white").save(buffer, format="JPEG", exif=exif)
    (picture,) = pictures(buffer.getvalue(), "image/jpeg")
    assert picture.image.size == (600, 800)


def test_an_unknown_media_type_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot rasterise"):
        list(pictures(b"PK\x03\x04", "application/zip"))
