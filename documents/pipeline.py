"""One document in, its extraction out: the stages in the order a file's type needs them.

- A PDF whose every page has a text layer: its own characters (`extract.extract_pdf_text`).
- A PDF with pages without text (scans), and images (PNG, JPEG, TIFF): OCR of those pages, then
  the same statement reading over the words (`ocr.ocr_pages`, `extract.extract_pages`).
- A workbook or a CSV file: its cells (`extract.extract_workbook`).

Pure: bytes in, an Extraction out; the worker runs it in a thread and reports progress. The
readers are imported when first used: they bring PDF rendering and an OCR engine, which the API
process (it imports the worker's modules for the embedded worker) should not load at start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from documents.model import Extraction
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


def extract_document(
    data: bytes,
    media_type: str,
    fiscal_year_end: date | None,
    on_page: PageProgress | None = None,
) -> Extraction:
    """The figures of one document whose type `documents.sniff.sniff` established."""
    from documents import extract, ocr, pdf_text, text_layer

    if media_type in (XLSX, CSV):
        return extract.extract_workbook(data, media_type, fiscal_year_end)
    if media_type == PDF:
        scanned = text_layer.needs_ocr(data)
        if not scanned:
            return extract.extract_pdf_text(data, fiscal_year_end)
        # A mixed PDF: its own text where it has one, OCR only for the scanned pages, one page
        # at a time so that progress moves with each (OCR takes about 2.6 s a page).
        pages = {p.number: p for p in pdf_text.pdf_pages(data) if p.number not in scanned}
        for done, number in enumerate(scanned, start=1):
            for page in ocr.ocr_pages(data, media_type, pages=[number]):
                pages[page.number] = page
            if on_page is not None:
                on_page(done, len(scanned))
        return extract.extract_pages([pages[n] for n in sorted(pages)], fiscal_year_end)
    if media_type in IMAGE_TYPES:
        images = ocr.ocr_pages(data, media_type)
        if on_page is not None:
            on_page(len(images), len(images))
        return extract.extract_pages(images, fiscal_year_end)
    raise ValueError(f"no extractor for {media_type}")
