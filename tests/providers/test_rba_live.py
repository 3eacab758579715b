"""The live RBA adapter against the published table files, served over HTTP by respx."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import date

import httpx
import pytest
import respx

from core.errors import ProviderError, ProviderUnavailable
from providers.rba.live import RBA_BASE_URL, SERIES_TABLES, RbaProvider, table_file
from tests.fixtures.paths import fixture_path
from tests.fixtures.upstream_double import UpstreamDouble

F11 = fixture_path("rba/f1.1-data_excerpt.csv").read_bytes()
F2 = fixture_path("rba/f2-data_excerpt.csv").read_bytes()
G1 = fixture_path("rba/g1-data_excerpt_cp1252.csv").read_bytes()  # bytes exactly as published


def _table(title: str, label: str, units: str, series_id: str, rows: list[str]) -> bytes:
    """A small table in the RBA layout (cp1252, comma padding, blank metadata lines)."""
    lines = [
        f"{title},,",
        f"Title,{label},Other",
        "Frequency,Quarterly,Quarterly",
        "Type,Seasonally adjusted,Original",
        f"Units,{units},'000",
        ",,",
        ",,",
        "Source,ABS,ABS",
        "Publication date,04-Mar-2026,04-Mar-2026",
        f"Series ID,{series_id},XOTHER",
        *rows,
        ",,",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


H1 = _table(
    "H1 GDP AND INCOME – SUMMARY",
    "Year-ended real GDP growth",
    "Per cent",
    "GGDPCVGDPY",
    ["30/09/2025,2.1,1", "31/12/2025,2.5,2", "31/03/2026,,"],
)
H5 = _table(
    "H5 LABOUR FORCE",
    "Unemployment rate",
    "Per cent",
    "GLFSURSA",
    ["31/01/2026,4.1,1", "28/02/2026,4.3,2"],
)
PUBLISHED = {"f1.1": F11, "f2": F2, "g1": G1, "h1": H1, "h5": H5}
ALL_SERIES = ["FIRMMCRT", "FCMYGBAG10D", "GCPIAGYP", "GCPIOCPMTMYP", "GGDPCVGDPY", "GLFSURSA"]


@pytest.fixture
def rba() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=RBA_BASE_URL, assert_all_called=False) as router:
        for table, body in PUBLISHED.items():
            router.get(f"/{table_file(table)}", name=table).respond(200, content=body)
        yield router


@pytest.fixture
async def provider() -> AsyncIterator[RbaProvider]:
    upstream = UpstreamDouble("RBA", RBA_BASE_URL)
    yield RbaProvider(upstream)
    await upstream.aclose()


def test_every_mapped_series_names_its_table_file() -> None:
    assert dict(SERIES_TABLES) == {
        "FIRMMCRT": "f1.1",
        "FCMYGBAG10D": "f2",
        "GCPIAGYP": "g1",
        "GCPIOCPMTMYP": "g1",
        "GGDPCVGDPY": "h1",
        "GLFSURSA": "h5",
    }
    assert table_file("f1.1") == "f1.1-data.csv"


async def test_every_series_comes_from_its_table_as_a_decimal_fraction(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    series = await provider.rate_series(ALL_SERIES)

    latest = {sid: (s.latest.as_of, s.latest.value) for sid, s in series.items() if s.latest}
    assert latest == {
        "FIRMMCRT": (date(2026, 4, 30), 0.041),
        "FCMYGBAG10D": (date(2014, 12, 24), 0.02922),
        "GCPIAGYP": (date(2025, 9, 30), 0.032),
        "GCPIOCPMTMYP": (date(2025, 9, 30), 0.03),
        "GGDPCVGDPY": (date(2025, 12, 31), 0.025),
        "GLFSURSA": (date(2026, 2, 28), 0.043),
    }


async def test_requests_go_to_the_rba_folder_by_file_name(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    await provider.rate_series(ALL_SERIES)

    urls = sorted(str(call.request.url) for call in rba.calls)
    assert urls == [
        "https://www.rba.gov.au/statistics/tables/csv/f1.1-data.csv",
        "https://www.rba.gov.au/statistics/tables/csv/f2-data.csv",
        "https://www.rba.gov.au/statistics/tables/csv/g1-data.csv",
        "https://www.rba.gov.au/statistics/tables/csv/h1-data.csv",
        "https://www.rba.gov.au/statistics/tables/csv/h5-data.csv",
    ]


async def test_each_table_is_fetched_once_per_call(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    series = await provider.rate_series(["GCPIAGYP", "GCPIOCPMTMYP", "GCPIAGYP"])

    assert set(series) == {"GCPIAGYP", "GCPIOCPMTMYP"}
    assert rba.routes["g1"].call_count == 1
    assert rba.calls.call_count == 1


async def test_tables_are_fetched_concurrently(provider: RbaProvider) -> None:
    in_flight = 0
    most = 0

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.02)
        in_flight -= 1
        table = request.url.path.rsplit("/", 1)[-1].removesuffix("-data.csv")
        return httpx.Response(200, content=PUBLISHED[table])

    with respx.mock(base_url=RBA_BASE_URL) as router:
        router.get(url__regex=r".*-data\.csv$").mock(side_effect=slow)
        await provider.rate_series(ALL_SERIES)

    assert most == 5


async def test_unknown_series_are_absent_and_fetch_nothing(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    assert await provider.rate_series(["NOSUCHSERIES", "FIRMMCRI"]) == {}
    assert rba.calls.call_count == 0


async def test_a_mapped_series_missing_from_its_table_is_absent(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    rba.routes["h5"].respond(200, content=H5.replace(b"GLFSURSA", b"GLFSURSX"))

    series = await provider.rate_series(["GLFSURSA", "FIRMMCRT"])
    assert set(series) == {"FIRMMCRT"}


async def test_cp1252_bytes_decode_as_published(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    series = await provider.rate_series(["GCPIAGYP"])

    assert G1.startswith(b"G1 CONSUMER PRICE INFLATION,")
    assert b"\x96" in G1  # the en dash as cp1252 encodes it
    assert series["GCPIAGYP"].title == "Year-ended inflation"
    assert series["GCPIAGYP"].source == "ABS / RBA"


async def test_f11_served_in_cp1252_reads_the_same_as_utf8(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    utf8 = await provider.rate_series(["FIRMMCRT"])
    rba.routes["f1.1"].respond(200, content=F11.decode("utf-8").encode("cp1252"))

    assert await provider.rate_series(["FIRMMCRT"]) == utf8


async def test_pre_printed_future_quarters_and_padding_give_no_observations(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    series = await provider.rate_series(["GCPIAGYP", "GGDPCVGDPY"])

    assert series["GCPIAGYP"].latest is not None
    assert series["GCPIAGYP"].latest.as_of == date(2025, 9, 30)
    assert [o.as_of for o in series["GGDPCVGDPY"].observations] == [
        date(2025, 9, 30),
        date(2025, 12, 31),
    ]


async def test_both_date_forms_and_date_only_rows(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    series = await provider.rate_series(["FCMYGBAG10D", "FIRMMCRT"])

    bond_dates = [o.as_of for o in series["FCMYGBAG10D"].observations]
    assert date(2013, 5, 20) in bond_dates  # 20-May-2013
    assert date(2013, 8, 5) not in bond_dates  # a row with only its date
    assert series["FIRMMCRT"].observations[0].as_of == date(1990, 8, 31)  # 31/08/1990
    assert series["FCMYGBAG10D"].published_on == date(2026, 5, 8)


async def test_one_table_down_costs_only_its_series(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    rba.routes["f2"].respond(503)

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.rate_series(ALL_SERIES)

    assert set(caught.value.partial) == set(ALL_SERIES) - {"FCMYGBAG10D"}
    assert caught.value.details == {"upstream": "RBA", "series": ["FCMYGBAG10D"]}
    assert "FCMYGBAG10D" in caught.value.message
    assert "HTTP 503" in caught.value.message


async def test_a_transport_error_costs_only_that_tables_series(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    rba.routes["g1"].mock(side_effect=httpx.ConnectError)

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.rate_series(["GCPIAGYP", "GCPIOCPMTMYP", "FIRMMCRT"])

    assert set(caught.value.partial) == {"FIRMMCRT"}
    assert caught.value.details["series"] == ["GCPIAGYP", "GCPIOCPMTMYP"]


async def test_an_unreadable_table_costs_only_its_series(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    rba.routes["f2"].respond(200, content=F2.replace(b"Series ID,", b"Identifier,"))

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.rate_series(["FCMYGBAG10D", "FIRMMCRT"])

    assert set(caught.value.partial) == {"FIRMMCRT"}
    assert "RBA f2-data.csv: no 'Series ID' row" in caught.value.message


async def test_everything_down_is_unavailable_with_nothing_partial(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    rba.routes["f1.1"].respond(500)

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.rate_series(["FIRMMCRT"])

    assert caught.value.partial == {}
    assert caught.value.details["upstream"] == "RBA"


TRUNCATED = F2[: F2.index(b"Source,")]  # cut off inside the header block
MALFORMED = {
    "without a Series ID row": F2.replace(b"Series ID,", b"Identifier,"),
    "truncated": TRUNCATED,
    "empty": b"",
    "an HTML error page": b"<!DOCTYPE html><html><body>Service notice</body></html>",
    "a bad number": F2.replace(b"2.922", b"2.9x2"),
    "a bad date": F2.replace(b"24-Dec-2014", b"2014-12-24"),
    "bytes neither UTF-8 nor cp1252": F2.replace(b"F2 CAPITAL", b"F2 \x81CAPITAL"),
    "an oversized field": F2 + b'24-Dec-2015,"' + b"9" * 200_000 + b'"\n',
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
async def test_an_unreadable_table_alone_is_a_provider_error_naming_the_rba(
    rba: respx.MockRouter, provider: RbaProvider, body: bytes
) -> None:
    rba.routes["f2"].respond(200, content=body)

    with pytest.raises(ProviderError) as caught:
        await provider.rate_series(["FCMYGBAG10D"])

    assert caught.value.message.startswith("RBA series FCMYGBAG10D unavailable: RBA f2-data.csv: ")
    assert caught.value.details["upstream"] == "RBA"


async def test_a_moved_table_is_a_provider_error(
    rba: respx.MockRouter, provider: RbaProvider
) -> None:
    rba.routes["h5"].respond(404)

    with pytest.raises(ProviderError, match=r"RBA h5-data\.csv: HTTP 404"):
        await provider.rate_series(["GLFSURSA"])
