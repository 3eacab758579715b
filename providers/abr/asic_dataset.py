"""Streaming parser for ASIC's company dataset (data.gov.au, "asic-companies", weekly).

The file is named `.csv` but its values are separated by tabs, one company name per line:

    Company Name  ACN  Type  Class  Sub Class  Status  Date of Registration
    Date of Deregistration  Previous State of Registration  State Registration number
    Modified since last report  Current Name Indicator  ABN  Current Name  Current Name Start Date

Columns are found by header name, case-insensitively. Dates are DD/MM/YYYY. A company that has
changed its name has one line per name: the line of its current name carries `Current Name
Indicator` = Y, and a line of a former name carries the current name in `Current Name`. Every line
yields the entity under its current name, so an ACN can come more than once: key by ACN.

The file is read line by line (it is large) and a bad line does not stop the read: it is counted,
and the first line numbers and problems are kept in an `AsicDatasetReport`. A file that cannot be
this dataset at all (no header, missing columns, UTF-16) raises `ProviderError`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from core.errors import ProviderError
from providers.abr.identifiers import is_valid_abn, is_valid_acn
from providers.models import DataSource, Provenance, RegistryEntity

log = logging.getLogger(__name__)

UPSTREAM = "ASIC"
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_REQUIRED = ("company name", "acn")
_ENTITY_TYPES = {
    "APTY": "Australian Proprietary Company",
    "APUB": "Australian Public Company",
}


@dataclass
class AsicDatasetReport:
    """What a read found. `first_bad_lines` and `problems` keep the first `keep` bad lines (1-based
    line numbers in the file, the header being line 1)."""

    keep: int = 10
    rows: int = 0
    entities: int = 0
    bad_rows: int = 0
    first_bad_lines: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def bad(self, line_number: int, problem: str) -> None:
        self.bad_rows += 1
        if len(self.first_bad_lines) < self.keep:
            self.first_bad_lines.append(line_number)
            self.problems.append(f"line {line_number}: {problem}")


class _BadRow(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class _Layout:
    columns: dict[str, int]  # lower-cased header name -> index
    width: int


def parse_asic_companies(
    lines: Iterable[bytes],
    *,
    as_of: date,
    report: AsicDatasetReport | None = None,
    encoding: str = "utf-8",
) -> Iterator[RegistryEntity]:
    """Yield one RegistryEntity per good line of the dataset, read from `lines` (an open binary
    file iterates as such). `as_of` is the dataset's extract date; `report` is filled as the
    lines are read, and is complete when the iterator is exhausted. A header that is not this
    dataset's raises ProviderError on the first `next`."""
    report = report if report is not None else AsicDatasetReport()
    iterator = iter(lines)
    header_bytes = next(iterator, None)
    if header_bytes is None:
        raise _fatal("the file is empty")
    layout = _header(header_bytes, encoding)
    provenance = Provenance(DataSource.ASIC, as_of)

    for line_number, raw in enumerate(iterator, start=2):
        line = raw.rstrip(b"\r\n")
        if not line.strip():
            continue
        report.rows += 1
        try:
            text = line.decode(encoding)
        except UnicodeDecodeError:
            report.bad(line_number, f"not {encoding} text")
            continue
        try:
            entity = _entity(text.split("\t"), layout, provenance)
        except _BadRow as exc:
            report.bad(line_number, str(exc))
            continue
        report.entities += 1
        yield entity

    if report.bad_rows:
        log.warning(
            "ASIC company dataset: %d of %d rows unreadable; first at lines %s",
            report.bad_rows,
            report.rows,
            ", ".join(map(str, report.first_bad_lines)),
        )


def _fatal(problem: str) -> ProviderError:
    return ProviderError(f"ASIC company dataset: {problem}", upstream=UPSTREAM)


def _header(raw: bytes, encoding: str) -> _Layout:
    if raw.startswith(_UTF16_BOMS):
        raise _fatal(f"the file is UTF-16 text; expected {encoding}")
    try:
        text = raw.removeprefix(_UTF8_BOM).rstrip(b"\r\n").decode(encoding)
    except UnicodeDecodeError:
        raise _fatal(f"the header is not {encoding} text") from None
    names = [cell.strip().lower() for cell in text.split("\t")]
    if len(names) < 2:
        raise _fatal("the header is not tab-separated")
    columns = {name: index for index, name in enumerate(names) if name}
    missing = [name for name in _REQUIRED if name not in columns]
    if missing:
        raise _fatal(f"the header lacks column(s): {', '.join(missing)}")
    return _Layout(columns, len(names))


def _entity(cells: list[str], layout: _Layout, provenance: Provenance) -> RegistryEntity:
    if len(cells) != layout.width:
        raise _BadRow(f"{len(cells)} fields where the header has {layout.width}")

    def cell(name: str) -> str:
        index = layout.columns.get(name)
        return cells[index].strip() if index is not None else ""

    name = cell("company name")
    if not name:
        raise _BadRow("no Company Name")
    acn = cell("acn")
    if not is_valid_acn(acn):
        raise _BadRow(f"ACN {acn!r} is not a valid ACN")
    abn = cell("abn")
    if abn and not is_valid_abn(abn):
        raise _BadRow(f"ABN {abn!r} is not a valid ABN")

    registered = _date(cell("date of registration"), "Date of Registration")
    deregistered = _date(cell("date of deregistration"), "Date of Deregistration")
    _date(cell("current name start date"), "Current Name Start Date")
    current_name = cell("current name")
    is_current = cell("current name indicator").upper() == "Y"
    entity_type = cell("type")
    status = cell("status")
    return RegistryEntity(
        abn=abn or None,
        acn=acn,
        entity_name=name if is_current or not current_name else current_name,
        entity_type=_ENTITY_TYPES.get(entity_type, entity_type) or None,
        status=status or None,
        status_from=deregistered or registered,
        gst_registered_from=None,
        # "Previous State of Registration" is where a company was registered before the national
        # scheme, not where it is now; the dataset has no address.
        state=None,
        postcode=None,
        business_names=(),
        provenance=provenance,
    )


def _date(text: str, column: str) -> date | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise _BadRow(f"{column} {text!r} is not DD/MM/YYYY") from None
