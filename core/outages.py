"""When the database or Redis cannot be reached: `SERVICE_UNAVAILABLE`, HTTP 503, `Retry-After`.

`core/db.py` turns every database call that cannot reach PostgreSQL into `ServiceUnavailable`, an
expected error, so a resolver's field fails with that code rather than `INTERNAL_ERROR`. The
authentication middleware answers 503 when the credentials cannot be checked, and
`answer_503_when_nothing_was_served` gives a GraphQL answer that has no data at all because of
an outage the status 503 as well. Partial data keeps 200: what could be served stands.
"""

from __future__ import annotations

import asyncpg
import orjson
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from starlette.types import Message, Send

from core.errors import ErrorCode, IpovalError

# A restart of PostgreSQL or Redis takes seconds: ask clients to come back after a few.
RETRY_AFTER_SECONDS = 5
RETRY_AFTER_HEADER = (b"retry-after", str(RETRY_AFTER_SECONDS).encode())
_CODE_IN_BODY = f'"{ErrorCode.SERVICE_UNAVAILABLE.value}"'.encode()

# The causes that mean "cannot be reached", found anywhere in an exception's chain. Other
# database errors (a constraint, a missing database) are not outages.
_UNREACHABLE: tuple[type[BaseException], ...] = (
    OSError,  # refused, reset, timed out (TimeoutError is an OSError)
    asyncpg.PostgresConnectionError,  # SQLSTATE class 08
    asyncpg.CannotConnectNowError,  # 57P03: starting up, shutting down, in recovery
    asyncpg.AdminShutdownError,  # 57P01: the server is stopping
    asyncpg.CrashShutdownError,
    asyncpg.ConnectionDoesNotExistError,  # the connection closed under the query
    asyncpg.TooManyConnectionsError,
    RedisConnectionError,
    RedisTimeoutError,
)


class ServiceUnavailable(IpovalError):
    """The database or Redis could not be reached; the same request may succeed shortly."""

    code = ErrorCode.SERVICE_UNAVAILABLE


def database_unavailable() -> ServiceUnavailable:
    return ServiceUnavailable(
        "The database is not answering; try again shortly.", retryAfter=RETRY_AFTER_SECONDS
    )


def is_unreachable(error: BaseException | None) -> bool:
    """Whether `error`, or any exception it was raised from, says a service is out of reach."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, (ServiceUnavailable, *_UNREACHABLE)):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def answer_503_when_nothing_was_served(send: Send) -> Send:
    """`send` for the app behind it: a 200 GraphQL answer with `data: null` whose errors say
    SERVICE_UNAVAILABLE goes out as 503 with `Retry-After`; everything else as it is."""
    held: Message | None = None

    async def sending(message: Message) -> None:
        nonlocal held
        if message["type"] == "http.response.start" and message["status"] == 200:
            held = message  # decided by the body
            return
        if held is not None:
            start, held = held, None
            if message["type"] == "http.response.body" and _nothing_served(message):
                start = {
                    **start,
                    "status": 503,
                    "headers": [*start.get("headers", []), RETRY_AFTER_HEADER],
                }
            await send(start)
        await send(message)

    return sending


def _nothing_served(message: Message) -> bool:
    body: bytes = message.get("body", b"")
    if message.get("more_body") or _CODE_IN_BODY not in body:
        return False  # the cheap test first: a successful answer is not parsed
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        return False
    if not isinstance(document, dict) or document.get("data") is not None:
        return False
    errors = document.get("errors") or []
    return any(
        isinstance(error, dict)
        and (error.get("extensions") or {}).get("code") == ErrorCode.SERVICE_UNAVAILABLE.value
        for error in errors
    )
