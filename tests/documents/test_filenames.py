"""A sender's filename is shown back, never used as a path: cleaned and bounded."""

from __future__ import annotations

import pytest

from jobs.documents import clean_filename


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("annual report 2025.pdf", "annual report 2025.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\cfo\\Desktop\\FY25.xlsx", "FY25.xlsx"),
        ("bad\x00name.pdf", "badname.pdf"),
        ("line\nbreak\r.csv", "linebreak.csv"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # a right-to-left override would show "exe.pdf"
        (".hidden", "hidden"),
        ("", "document"),
        (None, "document"),
        ("\x00\x01", "document"),
        ("Cafe\u0301.pdf", "Caf\u00e9.pdf"),  # NFC
    ],
)
def test_a_filename_is_cleaned_for_showing(given: str | None, shown: str) -> None:
    assert clean_filename(given) == shown


def test_a_long_filename_is_cut_to_255_characters_keeping_its_extension() -> None:
    cleaned = clean_filename("a" * 1_000 + ".pdf")
    assert len(cleaned) == 255 and cleaned.endswith(".pdf")
