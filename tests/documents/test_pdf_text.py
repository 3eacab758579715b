"""Words with positions from a text PDF (documents/pdf_text.py)."""

from __future__ import annotations

import io

import pdfplumber

from documents.extract import extract_pdf_text
from documents.model import Field
from documents.pdf_text import page_count, pdf_pages
from tests.fixtures.statements.long_report import report
from tests.fixtures.statements.truth import AUSTRALIAN


def test_the_words_are_pdfplumber_s_own() -> None:
    """The lean character path gives exactly Page.extract_words' words and boxes."""
    data = report(8)
    ours = pdf_pages(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page, read in zip(pdf.pages, ours, strict=True):
            theirs = [
                (w["text"], w["x0"], w["top"], w["x1"], w["bottom"])
                for w in page.extract_words(x_tolerance=1.5, y_tolerance=2)
            ]
            assert [(w.text, w.x0, w.top, w.x1, w.bottom) for w in read.words] == theirs
            assert (read.width, read.height) == (float(page.width), float(page.height))


def test_pages_are_numbered_from_one_with_full_confidence() -> None:
    pages = pdf_pages(report(8))
    assert [p.number for p in pages] == list(range(1, 9))
    assert all(not p.ocr and all(w.confidence == 1.0 for w in p.words) for p in pages)
    assert page_count(report(8)) == 8


def test_notes_pages_do_not_disturb_the_statements() -> None:
    """Thirty pages: the statements, then notes with prose naming years and their own tables
    with "Total" lines under year headings. The figures and the issues are the statements'."""
    extraction = extract_pdf_text(report(30))
    for period in extraction.periods:
        assert period.fiscal_year_end is not None
        assert {n: period.value(n) for n in Field} == AUSTRALIAN[period.fiscal_year_end]
    assert [i.code for i in extraction.issues] == ["SUBTOTAL_MISMATCH", "SUBTOTAL_MISMATCH"]
