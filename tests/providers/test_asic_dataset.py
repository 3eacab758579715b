"""The ASIC company dataset: a tab-separated file read line by line."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date

import pytest

from core.errors import ProviderError
from providers.abr import AsicDatasetReport, parse_asic_companies
from providers.models import DataSource
from tests.fixtures.paths import fixture_path

FIXTURE = fixture_path("upstream/abr/asic_company_dataset_excerpt.tsv")
AS_OF = date(2026, 2, 24)
HEADER = FIXTURE.read_bytes().splitlines(keepends=True)[0]
GOOD = FIXTURE.read_bytes().splitlines(keepends=True)[2]  # CHRISTENSEN & ASSOCIATES, line 3


def read(data: bytes, report: AsicDatasetReport | None = None) -> list:
    return list(parse_asic_companies(data.splitlines(keepends=True), as_of=AS_OF, report=report))


def test_fixture_rows_become_entities_under_their_current_names() -> None:
    report = AsicDatasetReport()
    with FIXTURE.open("rb") as file:
        former, current = parse_asic_companies(file, as_of=AS_OF, report=report)
    # A former-name line carries the company's current name.
    assert former.entity_name == "MONAKA PTY LTD"
    assert former.acn == "000000019"
    assert former.abn == "89000000019"
    assert former.entity_type == "Australian Proprietary Company"
    assert former.status == "REGD"
    assert former.status_from == date(1990, 1, 8)
    assert current.entity_name == "CHRISTENSEN & ASSOCIATES PTY LTD"
    assert (current.acn, current.abn) == ("000000028", "91000000028")
    assert current.status_from == date(1987, 9, 15)
    for entity in (former, current):
        assert entity.provenance.source is DataSource.ASIC
        assert entity.provenance.as_of == AS_OF
        assert (entity.state, entity.postcode, entity.gst_registered_from) == (None, None, None)
        assert entity.business_names == ()
    assert (report.rows, report.entities, report.bad_rows) == (2, 2, 0)


def test_it_streams_rather_than_reading_everything_first() -> None:
    consumed = 0

    def lines() -> Iterator[bytes]:
        nonlocal consumed
        for line in [HEADER, GOOD, GOOD, GOOD]:
            consumed += 1
            yield line

    entities = parse_asic_companies(lines(), as_of=AS_OF)
    next(entities)
    assert consumed == 2


def test_bad_rows_are_counted_with_their_line_numbers_and_the_rest_is_read(
    caplog: pytest.LogCaptureFixture,
) -> None:
    cells = GOOD.rstrip(b"\r\n").split(b"\t")

    def line(**changes: bytes) -> bytes:
        row = list(cells)
        for index, value in changes.items():
            row[int(index.removeprefix("c"))] = value
        return b"\t".join(row) + b"\n"

    data = b"".join(
        [
            HEADER,
            GOOD,  # line 2
            b"JUST\tTWO\n",  # line 3: wrong width
            line(c1=b"000000018"),  # line 4: ACN check digit
            line(c6=b"1987-09-15"),  # line 5: not DD/MM/YYYY
            b"\n",  # line 6: blank, skipped
            line(c0="CAF\xc9 PTY LTD".encode("cp1252")),  # line 7: not UTF-8
            line(c12=b"91000000029"),  # line 8: ABN check digits
            line(c0=b""),  # line 9: no name
            GOOD,  # line 10
        ]
    )
    report = AsicDatasetReport(keep=3)
    caplog.set_level(logging.WARNING)
    entities = read(data, report)
    assert len(entities) == 2
    assert (report.rows, report.entities, report.bad_rows) == (8, 2, 6)
    assert report.first_bad_lines == [3, 4, 5]
    assert report.problems[0] == "line 3: 2 fields where the header has 15"
    assert "ACN '000000018'" in report.problems[1]
    assert "not DD/MM/YYYY" in report.problems[2]
    assert "6 of 8 rows unreadable; first at lines 3, 4, 5" in caplog.text


def test_non_utf8_line_is_reported_and_cp1252_can_be_asked_for() -> None:
    row = GOOD.replace(b"CHRISTENSEN", "CAF\xc9".encode("cp1252"))
    report = AsicDatasetReport()
    assert read(HEADER + row, report) == []
    assert report.problems == ["line 2: not utf-8 text"]
    [entity] = parse_asic_companies([HEADER, row], as_of=AS_OF, encoding="cp1252")
    assert entity.entity_name.startswith("CAFÉ")


def test_crlf_endings_a_utf8_bom_and_reordered_columns_are_read() -> None:
    names = HEADER.rstrip(b"\r\n").split(b"\t")
    values = GOOD.rstrip(b"\r\n").split(b"\t")
    order = list(reversed(range(len(names))))
    header = b"\xef\xbb\xbf" + b"\t".join(names[i] for i in order) + b"\r\n"
    row = b"\t".join(values[i] for i in order) + b"\r\n"
    [entity] = read(header + row)
    assert entity.entity_name == "CHRISTENSEN & ASSOCIATES PTY LTD"
    assert entity.acn == "000000028"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "the file is empty"),
        (b"Company Name,ACN,Type\nX,000000019,APTY\n", "not tab-separated"),
        (b"Company Name\tType\nX\tAPTY\n", "lacks column"),
        ("Company Name\tACN\n".encode("utf-16"), "UTF-16"),
        (b"Company \xffName\tACN\n", "header is not utf-8"),
    ],
)
def test_a_file_that_is_not_the_dataset_is_refused(data: bytes, problem: str) -> None:
    with pytest.raises(ProviderError, match=problem) as raised:
        read(data)
    assert str(raised.value).startswith("ASIC company dataset: ")
