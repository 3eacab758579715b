"""One document in, its extraction out: the stages in the order a file's type needs them.

- A PDF whose every page has a text layer: its own characters (`extract.extract_pdf_text`).
- A PDF with pages without text (scans), and images (PNG, JPEG, TIFF): OCR of those pages, one
  at a time, then the same statement reading over the words (`ocr.ocr_picture`,
  `extract.extract_pages`). A long scan may be read over several calls (`ScanReading`): the
  extraction job keeps each page read and hands the rest to its next delivery, so that no
  delivery outlasts the job's timeout.
- A workbook or a CSV file: its cells (`extract.extract_workbook`).

Pure: bytes in, an Extraction out; the worker runs it in a thread and reports progress. The
readers are imported when first used: they bring PDF rendering and an OCR engine, which the API
process (it imports the worker's modules for the embedded worker) should not load at start.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from documents.model import Extraction, PageText
from documents.sniff import CSV, IMAGE_TYPES, PDF, TIFF, XLSX, tiff_page_count, workbook_sheet_count

# (pages done, pages in all): called from the extracting thread.
PageProgress = Callable[[int, int], None]


def count_pages(data: bytes, media_type: str) -> int:
    """Pages as a reader counts them: a PDF's pages, a TIFF's images, a workbook's sheets; one
    for a single image or a CSV file."""
    if media_type == PDF:
        from documents import pdf_text

        return pdf_text.page_count(data)
    if media_type == TIFF:
        return tiff_page_count(data)
    if media_type == XLSX:
        return workbook_sheet_count(data)
    return 1


class MorePagesToRead(Exception):
    """The deadline passed with pages still to read by OCR; those read were handed to
    `ScanReading.on_read`, and a next call given them as `known` goes on from there."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(f"read {done} of {total} pages")
        self.done = done
        self.total = total


@dataclass(frozen=True)
class ScanReading:
    """How OCR of a document's scanned pages is spread over calls: the pages already read (by
    an earlier call), a callback for each page read now, and the `time.monotonic()` past which no
    further page is started. At least one page is read per call, so calls always progress."""

    known: Mapping[int, PageText] = field(default_factory=dict)
    on_read: Callable[[PageText], None] | None = None
    deadline: float | None = None


def extract_document(
    data: bytes,
    media_type: str,
    fiscal_year_end: date | None,
    on_page: PageProgress | None = None,
    scans: ScanReading | None = None,
) -> Extraction:
    """The figures of one document whose type `documents.sniff.sniff` established.

    Raises `MorePagesToRead` when `scans.deadline` passes before every scanned page is read."""
    from documents import extract, pdf_text, text_layer

    if media_type in (XLSX, CSV):
        return extract.extract_workbook(data, media_type, fiscal_year_end)
    if media_type == PDF:
        scanned = text_layer.needs_ocr(data)
        if not scanned:
            return extract.extract_pdf_text(data, fiscal_year_end)
        # A mixed PDF: OCR only for the scanned pages, its own text where it has one (read after
        # the scans, so that a delivery that hands pages over has not read the text for nothing).
        pages = _read_scans(data, media_type, scanned, on_page, scans or ScanReading())
        pages.update((p.number, p) for p in pdf_text.pdf_pages(data) if p.number not in scanned)
        return extract.extract_pages([pages[n] for n in sorted(pages)], fiscal_year_end)
    if media_type in IMAGE_TYPES:
        numbers = list(range(1, count_pages(data, media_type) + 1))
        images = _read_scans(data, media_type, numbers, on_page, scans or ScanReading())
        return extract.extract_pages([images[n] for n in sorted(images)], fiscal_year_end)
    raise ValueError(f"no extractor for {media_type}")


def _read_scans(
    data: bytes,
    media_type: str,
    numbers: Sequence[int],
    on_page: PageProgress | None,
    scans: ScanReading,
) -> dict[int, PageText]:
    """The pages `numbers` read by OCR, one at a time so that progress moves with each (about
    2.6 s a page), those in `scans.known` taken as read."""
    from documents import ocr
    from documents.rasterise import pictures

    read = {n: scans.known[n] for n in numbers if n in scans.known}
    missing = [n for n in numbers if n not in read]
    if read and on_page is not None:
        on_page(len(read), len(numbers))
    for picture in pictures(data, media_type, pages=missing):
        page = ocr.ocr_picture(picture)
        read[page.number] = page
        if scans.on_read is not None:
            scans.on_read(page)
        if on_page is not None:
            on_page(len(read), len(numbers))
        out_of_time = scans.deadline is not None and time.monotonic() >= scans.deadline
        if out_of_time and len(read) < len(numbers):
            raise MorePagesToRead(len(read), len(numbers))
    return read
