"""arq worker construction, shared by `ipoval worker` and the embedded in-process worker.

A separate worker process opens its own `Services` on start; the embedded worker borrows the API
process's services (and its in-process Redis stand-in) instead.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from arq import cron
from arq.connections import RedisSettings
from arq.typing import WorkerCoroutine
from arq.worker import Function, Worker, func

from core.services import Services, open_services
from core.settings import Settings
from workers.directory_sync import sync_company_directory_job
from workers.refresh import (
    ECONOMIC,
    FILINGS,
    MARKET,
    PEERS,
    refresh_economic_indicators,
    refresh_filings,
    refresh_market_data,
    refresh_peers,
)
from workers.sweeper import sweep_stalled_jobs_job
from workers.valuation_job import MAX_TRIES, RUN_VALUATION, run_valuation_job

SYNC_DIRECTORY = "sync_company_directory"

FUNCTIONS: list[Function | WorkerCoroutine] = [
    func(sync_company_directory_job, name=SYNC_DIRECTORY),
    # A valuation takes about a second; a minute bounds a stuck one, and arq's own redelivery of a
    # dead worker's job (timeout + 10 s) with it.
    func(run_valuation_job, name=RUN_VALUATION, max_tries=MAX_TRIES, timeout=60),
]


def _cron_jobs() -> list[Any]:
    return [
        cron(
            sync_company_directory_job,
            name=f"cron:{SYNC_DIRECTORY}",
            # 17:00 UTC: 03:00 or 04:00 in Sydney, after the ASX publishes the day's listing changes
            hour={17},
            minute={0},
            unique=True,
        ),
        cron(
            sweep_stalled_jobs_job,
            name="cron:sweep_stalled_jobs",
            second={0, 10, 20, 30, 40, 50},
            unique=True,
        ),
        # Upstream refreshes (workers/refresh.py), each at its own offset in the minute or hour so
        # that they do not start together.
        cron(
            refresh_market_data,
            name="cron:refresh_market_data",
            minute=set(range(0, 60, 5)),
            second={15},
            unique=True,
            timeout=MARKET.timeout,
        ),
        cron(
            refresh_peers,
            name="cron:refresh_peers",
            minute={2, 32},
            second={45},
            unique=True,
            timeout=PEERS.timeout,
        ),
        cron(
            refresh_economic_indicators,
            name="cron:refresh_economic_indicators",
            minute={7},
            second={45},
            unique=True,
            timeout=ECONOMIC.timeout,
        ),
        cron(
            refresh_filings,
            name="cron:refresh_filings",
            # 19:30 UTC: 05:30 or 06:30 in Sydney, the previous day's announcements all in and the
            # market not yet open
            hour={19},
            minute={30},
            second={45},
            unique=True,
            timeout=FILINGS.timeout,
        ),
    ]


def create_worker(settings: Settings, services: Services | None = None, **options: Any) -> Worker:
    """A worker on `services.redis` when given (embedded, tests), else on `settings.redis_url`."""

    async def on_startup(ctx: dict[str, Any]) -> None:
        if services is not None:
            ctx["services"] = services
            return
        ctx["services_scope"] = scope = open_services(settings)
        ctx["services"] = await scope.__aenter__()

    async def on_shutdown(ctx: dict[str, Any]) -> None:
        scope = ctx.get("services_scope")
        if scope is not None:
            await scope.__aexit__(None, None, None)

    return Worker(
        functions=FUNCTIONS,
        cron_jobs=_cron_jobs(),
        redis_pool=services.redis if services is not None else None,
        redis_settings=RedisSettings.from_dsn(settings.redis_url or "redis://127.0.0.1:6379"),
        on_startup=on_startup,
        on_shutdown=on_shutdown,
        health_check_interval=30,
        timezone=UTC,  # cron times mean the same on every host, whatever its local zone
        **options,
    )
