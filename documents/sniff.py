"""What an uploaded file is, read from its bytes, never from its name or the type its sender
claims: a `.csv` that starts with `%PDF-` is a PDF, and a `.xlsx` that is a zip of something else
is refused.

The signatures are the formats' own: PDF `%PDF-` within the first 1,024 bytes (ISO 32000-1:2008,
7.5.2, and Annex H.3 note 3 on the leading bytes readers tolerate), PNG's eight-byte signature
(ISO/IEC 15948:2004, 5.2), JPEG's SOI marker followed by a marker (ITU-T T.81, B.1.1.2), TIFF's
byte-order header with 42 (TIFF 6.0, section 2), and an Office Open XML workbook: a zip whose
`[Content_Types].xml` declares the spreadsheetml main part at `/xl/workbook.xml` (ECMA-376 Part 1,
12.3.23; Part 2, 10.1.2). A macro-enabled workbook declares `ms-excel.sheet.macroEnabled.main+xml`
and carries `xl/vbaProject.bin` ([MS-OFFMACRO2] 2.2.1.4): refused, since nothing here needs code.

A zip is read for what it really holds, not what its headers declare: each member is inflated in
bounded chunks, so an archive that declares small sizes and inflates to gigabytes stops at the
limit (`UNSAFE_ARCHIVE`) instead of filling memory.

CSV (RFC 4180) has no signature: text in UTF-8 (with or without its BOM) or, failing that,
Windows-1252 (what Excel on Windows writes, and what the RBA's own CSV files are), without control
characters, that parses into rows of two or more fields.
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
from dataclasses import dataclass
from enum import StrEnum

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
IMAGE_TYPES = frozenset({PNG, JPEG, TIFF})

# A workbook of statements inflates to a few megabytes; 200 MiB is far past any real one.
MAX_INFLATED_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
# The compression ratio above which a member of at least 1 MiB is a bomb, not a spreadsheet:
# XML of repeated cells compresses about 10-30x; a run of zeros over 1,000x.
MAX_RATIO = 200
_CHUNK = 64 * 1024
_WORKBOOK_MAIN = b"spreadsheetml.sheet.main+xml"
_MACRO_MAIN = b"macroEnabled.main+xml"


class SniffCode(StrEnum):
    EMPTY_FILE = "EMPTY_FILE"
    UNSUPPORTED_TYPE = "UNSUPPORTED_TYPE"
    MACROS_NOT_ALLOWED = "MACROS_NOT_ALLOWED"
    UNSAFE_ARCHIVE = "UNSAFE_ARCHIVE"
    ENCRYPTED = "ENCRYPTED"


@dataclass(frozen=True, slots=True)
class Sniffed:
    media_type: str


@dataclass(frozen=True, slots=True)
class Refused:
    code: SniffCode
    message: str


def sniff(data: bytes) -> Sniffed | Refused:
    """The media type of `data`, or why it is not a document this platform reads."""
    if not data:
        return Refused(SniffCode.EMPTY_FILE, "The file is empty.")
    head = data[:1024]
    if b"%PDF-" in head:
        return Sniffed(PDF)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed(PNG)
    if data.startswith(b"\xff\xd8\xff"):
        return Sniffed(JPEG)
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return Sniffed(TIFF)
    if data.startswith(b"PK\x03\x04"):
        return _workbook(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return Refused(
            SniffCode.UNSUPPORTED_TYPE,
            "A legacy Office file (.xls, .doc): save it as .xlsx, .csv or PDF.",
        )
    return _csv(data)


def _workbook(data: bytes) -> Sniffed | Refused:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return Refused(SniffCode.UNSUPPORTED_TYPE, "A zip archive that cannot be read.")
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        return Refused(
            SniffCode.UNSUPPORTED_TYPE, "A zip archive that is not an Excel workbook (.xlsx)."
        )
    if len(members) > MAX_ZIP_MEMBERS:
        return Refused(SniffCode.UNSAFE_ARCHIVE, f"More than {MAX_ZIP_MEMBERS} archive members.")
    if any(member.flag_bits & 0x1 for member in members):
        return Refused(
            SniffCode.ENCRYPTED, "The workbook is encrypted; save it without a password."
        )
    declared = sum(member.file_size for member in members)
    if declared > MAX_INFLATED_BYTES:
        return _bomb(f"declares {declared:,} bytes uncompressed")
    for member in members:
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size >= 1024 * 1024 and ratio > MAX_RATIO:
            return _bomb(f"compresses {member.filename} {ratio:,}x")
    inflated = _inflated_size(archive, members)
    if isinstance(inflated, Refused):
        return inflated
    content_types = _read_bounded(archive, "[Content_Types].xml", 1024 * 1024)
    if content_types is None:
        return _bomb("has a [Content_Types].xml over 1 MiB")
    if "xl/vbaProject.bin" in names or _MACRO_MAIN in content_types:
        return Refused(
            SniffCode.MACROS_NOT_ALLOWED,
            "A macro-enabled workbook (.xlsm): save it as .xlsx without macros.",
        )
    if _WORKBOOK_MAIN not in content_types:
        return Refused(SniffCode.UNSUPPORTED_TYPE, "An Office archive that is not a workbook.")
    return Sniffed(XLSX)


def _bomb(detail: str) -> Refused:
    return Refused(SniffCode.UNSAFE_ARCHIVE, f"The archive {detail}: refused as a zip bomb.")


def _inflated_size(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> int | Refused:
    """The bytes the archive really inflates to, counted in chunks, stopping at the limit; a
    member larger than its header says is a bomb too (headers are the attacker's to write)."""
    total = 0
    for member in members:
        seen = 0
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    seen += len(chunk)
                    total += len(chunk)
                    if total > MAX_INFLATED_BYTES:
                        return _bomb(f"inflates past {MAX_INFLATED_BYTES:,} bytes")
                    if seen > member.file_size:
                        return _bomb(f"member {member.filename} is larger than it declares")
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            return Refused(SniffCode.UNSUPPORTED_TYPE, "A zip archive that cannot be read.")
    return total


def _read_bounded(archive: zipfile.ZipFile, name: str, limit: int) -> bytes | None:
    with archive.open(name) as stream:
        data = stream.read(limit + 1)
    return data if len(data) <= limit else None


def decode_text(data: bytes) -> str | None:
    """UTF-8 (a BOM dropped), else Windows-1252; None for binary data or undecodable bytes."""
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None
    if any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text):
        return None
    return text


def _csv(data: bytes) -> Sniffed | Refused:
    refused = Refused(
        SniffCode.UNSUPPORTED_TYPE,
        "Not a supported document: PDF, PNG, JPEG, TIFF, XLSX or CSV (read from the content).",
    )
    text = decode_text(data)
    if text is None or not text.strip():
        return refused
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], ",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        widest = max((len(row) for row in csv.reader(io.StringIO(text), dialect)), default=0)
    except csv.Error:
        return refused
    return Sniffed(CSV) if widest >= 2 else refused


def tiff_page_count(data: bytes, limit: int = 10_000) -> int:
    """The images (IFDs) in a TIFF file, following the chain of IFD offsets (TIFF 6.0, section
    2: each IFD ends with the offset of the next, 0 after the last); a loop or an offset outside
    the file ends the count."""
    if len(data) < 8:
        return 0
    order = "<" if data[:2] == b"II" else ">"
    (offset,) = struct.unpack(order + "I", data[4:8])
    seen: set[int] = set()
    while 0 < offset <= len(data) - 2 and offset not in seen and len(seen) < limit:
        seen.add(offset)
        (entries,) = struct.unpack(order + "H", data[offset : offset + 2])
        end = offset + 2 + entries * 12
        if end + 4 > len(data):
            break
        (offset,) = struct.unpack(order + "I", data[end : end + 4])
    return len(seen)


def workbook_sheet_count(data: bytes) -> int:
    """Sheets listed in `xl/workbook.xml` (its `<sheet>` elements, ECMA-376 Part 1, 18.2.19)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = _read_bounded(archive, "xl/workbook.xml", 4 * 1024 * 1024) or b""
    return workbook.count(b"<sheet ") + workbook.count(b"<x:sheet ")
