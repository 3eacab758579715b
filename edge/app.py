"""`create_app(settings)`: the Starlette application, its routes and its middleware."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route, WebSocketRoute

from core.settings import Environment, Settings
from edge.auth_middleware import AuthenticationMiddleware
from edge.graphiql import graphiql_asset
from edge.graphql_app import GraphQLApp
from edge.health import healthz, readyz, schema_sdl
from edge.lifespan import lifespan_for
from edge.middleware import BodySizeLimitMiddleware, CorrelationIdMiddleware
from edge.rate_limit_middleware import RateLimitMiddleware
from edge.report_route import report_file
from edge.session_route import session_routes
from edge.webapp import webapp_asset, webapp_licences, webapp_page
from providers.registry import ProviderRegistry


def create_app(
    settings: Settings | None = None, providers: ProviderRegistry | None = None
) -> Starlette:
    settings = settings or Settings()
    refuse_unsafe_production_settings(settings)
    graphql = GraphQLApp(settings)
    return Starlette(
        routes=[
            Route("/", webapp_page),
            Route("/app/assets/{name}", webapp_asset),
            Route("/app/THIRD-PARTY-LICENSES.txt", webapp_licences),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql/schema.graphql", schema_sdl),
            Route("/graphql/static/{name}", graphiql_asset),
            Route("/reports/{token}", report_file, methods=["GET", "HEAD"]),
            # The browser page's sign-in, its refresh token in a cookie (edge/session_route.py).
            *session_routes(),
            # Every method reaches GraphQLApp, so a wrong one is refused in the GraphQL JSON shape.
            Route("/graphql", graphql),
            WebSocketRoute("/graphql", graphql),
        ],
        # Outermost first: every response gets X-Request-ID, oversized bodies are refused before
        # credentials are checked, and the rate limit counts the caller the credentials name.
        middleware=[
            Middleware(CorrelationIdMiddleware),
            Middleware(
                BodySizeLimitMiddleware,
                max_bytes=settings.max_body_bytes,
                max_upload_bytes=settings.max_document_bytes + settings.max_body_bytes,
            ),
            Middleware(AuthenticationMiddleware),
            Middleware(RateLimitMiddleware),
        ],
        lifespan=lifespan_for(settings, providers),
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
