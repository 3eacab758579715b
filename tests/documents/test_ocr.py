"""OCR of the degraded statement scan: every label and figure read exactly, in its column.

The true content is tests/fixtures/scans.py's: an income statement with "Note", "2025", "2024"
and "$'000" headings and twelve rows, from "Revenue 5 125,400 118,250" to "Profit for the year
18,330 (2,140)", scanned at 200 dpi, turned 1.5 degrees, with noise and JPEG artefacts."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap

import pytest
from PIL import Image

from documents.model import PageText, Word
from documents.ocr import MIN_CONFIDENCE, engine, ocr_pages
from documents.ocr_words import lines
from documents.text_layer import needs_ocr
from tests.fixtures import scans
from tests.fixtures.paths import FIXTURES_DIR

REPO = FIXTURES_DIR.parent.parent

COLUMN_TOLERANCE = 6.0  # points: a figure's right edge from where the statement printed it


@pytest.fixture(scope="module")
def scanned() -> PageText:
    (page,) = ocr_pages(scans.scanned_statement_pdf(), "application/pdf")
    return page


def _texts(page: PageText) -> list[list[str]]:
    return [[word.text for word in line] for line in lines(page.words)]


def _row(page: PageText, label: str) -> list[Word]:
    count = len(label.split())
    found = [line for line in lines(page.words) if " ".join(w.text for w in line[:count]) == label]
    assert len(found) == 1, f"{label!r} is on {len(found)} lines"
    return found[0]


def test_every_label_and_figure_of_the_scanned_statement_is_read_exactly(
    scanned: PageText,
) -> None:
    assert _texts(scanned) == scans.expected_lines()


def test_the_page_is_marked_as_ocr_and_sized_in_points(scanned: PageText) -> None:
    assert scanned.ocr is True
    assert scanned.number == 1
    assert (scanned.width, scanned.height) == pytest.approx((scans.PAGE_WIDTH, scans.PAGE_HEIGHT))


def test_confidences_are_the_engines_between_0_and_1(scanned: PageText) -> None:
    confidences = [word.confidence for word in scanned.words]
    assert all(MIN_CONFIDENCE <= c <= 1.0 for c in confidences)
    assert len(set(confidences)) > 1  # the engine's, box by box, not a constant


@pytest.mark.parametrize("row", scans.ROWS, ids=lambda row: row.label)
def test_each_figure_is_in_its_years_column(scanned: PageText, row: scans.Row) -> None:
    words = _row(scanned, row.label)
    current, prior = words[-2], words[-1]
    assert (current.text, prior.text) == (row.current, row.prior)
    assert current.x1 < prior.x0  # 2025 left of 2024, as the headings
    assert current.x1 == pytest.approx(scans.CURRENT_RIGHT, abs=COLUMN_TOLERANCE)
    assert prior.x1 == pytest.approx(scans.PRIOR_RIGHT, abs=COLUMN_TOLERANCE)
    assert words[0].x0 == pytest.approx(scans.LABEL_X, abs=COLUMN_TOLERANCE)
    if row.note is not None:
        assert words[-3].text == row.note
        assert words[-3].x0 == pytest.approx(scans.NOTE_X, abs=COLUMN_TOLERANCE)


def test_the_year_headings_and_units_stand_over_their_columns(scanned: PageText) -> None:
    headings = {w.text: w for w in _row(scanned, "Note")}
    assert headings["2025"].x1 == pytest.approx(scans.CURRENT_RIGHT, abs=COLUMN_TOLERANCE)
    assert headings["2024"].x1 == pytest.approx(scans.PRIOR_RIGHT, abs=COLUMN_TOLERANCE)
    units = _row(scanned, "$'000")
    assert [w.x1 for w in units] == pytest.approx(
        [scans.CURRENT_RIGHT, scans.PRIOR_RIGHT], abs=COLUMN_TOLERANCE
    )


def test_positions_are_measured_from_the_top_left(scanned: PageText) -> None:
    title = scanned.words[0]
    assert title.text == "Consolidated"
    # The title's baseline is 72 points below the top edge, its 14-point capitals above that.
    assert 55 < title.top < title.bottom < 78
    assert _row(scanned, "Revenue")[0].top < _row(scanned, "Profit for the year")[0].top


def test_a_png_image_is_read_in_points_from_its_dpi() -> None:
    (page,) = ocr_pages(scans.statement_png(dpi=200), "image/png")
    assert _texts(page) == scans.expected_lines()
    assert page.width == pytest.approx(scans.PAGE_WIDTH, abs=0.5)
    assert _row(page, "Revenue")[-2].x1 == pytest.approx(scans.CURRENT_RIGHT, abs=COLUMN_TOLERANCE)


def test_a_heavily_degraded_jpeg_turned_the_other_way_is_still_read_exactly() -> None:
    """Noise of 45 grey levels, JPEG quality 20, -3 degrees: denoised and straightened first."""
    scan = scans.degrade(scans.statement_image(200), angle=-3.0, noise_sigma=45, jpeg_quality=20)
    (page,) = ocr_pages(scan, "image/jpeg")
    assert _texts(page) == scans.expected_lines()
    assert _row(page, "Profit for the year")[-1].x1 == pytest.approx(
        scans.PRIOR_RIGHT, abs=COLUMN_TOLERANCE
    )


def test_a_mixed_pdf_reads_only_the_pages_that_need_ocr() -> None:
    data = scans.mixed_pdf()
    pages = ocr_pages(data, "application/pdf", pages=needs_ocr(data))
    assert [page.number for page in pages] == [2]
    assert _texts(pages[0]) == scans.expected_lines()


def test_the_engine_is_created_once_per_process() -> None:
    assert engine() is engine()


def test_ocr_runs_without_a_network_its_models_are_in_the_package() -> None:
    """A fresh process in which every socket connection fails creates the engine and reads."""
    script = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise OSError("no network")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        from documents.ocr import ocr_pages
        from tests.fixtures import scans
        (page,) = ocr_pages(scans.statement_png(dpi=200), "image/png")
        print(" ".join(word.text for word in page.words[:6]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Consolidated statement of profit or loss"


def test_a_blank_page_has_no_words() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (1654, 2339), "white").save(buffer, format="PNG", dpi=(200, 200))
    (page,) = ocr_pages(buffer.getvalue(), "image/png")
    assert page.words == ()
    assert page.ocr is True
