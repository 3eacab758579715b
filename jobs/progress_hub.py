"""One Redis subscription per API process for every job's progress events, fanned out in memory.

A thousand browsers following a job cost one Redis connection, not a thousand (one process
delivers about 33,000 pub/sub messages a second). A lost Redis connection is re-established, and
then every followed job's snapshot is re-read, since events published meanwhile reached no one.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from contracts import document_job, valuation_progress
from contracts.progress import ProgressEvent, ProgressStream, parse

log = logging.getLogger(__name__)
_RECONNECT_DELAYS = (0.1, 0.5, 1.0, 2.0, 5.0)
# Every kind of job whose progress a subscription can follow: valuations and documents.
STREAMS = (valuation_progress.STREAM, document_job.STREAM)


class ProgressHub:
    """One Redis pattern subscription per API process, fanned out in memory to every local
    subscriber of a job: a thousand browsers following a job cost one Redis connection, not a
    thousand (one process delivers about 33,000 pub/sub messages a second). One pattern per kind
    of job; listeners are kept by channel, so a valuation and a document never share events."""

    def __init__(self, redis: Redis, streams: tuple[ProgressStream, ...] = STREAMS) -> None:
        self._redis = redis
        self._streams = streams
        # channel -> its stream and the local queues following it
        self._listeners: dict[str, set[asyncio.Queue[ProgressEvent]]] = {}
        self._stream_of: dict[str, ProgressStream] = {}
        self._reader: asyncio.Task[None] | None = None
        self._ready = asyncio.Lock()

    async def _start(self) -> None:
        async with self._ready:
            if self._reader is not None:
                return
            pubsub = await self._subscribe()  # confirmed before any snapshot is read
            self._reader = asyncio.create_task(self._read(pubsub), name="progress-hub")

    async def _subscribe(self) -> Any:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe(*(stream.pattern for stream in self._streams))
        return pubsub

    async def _read(self, pubsub: Any) -> None:
        """Deliver events to local listeners for as long as the process lives: a lost Redis
        connection is re-established, and then every followed job's snapshot is re-read, since
        events published meanwhile were not delivered to anyone."""
        while True:
            try:
                await self._deliver(pubsub)
            except (RedisError, OSError) as error:
                log.warning("progress subscription lost (%s); reconnecting", error)
                with suppress(RedisError, OSError):
                    await pubsub.aclose()
                pubsub = await self._reconnect()
                await self._catch_up()

    async def _deliver(self, pubsub: Any) -> None:
        try:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=30.0)
                if message is not None:
                    self._fan_out(_text(message["channel"]), message["data"])
        except asyncio.CancelledError:
            with suppress(RedisError, OSError):
                await pubsub.aclose()
            raise

    def _fan_out(self, channel: str, payload: bytes | str) -> None:
        listeners = self._listeners.get(channel)
        if not listeners:
            return
        try:
            event = parse(payload)
        except (ValueError, TypeError) as error:
            log.warning("ignoring an unreadable progress message: %s", error)
            return
        if self._stream_of[channel].job_of(channel) != event.job_id:
            log.warning("ignoring a progress message for another job on %s", channel)
            return
        for queue in listeners:
            queue.put_nowait(event)

    async def _reconnect(self) -> Any:
        attempt = 0
        while True:
            await asyncio.sleep(_RECONNECT_DELAYS[min(attempt, len(_RECONNECT_DELAYS) - 1)])
            try:
                return await self._subscribe()
            except (RedisError, OSError) as error:
                attempt += 1
                log.warning("progress subscription: reconnect failed (%s)", error)

    async def _catch_up(self) -> None:
        for channel in list(self._listeners):
            stream = self._stream_of.get(channel)
            job_id = stream.job_of(channel) if stream else None
            if stream is None or job_id is None:
                continue
            with suppress(RedisError, OSError):
                stored = await self._redis.get(stream.snapshot_key(job_id))
                if stored:
                    self._fan_out(channel, stored)

    @asynccontextmanager
    async def listen(
        self, job_id: uuid.UUID, stream: ProgressStream = valuation_progress.STREAM
    ) -> AsyncIterator[asyncio.Queue[ProgressEvent]]:
        await self._start()
        queue: asyncio.Queue[ProgressEvent] = asyncio.Queue()
        channel = stream.channel(job_id)
        self._stream_of[channel] = stream
        self._listeners.setdefault(channel, set()).add(queue)
        try:
            yield queue
        finally:
            listeners = self._listeners.get(channel, set())
            listeners.discard(queue)
            if not listeners:
                self._listeners.pop(channel, None)
                self._stream_of.pop(channel, None)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with suppress(asyncio.CancelledError):
                await self._reader


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
