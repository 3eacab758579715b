"""Shared, long-lived clients of one process (API or worker), opened and closed together."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from arq.connections import ArqRedis
from sqlalchemy.ext.asyncio import AsyncEngine

from core.db import SessionFactory, create_engine, create_session_factory
from core.redis import RetryThroughOutages, create_redis
from core.settings import Settings
from providers.registry import ProviderRegistry, build_registry
from runtime.document_store import DocumentStore, open_document_store


@dataclass(frozen=True, slots=True)
class Services:
    settings: Settings
    engine: AsyncEngine
    sessions: SessionFactory
    redis: ArqRedis
    providers: ProviderRegistry
    documents: DocumentStore  # uploaded files, by content


@asynccontextmanager
async def open_services(
    settings: Settings,
    providers: ProviderRegistry | None = None,
    *,
    redis_retry: RetryThroughOutages | None = None,
) -> AsyncIterator[Services]:
    """The clients of one process; `redis_retry` makes its Redis client wait out outages."""
    engine = create_engine(settings)
    redis = await create_redis(settings, redis_retry)
    registry = providers or build_registry(settings, redis)
    documents = open_document_store(settings)
    try:
        yield Services(
            settings=settings,
            engine=engine,
            sessions=create_session_factory(engine),
            redis=redis,
            providers=registry,
            documents=documents,
        )
    finally:
        await documents.aclose()
        if providers is None:
            await registry.aclose()
        await redis.aclose()
        await engine.dispose()
