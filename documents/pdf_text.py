"""A text PDF's own words, with their positions (pdfplumber, over pdfminer.six's layout).

Words are split at spaces and at gaps wider than 1.5 points, so that a figure right-aligned
against the next column's heading stays its own word. Each page's cache is released once its
words are read: a 150-page annual report is read one page at a time, not held whole (the
benchmark in bench/document_extraction.py measures the peak). A page without characters (a scan)
yields no words; the OCR stage reads those.
"""

from __future__ import annotations

import io

import pdfplumber

from documents.model import PageText, Word

_X_TOLERANCE = 1.5
_Y_TOLERANCE = 2.0


def pdf_pages(data: bytes) -> list[PageText]:
    """Every page of the PDF `data`, its words in reading order with their boxes."""
    pages: list[PageText] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(
                x_tolerance=_X_TOLERANCE,
                y_tolerance=_Y_TOLERANCE,
                keep_blank_chars=False,
                use_text_flow=False,
            )
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
                        for word in words
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
