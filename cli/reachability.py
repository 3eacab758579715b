"""Before a command uses PostgreSQL or Redis, make sure it can: an unreachable service, a missing
database or refused credentials become one line that says which setting to look at."""

from __future__ import annotations

import asyncio
import socket

import asyncpg
from alembic.script import ScriptDirectory
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.engine import URL, make_url

from cli.errors import CommandError
from core.migrate import alembic_config
from core.settings import Settings

CONNECT_TIMEOUT_S = 5.0


def require_services(settings: Settings, *, redis: bool = True, migrating: bool = False) -> None:
    """Check the database and, if `redis`, Redis. Before `migrating`, a missing database is
    created where the server allows it; otherwise the database must be at the newest revision."""

    async def check() -> None:
        if not settings.is_sqlite:
            await _check_database(make_url(settings.effective_database_url), migrating)
        if redis and settings.redis_url:
            await _check_redis(settings.redis_url)

    asyncio.run(check())


def _where(url: URL) -> str:
    return f"{url.host or 'localhost'}:{url.port or 5432}"


def _dsn(url: URL, database: str | None = None) -> str:
    target = url.set(drivername="postgresql")
    if database is not None:
        target = target.set(database=database)
    return target.render_as_string(hide_password=False)


async def _check_database(url: URL, migrating: bool) -> None:
    try:
        connection = await asyncpg.connect(_dsn(url), timeout=CONNECT_TIMEOUT_S)
    except asyncpg.InvalidCatalogNameError:
        if not migrating:
            raise CommandError(
                f'database "{url.database}" does not exist on {_where(url)}: '
                "`ipoval migrate` creates it (DATABASE_URL)"
            ) from None
        await _create_database(url)
        return
    except (asyncpg.InvalidPasswordError, asyncpg.InvalidAuthorizationSpecificationError) as error:
        raise CommandError(
            f"PostgreSQL at {_where(url)} refused user {url.username!r}: {error} (DATABASE_URL)"
        ) from None
    except (OSError, TimeoutError, asyncpg.CannotConnectNowError) as error:
        raise CommandError(
            f"cannot reach PostgreSQL at {_where(url)}: {_reason(error)}; is it running? "
            "(DATABASE_URL)"
        ) from None
    except asyncpg.PostgresError as error:
        raise CommandError(f"PostgreSQL at {_where(url)}: {error} (DATABASE_URL)") from None
    try:
        if not migrating:
            await _check_revision(connection, url)
    finally:
        await connection.close()


async def _check_revision(connection: asyncpg.Connection, url: URL) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    try:
        rows = await connection.fetch("SELECT version_num FROM alembic_version")
    except asyncpg.UndefinedTableError:
        rows = []
    current = {row[0] for row in rows}
    known = {revision.revision for revision in script.walk_revisions()}
    # A revision this code does not know is newer (a rolling upgrade): that is not for us to stop.
    behind = current <= known and current != set(script.get_heads())
    if behind:
        state = f"is at revision {', '.join(sorted(current))}" if current else "has no tables yet"
        raise CommandError(
            f'database "{url.database}" on {_where(url)} {state}: run `ipoval migrate` first'
        )


async def _create_database(url: URL) -> None:
    name = url.database or ""
    quoted = '"' + name.replace('"', '""') + '"'
    how = f"have an administrator run `CREATE DATABASE {quoted}`, then `ipoval migrate` again"
    try:
        admin = await asyncpg.connect(_dsn(url, "postgres"), timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, asyncpg.PostgresError) as error:
        raise CommandError(
            f'database "{name}" does not exist on {_where(url)} and cannot be created from here '
            f"({_reason(error)}): {how}"
        ) from None
    try:
        await admin.execute(f"CREATE DATABASE {quoted}")
    except asyncpg.DuplicateDatabaseError:
        pass  # another `ipoval migrate` created it meanwhile
    except asyncpg.PostgresError as error:
        raise CommandError(
            f'database "{name}" does not exist on {_where(url)} and user {url.username!r} may '
            f"not create it ({error}): {how}"
        ) from None
    finally:
        await admin.close()
    print(f'ipoval: created database "{name}" on {_where(url)}')


async def _check_redis(redis_url: str) -> None:
    client: Redis = Redis.from_url(
        redis_url, socket_connect_timeout=CONNECT_TIMEOUT_S, socket_timeout=CONNECT_TIMEOUT_S
    )
    pool = client.connection_pool.connection_kwargs
    where = f"{pool.get('host', 'localhost')}:{pool.get('port', 6379)}/{pool.get('db', 0)}"
    try:
        await client.ping()
    except (RedisError, OSError) as error:
        raise CommandError(
            f"cannot reach Redis at {where}: {_reason(error)}; is it running? (REDIS_URL)"
        ) from None
    finally:
        await client.aclose()


def _reason(error: BaseException) -> str:
    # redis-py raises its own ConnectionError with the socket's error as the context.
    if isinstance(error, RedisError) and isinstance(error.__context__, OSError):
        error = error.__context__
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TimeoutError):
        return f"no answer within {CONNECT_TIMEOUT_S:g} s"
    if isinstance(error, socket.gaierror):
        return f"unknown host ({error.strerror})"
    return str(error) or type(error).__name__
