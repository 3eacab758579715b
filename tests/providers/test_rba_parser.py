"""Tests for the RBA statistical-table parser, against real RBA files and small variations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from providers.rba import RbaParseError, RbaTable, parse_rba_table
from tests.fixtures.paths import fixture_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "providers" / "sample" / "data"

F11_FIXTURE = fixture_path("rba/f1.1-data_excerpt.csv")
F2_FIXTURE = fixture_path("rba/f2-data_excerpt.csv")
G1_FIXTURE = fixture_path("rba/g1-data_excerpt_cp1252.csv")
F11_SAMPLE = SAMPLE / "f1.1-data_2022-12_to_2026-04.csv"
F2_SAMPLE = SAMPLE / "f2-data_2025-10_to_2026-05.csv"
G1_SAMPLE = SAMPLE / "g1-data_excerpt_cp1252.csv"

F11_TITLE = "F1.1 INTEREST RATES AND YIELDS – MONEY MARKET"
F2_TITLE = "F2 CAPITAL MARKET YIELDS – GOVERNMENT BONDS"
G1_TITLE = "G1 CONSUMER PRICE INFLATION"

MINIMAL = (
    "X1 TEST TABLE\n"
    "Title,Rate,Count\n"
    "Units,Per cent,Number\n"
    "Source,RBA,RBA\n"
    "Publication date,01-May-2026,01-May-2026\n"
    "Series ID,XRATE,XCOUNT\n"
    "31/03/2026,{rate},{count}\n"
)


def parse(path: Path) -> RbaTable:
    return parse_rba_table(path.read_bytes())


def minimal(rate: str = "4.10", count: str = "7") -> bytes:
    return MINIMAL.format(rate=rate, count=count).encode()


@pytest.mark.parametrize(
    ("path", "title", "series_count"),
    [
        (F11_FIXTURE, F11_TITLE, 15),
        (F2_FIXTURE, F2_TITLE, 5),
        (G1_FIXTURE, G1_TITLE, 20),
        (F11_SAMPLE, F11_TITLE, 15),
        (F2_SAMPLE, F2_TITLE, 5),
        (G1_SAMPLE, G1_TITLE, 20),
    ],
    ids=lambda value: value.name if isinstance(value, Path) else None,
)
def test_each_rba_file_yields_its_title_and_every_series(
    path: Path, title: str, series_count: int
) -> None:
    table = parse(path)

    assert table.table_title == title
    assert len(table.series) == series_count


@pytest.mark.parametrize("path", [F11_FIXTURE, F11_SAMPLE], ids=lambda p: p.name)
def test_f11_cash_rate_target_latest_is_april_2026_as_decimal_fraction(path: Path) -> None:
    latest = parse(path).series["FIRMMCRT"].latest

    assert latest is not None
    assert (latest.as_of, latest.value) == (date(2026, 4, 30), 0.041)


def test_f11_publication_date_is_parsed_from_dd_mon_yyyy() -> None:
    assert parse(F11_SAMPLE).series["FIRMMCRT"].published_on == date(2026, 5, 1)


def test_f11_metadata_is_read_by_label_for_each_column() -> None:
    series = parse(F11_FIXTURE).series["FIRMMOIS3"]

    assert series.title == "3-month OIS"
    assert series.units == "Per cent"
    assert series.frequency == "Monthly"
    assert series.source == "FENICS"


def test_f11_rows_that_stop_early_give_no_value_to_later_series() -> None:
    dates = [obs.as_of for obs in parse(F11_FIXTURE).series["FIRMMTN1"].observations]

    assert dates == [date(1995, 1, 31), date(2001, 7, 31), date(2013, 5, 31)]


def test_f11_series_beyond_every_row_have_no_observations() -> None:
    assert parse(F11_SAMPLE).series["FIRMMOIS1"].observations == ()


def test_f11_observations_keep_file_order() -> None:
    dates = [obs.as_of for obs in parse(F11_SAMPLE).series["FIRMMCRT"].observations]

    assert dates == sorted(dates)
    assert len(dates) == 41
    assert dates[0] == date(2022, 12, 31)


def test_f11_per_cent_conversion_has_no_float_noise() -> None:
    values = {obs.as_of: obs.value for obs in parse(F11_SAMPLE).series["FIRMMCRT"].observations}

    assert values[date(2023, 12, 31)] == 0.0435
    assert values[date(2022, 12, 31)] == 0.0305


def test_f11_non_rate_units_are_kept_as_published() -> None:
    series = parse(F11_SAMPLE).series

    assert series["FIRMMCRIVM"].units == "$m"
    assert series["FIRMMCRIVM"].latest is not None
    assert series["FIRMMCRIVM"].latest.value == 33144.0
    assert series["FIRMMCRINM"].latest is not None
    assert series["FIRMMCRINM"].latest.value == 231.0


def test_f2_ten_year_bond_latest_is_7_may_2026() -> None:
    latest = parse(F2_SAMPLE).series["FCMYGBAG10D"].latest

    assert latest is not None
    assert (latest.as_of, latest.value) == (date(2026, 5, 7), 0.04926)


def test_f2_day_month_name_year_dates_are_parsed() -> None:
    first = parse(F2_SAMPLE).series["FCMYGBAG2D"].observations[0]

    assert (first.as_of, first.value) == (date(2025, 10, 1), 0.03519)


def test_f2_date_only_rows_produce_no_observations() -> None:
    for series in parse(F2_SAMPLE).series.values():
        assert date(2025, 10, 6) not in {obs.as_of for obs in series.observations}
        assert len(series.observations) == 150  # 151 dated rows, one of them date-only


def test_f2_fixture_empty_leading_cells_give_no_value() -> None:
    series = parse(F2_FIXTURE).series

    assert [obs.as_of for obs in series["FCMYGBAG2D"].observations] == [
        date(2013, 9, 2),
        date(2014, 11, 20),
        date(2014, 12, 24),
    ]
    assert len(series["FCMYGBAG10D"].observations) == 5


def test_g1_year_ended_inflation_latest_is_september_2025() -> None:
    latest = parse(G1_FIXTURE).series["GCPIAGYP"].latest

    assert latest is not None
    assert (latest.as_of, latest.value) == (date(2025, 9, 30), 0.032)


def test_g1_trimmed_mean_latest_is_september_2025() -> None:
    latest = parse(G1_FIXTURE).series["GCPIOCPMTMYP"].latest

    assert latest is not None
    assert (latest.as_of, latest.value) == (date(2025, 9, 30), 0.030)


def test_g1_index_units_are_kept_unconverted() -> None:
    series = parse(G1_FIXTURE).series["GCPIAG"]

    assert series.units == "Index, 2011/12=100"
    assert series.latest is not None
    assert series.latest.value == 143.6


def test_g1_future_quarters_and_comma_padding_produce_no_observations() -> None:
    series = parse(G1_FIXTURE).series

    assert all(s.latest is None or s.latest.as_of <= date(2025, 9, 30) for s in series.values())
    assert len(series["GCPIAG"].observations) == 8


def test_g1_trailing_comma_columns_are_not_series() -> None:
    series = parse(G1_FIXTURE).series

    assert "" not in series
    assert list(series)[-1] == "GCPIOCPMTMQP"


def test_g1_en_dash_decodes_from_cp1252() -> None:
    series = parse(G1_FIXTURE).series["GCPIEITCYP"]

    assert series.title == "Year-ended inflation – excluding interest and tax changes"


def test_g1_joint_source_is_kept_verbatim() -> None:
    assert parse(G1_FIXTURE).series["GCPIAG"].source == "ABS / RBA"


@pytest.mark.parametrize("path", [F11_FIXTURE, F2_FIXTURE, G1_FIXTURE], ids=lambda p: p.name)
def test_utf8_and_cp1252_encodings_parse_identically(path: Path) -> None:
    raw = path.read_bytes()
    text = raw.decode("utf-8") if path is not G1_FIXTURE else raw.decode("cp1252")

    assert parse_rba_table(text.encode("utf-8")) == parse_rba_table(text.encode("cp1252"))


def test_utf8_byte_order_mark_is_ignored() -> None:
    raw = F11_FIXTURE.read_bytes()

    assert parse_rba_table(b"\xef\xbb\xbf" + raw) == parse_rba_table(raw)


def test_thousands_of_comma_only_padding_rows_change_nothing() -> None:
    raw = G1_FIXTURE.read_bytes()
    padded = raw + b",,,,,,,,,,,,,,,,,,,,,\r\n" * 9_000

    assert parse_rba_table(padded) == parse_rba_table(raw)


def test_series_columns_are_found_by_the_series_id_row_not_by_row_number() -> None:
    raw = F11_FIXTURE.read_bytes()
    shifted = raw.replace(b"\nSource,", b"\n\n,,,\nNotes,see website\nSource,", 1)

    assert parse_rba_table(shifted) == parse_rba_table(raw)


def test_missing_series_id_row_raises() -> None:
    raw = F11_FIXTURE.read_bytes().replace(b"Series ID,", b"Identifier,", 1)

    with pytest.raises(RbaParseError, match="Series ID"):
        parse_rba_table(raw)


def test_empty_file_raises() -> None:
    with pytest.raises(RbaParseError, match="Series ID"):
        parse_rba_table(b"")


def test_bad_number_raises_naming_series_and_date() -> None:
    with pytest.raises(RbaParseError, match=r"'4\.1x'.*XRATE.*31/03/2026"):
        parse_rba_table(minimal(rate="4.1x"))


def test_non_finite_number_raises() -> None:
    with pytest.raises(RbaParseError, match="XCOUNT"):
        parse_rba_table(minimal(count="nan"))


def test_bad_date_raises_naming_the_date() -> None:
    raw = minimal().replace(b"31/03/2026", b"2026-03-31")

    with pytest.raises(RbaParseError, match="2026-03-31"):
        parse_rba_table(raw)


def test_unknown_month_name_raises() -> None:
    raw = minimal().replace(b"31/03/2026", b"31-Foo-2026")

    with pytest.raises(RbaParseError, match="31-Foo-2026"):
        parse_rba_table(raw)


def test_bytes_that_are_neither_utf8_nor_cp1252_raise() -> None:
    # 0x81 is undefined in cp1252 and invalid as a lone byte in UTF-8.
    with pytest.raises(RbaParseError, match="cp1252"):
        parse_rba_table(minimal().replace(b"X1", b"X1 \x81"))


def test_missing_metadata_row_leaves_its_field_empty() -> None:
    assert parse_rba_table(minimal()).series["XCOUNT"].frequency == ""
