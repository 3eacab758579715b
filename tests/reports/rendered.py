"""A rendered PDF read back the way a reader meets it: each page as a picture (Debian's
poppler-utils `pdftoppm`, not the library that wrote it) and its text layer with positions
(pdfplumber). Under CI a missing pdftoppm fails the test; elsewhere the test is skipped, loudly.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdfplumber
import pytest
from numpy.typing import NDArray
from PIL import Image

from tests.fixtures.services import services_required

DPI = 150
POINTS_PER_INCH = 72


def pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found is None:
        message = "pdftoppm is missing; install it with `apt-get install -y poppler-utils`"
        if services_required():
            pytest.fail(message, pytrace=False)
        pytest.skip(f"PDF PICTURE TEST SKIPPED ({message})")
    return found


def page_pictures(pdf: bytes, dpi: int = DPI) -> list[NDArray[np.uint8]]:
    """Every page as RGB pixels, rows top to bottom (PPM, which needs no compressing)."""
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [pdftoppm(), "-r", str(dpi), str(source), str(Path(directory) / "page")],
            check=True,
            capture_output=True,
        )
        files = sorted(Path(directory).glob("page-*.ppm"), key=lambda p: int(p.stem.split("-")[1]))
        return [np.asarray(Image.open(f).convert("RGB")) for f in files]


@dataclass(frozen=True)
class Word:
    text: str
    x0: float  # points from the page's left
    x1: float
    top: float  # points from the page's top
    bottom: float

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def centre_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class PageText:
    text: str
    words: list[Word]

    def flat(self) -> str:
        """The text with every run of whitespace one space: wrapped lines read on."""
        return re.sub(r"\s+", " ", self.text)


def page_texts(pdf: bytes) -> list[PageText]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [
            PageText(
                page.extract_text() or "",
                [
                    Word(
                        w["text"],
                        float(w["x0"]),
                        float(w["x1"]),
                        float(w["top"]),
                        float(w["bottom"]),
                    )
                    for w in page.extract_words(keep_blank_chars=False, x_tolerance=1.5)
                ],
            )
            for page in document.pages
        ]


def to_pixels(points: float, dpi: int = DPI) -> float:
    return points * dpi / POINTS_PER_INCH


def hex_rgb(hex_text: str) -> tuple[int, int, int]:
    value = hex_text.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def colour_mask(
    picture: NDArray[np.uint8], rgb: tuple[int, int, int], tolerance: int = 10
) -> NDArray[np.bool_]:
    """The pixels within `tolerance` of `rgb` on every channel."""
    difference = np.abs(picture.astype(np.int16) - np.array(rgb, dtype=np.int16))
    return np.asarray((difference <= tolerance).all(axis=2), dtype=np.bool_)


@dataclass(frozen=True)
class Band:
    """Rows of a picture where a colour runs solid for a stretch: a bar, not a glyph."""

    top: int
    bottom: int  # exclusive
    left: int  # the first pixel of the colour on the band's middle row
    right: int  # one past the last


def longest_runs(mask: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Each row's longest stretch of True, in pixels."""
    edges = np.diff(np.pad(mask.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    start_rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # row by row, in step with the starts
    longest = np.zeros(mask.shape[0], dtype=np.int64)
    np.maximum.at(longest, start_rows, ends - starts)
    return longest


def solid_bands(mask: NDArray[np.bool_], *, min_run: int = 20, min_height: int = 8) -> list[Band]:
    rows = (longest_runs(mask) >= min_run).tolist()
    bands: list[Band] = []
    y = 0
    while y < len(rows):
        if not rows[y]:
            y += 1
            continue
        start = y
        while y < len(rows) and rows[y]:
            y += 1
        if y - start >= min_height:
            middle = mask[(start + y) // 2]
            columns = np.flatnonzero(middle)
            bands.append(Band(start, y, int(columns[0]), int(columns[-1]) + 1))
    return bands
