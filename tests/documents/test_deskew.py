"""Skew estimation and correction on the statement page turned by known angles."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from documents.deskew import NOISY, denoise, deskew, estimate_skew, noise_level, rotate
from tests.fixtures import scans


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return scans.statement_image(200)


@pytest.mark.parametrize("angle", [1.5, -3.0])
def test_a_clean_page_turned_by_a_known_angle_gives_that_angle_within_0_3_degrees(
    page: Image.Image, angle: float
) -> None:
    assert estimate_skew(rotate(page, angle)) == pytest.approx(angle, abs=0.3)


@pytest.mark.parametrize("angle", [1.5, -3.0, 4.5, -0.8])
def test_a_noisy_jpeg_scan_gives_its_angle_within_0_3_degrees(angle: float) -> None:
    scan = Image.open(io.BytesIO(scans.scanned_statement_jpeg(angle)))
    assert estimate_skew(scan) == pytest.approx(angle, abs=0.3)


def test_a_straight_page_has_no_skew_and_is_left_as_it_is(page: Image.Image) -> None:
    straightened, removed = deskew(page)
    assert removed == 0.0
    assert straightened is page


def test_deskewing_a_turned_page_leaves_no_skew(page: Image.Image) -> None:
    straightened, removed = deskew(rotate(page, -3.0))
    assert removed == pytest.approx(-3.0, abs=0.3)
    assert straightened.size == page.size
    assert estimate_skew(straightened) == pytest.approx(0.0, abs=0.1)


def test_a_blank_page_has_no_skew() -> None:
    assert estimate_skew(Image.new("RGB", (1200, 1700), "white")) == 0.0


def test_a_clean_page_is_not_denoised(page: Image.Image) -> None:
    assert noise_level(page) < NOISY
    assert denoise(page) is page


def test_a_heavily_noisy_scan_is_median_filtered_to_below_the_noisy_level(
    page: Image.Image,
) -> None:
    scan = Image.open(io.BytesIO(scans.degrade(page, noise_sigma=45, jpeg_quality=20)))
    assert noise_level(scan) > NOISY
    assert noise_level(denoise(scan)) < noise_level(scan) / 2
