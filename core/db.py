"""Database engine and sessions, for SQLite (embedded) and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Dialect, ExceptionContext
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from core.outages import database_unavailable, is_unreachable
from core.settings import Settings

SessionFactory = async_sessionmaker[AsyncSession]


def create_engine(settings: Settings) -> AsyncEngine:
    url = settings.effective_database_url
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_async_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_pool_size,
        pool_pre_ping=True,  # connections that died with a restart are replaced, not used
    )
    event.listen(engine.sync_engine, "do_connect", _connect_or_service_unavailable)
    event.listen(engine.sync_engine, "handle_error", _unreachable_is_service_unavailable)
    return engine


def _connect_or_service_unavailable(
    dialect: Dialect, _record: Any, cargs: tuple[Any, ...], cparams: dict[str, Any]
) -> Any:
    """A new connection, or `ServiceUnavailable` when PostgreSQL cannot be reached (the driver
    raises a bare OSError there, which `handle_error` never sees)."""
    try:
        return dialect.connect(*cargs, **cparams)
    except Exception as error:
        if is_unreachable(error):
            raise database_unavailable() from error
        raise


def _unreachable_is_service_unavailable(context: ExceptionContext) -> None:
    """A statement or connection that cannot reach PostgreSQL raises `ServiceUnavailable` (an
    expected error: `SERVICE_UNAVAILABLE`, HTTP 503) instead of a driver error that would be
    masked as an internal one. The pool still invalidates the connection first."""
    if context.is_pre_ping:
        return  # the pool replaces a dead pooled connection by itself
    if context.is_disconnect or is_unreachable(context.original_exception):
        raise database_unavailable() from context.original_exception


def create_session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the in-process worker write while API requests read. With WAL, synchronous=NORMAL
    # syncs at checkpoints rather than at every commit: a process crash loses nothing, a power cut
    # may lose the last transactions, and each of a job's row writes stops waiting on the disk.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
