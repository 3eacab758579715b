"""The simulator's Starlette app: the four upstreams under their prefixes, and `/_sim` controls.

| prefix | stands for |
|---|---|
| `/asx` | https://asx.api.markitdigital.com (and www.asx.com.au for the listing file) |
| `/abr` | https://abr.business.gov.au/json |
| `/rba` | https://www.rba.gov.au/statistics/tables/csv |
| `/capiq` | https://api-ciq.marketintelligence.spglobal.com/gdsapi/rest |

`GET /_sim/faults` shows the fault settings and `POST /_sim/faults` changes them (see `Faults`);
`GET /_sim/stats` counts calls per upstream, route and fault, `POST /_sim/reset` zeroes the counts;
`GET /_sim/env` gives the platform's environment for this simulator.
"""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from providers.capiq.mnemonics import CLIENTSERVICE_PATH, TOKEN_PATH
from providers.sample.provider import SampleProvider
from simulator import rba
from simulator.abr import AbrRoutes
from simulator.asx import COMPANIES, LISTING_PATH, AsxRoutes, default_listing
from simulator.capiq import CapiqRoutes
from simulator.env import simulator_env
from simulator.faults import FaultError, Faults
from simulator.guard import Endpoint, guarded
from simulator.source import SimulatorSource
from simulator.state import Credentials, SimulatorState


def create_simulator_app(
    faults: Faults | None = None,
    provider: SimulatorSource | None = None,
    *,
    credentials: Credentials | None = None,
) -> Starlette:
    """A simulator serving `provider`'s companies (default: the sample dataset)."""
    state = SimulatorState(
        faults or Faults(), provider or SampleProvider(), credentials or Credentials()
    )
    app = Starlette(routes=[*_upstream_routes(state, provider is None), *_control_routes(state)])
    app.state.simulator = state
    return app


def _upstream_routes(state: SimulatorState, default_source: bool) -> list[BaseRoute]:
    asx = AsxRoutes(state, default_listing() if default_source else None)
    abr = AbrRoutes(state)
    capiq = CapiqRoutes(state)

    def route(upstream: str, path: str, handler: Endpoint, method: str = "GET") -> Route:
        return Route(path, guarded(state, upstream, path, handler), methods=[method])

    return [
        Mount(
            "/asx",
            routes=[
                route("asx", f"{COMPANIES}/header", asx.header),
                route("asx", f"{COMPANIES}/key-statistics", asx.key_statistics),
                route("asx", f"{COMPANIES}/about", asx.about),
                route("asx", f"{COMPANIES}/announcements", asx.announcements),
                route("asx", LISTING_PATH, asx.listing),
                route("asx", "/asx/1/{rest:path}", asx.retired),
            ],
        ),
        Mount(
            "/abr",
            routes=[
                route("abr", "/AbnDetails.aspx", abr.abn_details),
                route("abr", "/AcnDetails.aspx", abr.acn_details),
                route("abr", "/MatchingNames.aspx", abr.matching_names),
            ],
        ),
        Mount("/rba", routes=[route("rba", "/{table}-data.csv", rba.table)]),
        Mount(
            "/capiq",
            routes=[
                route("capiq", TOKEN_PATH, capiq.token, "POST"),
                route("capiq", CLIENTSERVICE_PATH, capiq.clientservice, "POST"),
            ],
        ),
    ]


def _control_routes(state: SimulatorState) -> list[BaseRoute]:
    async def show_faults(request: Request) -> Response:
        return JSONResponse(state.faults.as_dict())

    async def set_faults(request: Request) -> Response:
        try:
            changes: Any = await request.json()
            if not isinstance(changes, dict):
                raise FaultError("the body must be a JSON object")
            state.faults.apply(changes)
        except (ValueError, FaultError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        if "seed" in changes or (changes.get("clear") and "upstream" not in changes):
            state.dice.reseed(state.faults.seed)
        return JSONResponse(state.faults.as_dict())

    async def stats(request: Request) -> Response:
        return JSONResponse(state.stats.as_dict())

    async def reset(request: Request) -> Response:
        state.reset_counters()
        return JSONResponse(state.stats.as_dict())

    async def env(request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        return JSONResponse(simulator_env(base, state.credentials))

    return [
        Route("/_sim/faults", show_faults, methods=["GET"]),
        Route("/_sim/faults", set_faults, methods=["POST"]),
        Route("/_sim/stats", stats, methods=["GET"]),
        Route("/_sim/reset", reset, methods=["POST"]),
        Route("/_sim/env", env, methods=["GET"]),
    ]
