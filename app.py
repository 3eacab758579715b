"""`create_app(settings)`: the Starlette application.

The lifespan opens the process's shared services (database engine, Redis, provider registry), and in
embedded mode also migrates the SQLite file and runs an arq worker inside the process.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute

from accounts.bootstrap import ensure_development_user
from accounts.principals import Authenticator
from accounts.tokens import AccessTokens
from core.auth_middleware import AuthenticationMiddleware
from core.errors import Forbidden
from core.graphiql import graphiql_asset
from core.graphql_app import GraphQLApp
from core.middleware import BodySizeLimitMiddleware, CorrelationIdMiddleware
from core.migrate import upgrade_to_head
from core.outages import RETRY_AFTER_SECONDS
from core.rate_limit import RequestRateLimiter
from core.rate_limit_middleware import RateLimitMiddleware
from core.redis import is_embedded
from core.security_log import SecurityLog
from core.services import Services, open_services
from core.settings import Environment, Settings
from providers.registry import ProviderRegistry
from schema import SCHEMA_FILE
from schema.access import may_introspect
from workers.bootstrap import ensure_company_directory
from workers.embedded import embedded_worker
from workers.progress import ProgressHub

log = logging.getLogger("ipoval.app")
READINESS_TIMEOUT_S = 2.0


def create_app(
    settings: Settings | None = None, providers: ProviderRegistry | None = None
) -> Starlette:
    settings = settings or Settings()
    refuse_unsafe_production_settings(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            services = await stack.enter_async_context(open_services(settings, providers))
            if settings.is_sqlite:
                await upgrade_to_head(services.engine)
            if is_embedded(services.redis) and settings.run_embedded_worker:
                await stack.enter_async_context(embedded_worker(services))
            await ensure_company_directory(services)
            development_user = (
                await ensure_development_user(services)
                if settings.env is Environment.DEVELOPMENT
                else None
            )
            app.state.authenticator = Authenticator(
                services, AccessTokens(settings), development_user
            )
            app.state.rate_limiter = RequestRateLimiter.for_redis(
                services.redis, embedded=is_embedded(services.redis)
            )
            app.state.security_log = SecurityLog(services)
            app.state.progress_hub = hub = ProgressHub(services.redis)
            stack.push_async_callback(hub.close)
            app.state.services = services
            log.info("ipoval ready: mode=%s env=%s", settings.mode.value, settings.env.value)
            yield

    graphql = GraphQLApp(settings)
    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql/schema.graphql", schema_sdl),
            Route("/graphql/static/{name}", graphiql_asset),
            # Every method reaches GraphQLApp, so a wrong one is refused in the GraphQL JSON shape.
            Route("/graphql", graphql),
            WebSocketRoute("/graphql", graphql),
        ],
        middleware=[
            Middleware(CorrelationIdMiddleware),
            Middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes),
            Middleware(AuthenticationMiddleware),
            Middleware(RateLimitMiddleware),
        ],
        lifespan=lifespan,
    )


def refuse_unsafe_production_settings(settings: Settings) -> None:
    if settings.env is not Environment.PRODUCTION:
        return
    if settings.default_secrets:
        raise RuntimeError(
            f"IPOVAL_ENV=production needs its own {' and '.join(settings.default_secrets)}: "
            "the development defaults are public."
        )
    if not settings.per_caller_limits:
        raise RuntimeError("IPOVAL_PER_CALLER_LIMITS=false is for benchmarks, not production.")
    if settings.graphiql:
        raise RuntimeError("IPOVAL_GRAPHIQL=true serves GraphiQL to anyone: not in production.")


async def schema_sdl(request: Request) -> Response:
    """The schema's SDL, for partners generating clients; the same rule as introspection."""
    services: Services = request.app.state.services
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
    services: Services = request.app.state.services
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
