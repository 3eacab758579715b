"""What the process opens at start and closes at stop, as one typed `ProcessState`.

Services first (database engine, Redis, providers); in embedded mode the SQLite file is migrated
and an arq worker runs inside the process; then the company directory and, in development, the
development user; last the objects requests share (authenticator, rate limiter, audit writer,
progress hub).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager

from starlette.applications import Starlette

from accounts.audit import SecurityLog
from accounts.authenticator import Authenticator
from accounts.bootstrap import ensure_development_user
from accounts.tokens import AccessTokens
from core.migrate import upgrade_to_head
from core.redis import is_embedded
from core.settings import Environment, Settings
from edge.state import ProcessState
from jobs.progress_hub import ProgressHub
from limits.rate_window import RequestRateLimiter
from providers.registry import ProviderRegistry
from runtime.services import open_services
from workers.bootstrap import ensure_company_directory
from workers.embedded import embedded_worker

log = logging.getLogger("ipoval.app")

Lifespan = Callable[[Starlette], AbstractAsyncContextManager[None]]


def lifespan_for(settings: Settings, providers: ProviderRegistry | None) -> Lifespan:
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
            hub = ProgressHub(services.redis)
            stack.push_async_callback(hub.close)
            app.state.process = ProcessState(
                services=services,
                authenticator=Authenticator(services, AccessTokens(settings), development_user),
                rate_limiter=RequestRateLimiter.for_redis(
                    services.redis, embedded=is_embedded(services.redis)
                ),
                security_log=SecurityLog(services),
                progress_hub=hub,
            )
            log.info("ipoval ready: mode=%s env=%s", settings.mode.value, settings.env.value)
            yield

    return lifespan
