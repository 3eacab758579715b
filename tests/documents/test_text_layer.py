"""Which pages of a PDF need OCR."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from documents.text_layer import needs_ocr
from tests.fixtures import scans


def test_a_text_pdf_needs_no_ocr() -> None:
    assert needs_ocr(scans.statement_pdf(pages=3)) == []


def test_an_image_only_pdf_needs_ocr_on_every_page() -> None:
    assert needs_ocr(scans.scanned_statement_pdf(pages=2)) == [1, 2]


def test_a_mixed_pdf_needs_ocr_only_on_its_scanned_page() -> None:
    assert needs_ocr(scans.mixed_pdf()) == [2]


def test_a_scan_with_only_a_page_number_stamped_on_it_needs_ocr() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawImage(ImageReader(io.BytesIO(scans.scanned_statement_jpeg())), 0, 0, A4[0], A4[1])
    pdf.setFont("Helvetica", 8)
    pdf.drawString(280, 20, "Annual Report 2025 - Page 47 of 112")
    pdf.showPage()
    pdf.save()
    assert needs_ocr(buffer.getvalue()) == [1]


def test_a_scan_with_a_full_hidden_text_layer_is_read_from_that_layer() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawImage(ImageReader(io.BytesIO(scans.scanned_statement_jpeg())), 0, 0, A4[0], A4[1])
    hidden = pdf.beginText()
    hidden.setTextRenderMode(3)  # invisible, as a scanner's OCR layer is drawn
    hidden.setTextOrigin(72, 700)
    for line in scans.expected_lines():
        hidden.textLine(" ".join(line))
    pdf.drawText(hidden)
    pdf.showPage()
    pdf.save()
    assert needs_ocr(buffer.getvalue()) == []


def test_a_page_whose_text_is_undecodable_needs_ocr() -> None:
    assert needs_ocr(scans.undecodable_text_pdf()) == [1]
