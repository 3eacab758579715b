"""The API over the live adapters, pointed at the upstream simulator over real sockets: real
formats end to end, and one upstream down degrades only the fields that need it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from starlette.applications import Starlette

from app import create_app
from core.settings import Settings
from simulator.env import simulator_env
from simulator.server import running_simulator
from tests.fixtures.api_clients import GraphQLClient

COMPANY = """query ($ticker: String!) { company(ticker: $ticker) {
  name
  marketData { price enterpriseValue beta provenance { source synthetic } }
  financials { periods { revenue } provenance { source } }
  peers(first: 3) { company { ticker } }
} economicIndicators { tenYearBondYield { value provenance { source stale } } } }"""


def live_settings(base_url: str, data_dir: Path) -> Settings:
    overrides = {
        key.removeprefix("IPOVAL_").lower(): value for key, value in simulator_env(base_url).items()
    }
    fields = {"database_url": None, "redis_url": None, "data_dir": data_dir, "env": "development"}
    return Settings.model_validate({**fields, **overrides})


@pytest.fixture
async def simulator() -> AsyncIterator[str]:
    async with running_simulator() as base_url:
        yield base_url


@pytest.fixture
async def live_api(simulator: str, tmp_path: Path) -> AsyncIterator[GraphQLClient]:
    app: Starlette = create_app(live_settings(simulator, tmp_path))
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://live") as http:
            yield GraphQLClient(http)


async def set_faults(base_url: str, **faults: Any) -> None:
    async with httpx.AsyncClient() as http:
        (await http.post(f"{base_url}/_sim/faults", json=faults)).raise_for_status()


async def test_a_company_is_served_from_the_live_upstreams(live_api: GraphQLClient) -> None:
    answer = await live_api.execute(COMPANY, ticker="BHP")
    assert "errors" not in answer, answer
    company = answer["data"]["company"]
    assert company["marketData"]["provenance"] == {"source": "CAPIQ", "synthetic": False}
    assert company["marketData"]["enterpriseValue"] is not None  # Capital IQ publishes EV
    assert company["financials"]["provenance"]["source"] == "CAPIQ"
    assert len(company["peers"]) == 3
    bond = answer["data"]["economicIndicators"]["tenYearBondYield"]
    assert bond["provenance"] == {"source": "RBA", "stale": False}


async def test_one_upstream_down_degrades_only_its_fields(
    live_api: GraphQLClient, simulator: str
) -> None:
    await set_faults(simulator, upstream="rba", down=True)
    answer = await live_api.execute(COMPANY, ticker="CBA")
    assert answer["data"]["company"]["marketData"]["price"] > 0
    assert answer["data"]["company"]["financials"]["periods"]
    assert answer["data"]["economicIndicators"]["tenYearBondYield"] is None
    codes = {error["extensions"]["code"] for error in answer["errors"]}
    paths = {tuple(error["path"]) for error in answer["errors"]}
    assert codes == {"PROVIDER_UNAVAILABLE"}
    assert paths == {("economicIndicators", "tenYearBondYield")}


async def test_capital_iq_down_serves_cached_market_data_and_degrades_the_rest(
    live_api: GraphQLClient, simulator: str
) -> None:
    await set_faults(simulator, upstream="capiq", down=True)
    # Start-up's directory sync read every company's market data, so that is in the cache; this
    # company's statements and peers were never asked for.
    answer = await live_api.execute(COMPANY, ticker="WBC")
    company = answer["data"]["company"]
    assert company["name"]
    assert company["marketData"]["provenance"]["source"] == "CAPIQ"
    assert company["financials"] is None and company["peers"] is None
    assert answer["data"]["economicIndicators"]["tenYearBondYield"]["value"] > 0
    assert {e["extensions"]["code"] for e in answer["errors"]} == {"PROVIDER_UNAVAILABLE"}
    assert {tuple(e["path"]) for e in answer["errors"]} == {
        ("company", "financials"),
        ("company", "peers"),
    }


async def test_abn_lookup_answers_registry_questions(live_api: GraphQLClient) -> None:
    entity = """query ($id: String!) { registryEntity(identifier: $id) {
      abn entityName status provenance { source } } }"""
    answer = await live_api.execute(entity, id="41 687 119 230")  # CSIRO, as recorded
    found = answer["data"]["registryEntity"]
    assert found["abn"] == "41687119230"
    assert "SCIENTIFIC" in found["entityName"].upper()
    assert found["provenance"]["source"] == "ABR"


async def test_the_board_comes_from_the_asx(live_api: GraphQLClient) -> None:
    board = """{ company(ticker: "BHP") { directors { name title } } }"""
    answer = await live_api.execute(board)
    assert "errors" not in answer, answer
    directors = answer["data"]["company"]["directors"]
    assert directors and all(d["name"] for d in directors)


async def test_an_unreachable_asx_at_first_start_falls_back_to_the_shipped_list(
    tmp_path: Path,
) -> None:
    settings = Settings.model_validate(
        {
            "database_url": None,
            "redis_url": None,
            "data_dir": tmp_path,
            "env": "development",
            "asx_mode": "live",
            "asx_base_url": "http://127.0.0.1:9",  # nothing listens on the discard port
            "asx_listing_url": "http://127.0.0.1:9/ASXListedCompanies.csv",
        }
    )
    app = create_app(settings)
    async with LifespanManager(app, startup_timeout=120):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://live") as http:
            answer = await GraphQLClient(http).execute(
                '{ company(ticker: "BHP") { name provenance { source asOf } } }'
            )
    assert answer["data"]["company"]["name"] == "BHP GROUP LIMITED"
    # The listing ships as ASX's file of 5 Dec 2025.
    assert answer["data"]["company"]["provenance"] == {"source": "ASX", "asOf": "2025-12-05"}


async def test_growth_and_unemployment_come_from_rba_tables_h1_and_h5(
    live_api: GraphQLClient,
) -> None:
    answer = await live_api.execute(
        "{ economicIndicators { gdpGrowth { seriesId value } "
        "unemploymentRate { seriesId value } } }"
    )
    indicators = answer["data"]["economicIndicators"]
    assert indicators["gdpGrowth"]["seriesId"] == "GGDPCVGDPY"
    assert indicators["unemploymentRate"]["seriesId"] == "GLFSURSA"
    assert 0 < indicators["unemploymentRate"]["value"] < 0.2  # a rate, as a decimal fraction
