"""Types are read from the bytes, never from the name: each format's own signature, and a
workbook checked for what its archive really holds."""

from __future__ import annotations

import struct

import pytest

from documents.sniff import (
    CSV,
    JPEG,
    PDF,
    PNG,
    TIFF,
    XLSX,
    Refused,
    SniffCode,
    Sniffed,
    sniff,
    tiff_page_count,
    workbook_sheet_count,
)
from tests.fixtures.uploads import (
    CONTENT_TYPES,
    CSV_BYTES,
    PDF_BYTES,
    WORKBOOK,
    workbook_zip,
    xlsx_bytes,
)


def _tiff(pages: int) -> bytes:
    """A little-endian TIFF of `pages` empty IFDs chained by next-IFD offsets (TIFF 6.0, s. 2)."""
    data = bytearray(b"II*\x00" + struct.pack("<I", 8))
    for index in range(pages):
        offset = len(data)
        following = offset + 6 if index < pages - 1 else 0
        data += struct.pack("<H", 0) + struct.pack("<I", following)
    return bytes(data)


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (PDF_BYTES, PDF),
        (b"\n\n%PDF-1.7 after a few junk bytes readers tolerate", PDF),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG),
        (_tiff(1), TIFF),
        (b"MM\x00*\x00\x00\x00\x08", TIFF),
        (xlsx_bytes(), XLSX),
        (CSV_BYTES, CSV),
        (b"\xef\xbb\xbf" + CSV_BYTES, CSV),
        ("Posten;2025\nUmsatz;1\u20ac\n".encode("cp1252"), CSV),
    ],
)
def test_each_format_is_known_by_its_signature(data: bytes, media_type: str) -> None:
    assert sniff(data) == Sniffed(media_type)


def test_a_pdf_named_and_typed_as_csv_is_a_pdf() -> None:
    # sniff takes no name and no claimed type at all: there is nothing for a claim to override.
    assert sniff(PDF_BYTES) == Sniffed(PDF)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", SniffCode.EMPTY_FILE),
        (b"just a sentence of prose\n", SniffCode.UNSUPPORTED_TYPE),
        (b"MZ\x90\x00\x03\x00\x00\x00 an executable", SniffCode.UNSUPPORTED_TYPE),
        (b"a,b\n\x00\x01\x02,binary\n", SniffCode.UNSUPPORTED_TYPE),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, SniffCode.UNSUPPORTED_TYPE),
        (b"PK\x03\x04 not really a zip", SniffCode.UNSUPPORTED_TYPE),
        (workbook_zip({"word/document.xml": b"<w/>"}), SniffCode.UNSUPPORTED_TYPE),
    ],
)
def test_what_is_not_a_supported_document_is_refused_with_its_code(
    data: bytes, code: SniffCode
) -> None:
    refused = sniff(data)
    assert isinstance(refused, Refused) and refused.code is code


def test_a_macro_enabled_workbook_is_refused() -> None:
    macro_types = CONTENT_TYPES.replace(
        b"openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"ms-excel.sheet.macroEnabled.main+xml",
    )
    xlsm = workbook_zip(
        {
            "[Content_Types].xml": macro_types,
            "xl/workbook.xml": WORKBOOK,
            "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros",
        }
    )
    refused = sniff(xlsm)
    assert isinstance(refused, Refused) and refused.code is SniffCode.MACROS_NOT_ALLOWED


def test_a_zip_bomb_named_xlsx_is_refused_without_inflating_it() -> None:
    zeros = b"\x00" * (8 * 1024 * 1024)  # deflates about 1,000x
    bomb = workbook_zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "xl/workbook.xml": WORKBOOK,
            "xl/worksheets/sheet1.xml": zeros,
        }
    )
    assert len(bomb) < 64 * 1024
    refused = sniff(bomb)
    assert isinstance(refused, Refused) and refused.code is SniffCode.UNSAFE_ARCHIVE
    assert "zip bomb" in refused.message


def test_an_archive_declaring_more_than_the_limit_is_refused() -> None:
    # 25 members of 9 MiB of varied bytes: each compresses too little to trip the ratio check,
    # together they declare 225 MiB, past the 200 MiB a workbook may inflate to.
    chunk = bytes(range(256)) * (9 * 1024 * 4)
    members = {f"xl/worksheets/sheet{i}.xml": chunk for i in range(25)}
    archive = workbook_zip(
        {"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": WORKBOOK, **members}
    )
    refused = sniff(archive)
    assert isinstance(refused, Refused) and refused.code is SniffCode.UNSAFE_ARCHIVE


def test_a_tiffs_pages_are_its_chained_images() -> None:
    assert tiff_page_count(_tiff(3)) == 3
    assert tiff_page_count(_tiff(1)) == 1


def test_a_tiff_whose_images_loop_is_counted_once_each() -> None:
    data = bytearray(_tiff(2))
    data[-4:] = struct.pack("<I", 8)  # the last IFD points back at the first
    assert tiff_page_count(bytes(data)) == 2


def test_a_workbooks_pages_are_its_sheets() -> None:
    assert workbook_sheet_count(xlsx_bytes()) == 2
