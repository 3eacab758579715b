"""Routes beside GraphQL: liveness, readiness, and the schema's SDL for partners."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from api.access import may_introspect
from api.schema import SCHEMA_FILE
from core.errors import Forbidden
from core.outages import RETRY_AFTER_SECONDS
from edge.state import connection_state

READINESS_TIMEOUT_S = 2.0


async def schema_sdl(request: Request) -> Response:
    """The schema's SDL, for partners generating clients; the same rule as introspection."""
    services = connection_state(request).services
    if not may_introspect(request.state.principal, services.settings.env):
        error = Forbidden("The schema is available to tiers with API access.")
        return JSONResponse(
            {"errors": [{"message": error.message, "extensions": error.extensions}]}, 403
        )
    return PlainTextResponse(SCHEMA_FILE.read_text(), media_type="application/graphql")


async def healthz(_: Request) -> JSONResponse:
    """Liveness: the process answers."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """Readiness: the database and Redis answer."""
    services = connection_state(request).services
    checks: dict[str, str] = {}
    try:
        async with asyncio.timeout(READINESS_TIMEOUT_S), services.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as error:  # readiness reports failures, it does not raise them
        checks["database"] = type(error).__name__
    try:
        async with asyncio.timeout(READINESS_TIMEOUT_S):
            await services.redis.ping()
        checks["redis"] = "ok"
    except Exception as error:
        checks["redis"] = type(error).__name__
    ready = all(value == "ok" for value in checks.values())
    if ready:
        return JSONResponse({"status": "ok", **checks})
    retry_after = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return JSONResponse({"status": "unavailable", **checks}, 503, headers=retry_after)
