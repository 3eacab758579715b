"""A text PDF's own words, with their positions (pdfplumber, over pdfminer.six's layout).

Words are split at spaces and at gaps wider than 1.5 points, so that a figure right-aligned
against the next column's heading stays its own word. Each page's cache is released once its
words are read: a 150-page annual report is read one page at a time, not held whole (the
benchmark in bench/document_extraction.py measures the peak). A page without characters (a scan)
yields no words; the OCR stage reads those.

The characters are taken from pdfplumber's layout (pdfminer.six's LTChar objects) with only the
attributes words need, then grouped by pdfplumber's own word extractor: the same words as
`Page.extract_words`, without building the colour and font attributes of every character first,
which takes two thirds of the time on a page of prose (tests/documents/test_pdf_text.py checks
that the two agree).
"""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTItem
from pdfplumber.page import Page
from pdfplumber.utils.text import extract_words

from documents.model import PageText, Word

_X_TOLERANCE = 1.5
_Y_TOLERANCE = 2.0


def _chars(page: Page) -> list[dict[str, Any]]:
    """The page's characters, in pdfplumber's coordinates (top-left origin, MediaBox-adjusted)."""
    left, top = float(page.mediabox[0]), float(page.mediabox[1])
    height = float(page.height)
    chars: list[dict[str, Any]] = []
    pending: list[LTItem] = list(page.layout)
    while pending:
        item = pending.pop()
        if isinstance(item, LTChar):
            y_top = height - item.y1 + top
            chars.append(
                {
                    "text": item.get_text(),
                    "x0": item.x0 + left,
                    "x1": item.x1 + left,
                    "top": y_top,
                    "bottom": height - item.y0 + top,
                    "doctop": y_top,
                    "upright": item.upright,
                }
            )
        elif isinstance(item, LTContainer):
            pending.extend(item)
    chars.reverse()
    return chars


def _words(page: Page) -> list[dict[str, Any]]:
    words: list[dict[str, Any]] = extract_words(
        _chars(page),
        x_tolerance=_X_TOLERANCE,
        y_tolerance=_Y_TOLERANCE,
        keep_blank_chars=False,
        use_text_flow=False,
    )
    return words


def pdf_pages(data: bytes) -> list[PageText]:
    """Every page of the PDF `data`, its words in reading order with their boxes."""
    pages: list[PageText] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            pages.append(
                PageText(
                    number=number,
                    width=float(page.width),
                    height=float(page.height),
                    words=tuple(
                        Word(
                            text=str(word["text"]),
                            x0=float(word["x0"]),
                            top=float(word["top"]),
                            x1=float(word["x1"]),
                            bottom=float(word["bottom"]),
                        )
                        for word in _words(page)
                    ),
                    ocr=False,
                )
            )
            page.close()
    return pages


def page_count(data: bytes) -> int:
    """How many pages the PDF `data` has, without reading their text."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)
