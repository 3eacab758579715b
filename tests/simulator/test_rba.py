"""The simulated RBA: statistical tables as cp1252 CSV files in the published layout."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from providers.rba import parse_rba_table
from providers.sample.provider import DATA_DIR


async def table(http: httpx.AsyncClient, base: str, name: str) -> httpx.Response:
    response = await http.get(f"{base}/rba/{name}-data.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv"
    return response


async def test_f11_is_served_as_cp1252_bytes_and_parses(
    simulator: str, http: httpx.AsyncClient
) -> None:
    raw = (await table(http, simulator, "f1.1")).content
    assert b"\x96" in raw.splitlines()[0]  # the en dash of the title, in cp1252
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    served = parse_rba_table(raw)
    shipped = parse_rba_table((DATA_DIR / "f1.1-data_2022-12_to_2026-04.csv").read_bytes())
    assert served == shipped
    assert served.series["FIRMMCRT"].latest is not None


async def test_f2_parses_to_the_shipped_series(simulator: str, http: httpx.AsyncClient) -> None:
    served = parse_rba_table((await table(http, simulator, "f2")).content)
    assert served.series["FCMYGBAG10D"].observations[-1].as_of == date(2026, 5, 7)


async def test_g1_is_the_published_bytes_unchanged(simulator: str, http: httpx.AsyncClient) -> None:
    raw = (await table(http, simulator, "g1")).content
    assert raw == (DATA_DIR / "g1-data_excerpt_cp1252.csv").read_bytes()


@pytest.mark.parametrize(
    ("name", "series_id", "frequency"),
    [("h1", "GGDPCVGDPY", "Quarterly"), ("h5", "GLFSURSA", "Monthly")],
)
async def test_rendered_tables_parse_with_their_series(
    simulator: str, http: httpx.AsyncClient, name: str, series_id: str, frequency: str
) -> None:
    raw = (await table(http, simulator, name)).content
    series = parse_rba_table(raw).series[series_id]
    assert series.frequency == frequency
    assert series.units == "Per cent"
    assert series.published_on is not None
    assert len(series.observations) > 20
    assert all(0 < o.value < 0.1 for o in series.observations)


async def test_rendered_tables_keep_the_published_header_block(
    simulator: str, http: httpx.AsyncClient
) -> None:
    lines = (await table(http, simulator, "h5")).content.decode("cp1252").splitlines()
    labels = [line.split(",")[0] for line in lines[:11]]
    assert labels == [
        "H5 LABOUR FORCE",
        "Title",
        "Description",
        "Frequency",
        "Type",
        "Units",
        "",
        "",
        "Source",
        "Publication date",
        "Series ID",
    ]
    assert set(lines[6]) == {","}  # the "blank" lines are commas only
    assert len({line.count(",") for line in lines}) == 1  # every row padded to one width


async def test_an_unknown_table_is_404(simulator: str, http: httpx.AsyncClient) -> None:
    response = await http.get(f"{simulator}/rba/x9-data.csv")
    assert response.status_code == 404
