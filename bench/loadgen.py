"""A small HTTP/1.1 keep-alive load generator on raw asyncio streams.

Lighter than an HTTP client library, so that on a small machine the server, not the client, is what
gets measured. Loopback only.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    requests: int = 0
    failures: int = 0
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return (
            ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000 if ordered else 0.0
        )


def graphql_post(host: str, port: int, body: bytes) -> bytes:
    return (
        f"POST /graphql HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    ).encode() + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return status, await reader.readexactly(length)


async def run_load(
    host: str, port: int, request: bytes | list[bytes], concurrency: int, seconds: float
) -> LoadResult:
    """Keep `concurrency` connections busy for `seconds`; with several requests, each connection
    sends them in turn (several callers' credentials, say)."""
    result = LoadResult()
    deadline = time.perf_counter() + seconds
    requests = [request] if isinstance(request, bytes) else request

    async def connection(offset: int) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        sent = offset
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                writer.write(requests[sent % len(requests)])
                sent += 1
                status, body = await _read_response(reader)
                result.latencies.append(time.perf_counter() - started)
                result.requests += 1
                # A GraphQL error (a throttled query, say) is a failure even with status 200.
                result.failures += status != 200 or b'"errors"' in body
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection(i) for i in range(concurrency)))
    result.seconds = time.perf_counter() - started
    return result
