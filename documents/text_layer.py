"""Which pages of a PDF need OCR: those without a text layer that can be read.

An annual report is often a text PDF with a few scanned pages (a signed directors' declaration, an
auditor's report, a statement pasted in as a picture); OCR only those, and read the rest from
their characters, which are exact. A page needs OCR when its text layer is:

- missing or nearly so: fewer than `MIN_TEXT_CHARS` letters and digits;
- undecodable: a font without a Unicode map gives private-use or replacement characters (or
  control codes) instead of text; more than `MAX_GARBLED_SHARE` of its characters are such;
- only a stamp on a scan: an image covers at least `SCAN_COVERAGE` of the page and the text has
  fewer than `STAMP_TEXT_CHARS` letters and digits (a page number or a "Page 3 of 12" added to a
  scanned page). A scan with a full hidden OCR layer (a "searchable PDF") has far more, and is
  read from that layer.
"""

from __future__ import annotations

import unicodedata

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

MIN_TEXT_CHARS = 20
STAMP_TEXT_CHARS = 200
SCAN_COVERAGE = 0.5
MAX_GARBLED_SHARE = 0.3


def needs_ocr(data: bytes) -> list[int]:
    """The 1-based numbers of the pages of the PDF `data` that have no usable text layer."""
    document = pdfium.PdfDocument(data)
    try:
        pending = []
        for index in range(len(document)):
            page = document[index]
            try:
                if not _has_usable_text(page):
                    pending.append(index + 1)
            finally:
                page.close()
        return pending
    finally:
        document.close()


def _has_usable_text(page: pdfium.PdfPage) -> bool:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    readable, garbled, printed = _counts(text)
    if readable < MIN_TEXT_CHARS:
        return False
    if garbled > MAX_GARBLED_SHARE * printed:
        return False
    return not (readable < STAMP_TEXT_CHARS and _image_coverage(page) >= SCAN_COVERAGE)


def _counts(text: str) -> tuple[int, int, int]:
    """Letters and digits, undecodable characters, and all non-space characters of `text`."""
    readable = garbled = printed = 0
    for char in text:
        if char.isspace():
            continue
        printed += 1
        category = unicodedata.category(char)
        if char == "\ufffd" or category in ("Co", "Cc", "Cs"):
            garbled += 1
        elif char.isalnum():
            readable += 1
    return readable, garbled, printed


def _image_coverage(page: pdfium.PdfPage) -> float:
    """The share of the page that images cover (overlaps counted once per image, capped at 1)."""
    page_left, page_bottom, page_right, page_top = page.get_cropbox()  # the part that shows
    area = (page_right - page_left) * (page_top - page_bottom)
    if area <= 0:
        return 0.0
    covered = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = image.get_bounds()
        x = max(0.0, min(right, page_right) - max(left, page_left))
        y = max(0.0, min(top, page_top) - max(bottom, page_bottom))
        covered += x * y
    return float(min(covered / area, 1.0))
