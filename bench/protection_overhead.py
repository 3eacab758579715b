"""What authentication, request-rate limits and query-cost buckets cost per request.

Two `ipoval serve` processes (one uvicorn worker each, sample data) answer the same small query:
one as signed-in users through every protection layer (JWT verification, the moving-window rate
limit and the cost bucket), the other with per-caller limits off and no credentials. The ratio of
their requests/second is the overhead. Redis is the in-process stand-in by default, or the Redis
at `--redis-url`.

    python -m bench.protection_overhead [--seconds 10] [--redis-url redis://127.0.0.1:6379/14]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile

import httpx

from bench.dashboard_rps import HOST, _free_port, _wait_ready
from bench.loadgen import LoadResult, graphql_post, run_load

QUERY = "{ economicIndicators { cashRate { value asOf } } }"
PASSWORD = "benchmark password 1"
# Enterprise callers may make 2,000 requests an hour: the load is spread over enough of them that
# no request is refused, so every request pays for the whole path.
CALLERS = 40
LOGIN = "mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }"
CREATE_CALLERS = """
import asyncio, sys
from accounts.operators import create_user
from core.migrate import upgrade_to_head
from runtime.services import open_services
from core.settings import Settings
from accounts.tiers import Tier

async def main(count: int, password: str) -> None:
    async with open_services(Settings()) as services:
        await upgrade_to_head(services.engine)
        for n in range(count):
            await create_user(services, f"bench{n}@example.com", password, "Bench", Tier.ENTERPRISE)

asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
"""


def _tokens(port: int) -> list[str]:
    tokens = []
    for n in range(CALLERS):
        variables = {"e": f"bench{n}@example.com", "p": PASSWORD}
        answer = httpx.post(
            f"http://{HOST}:{port}/graphql", json={"query": LOGIN, "variables": variables}
        ).json()
        tokens.append(answer["data"]["login"]["accessToken"])
    return tokens


async def _serve_and_measure(
    env: dict[str, str], authenticated: bool, seconds: float, concurrency: int
) -> LoadResult:
    port = _free_port()
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cli.main", "serve", "--port", str(port), env=env
    )
    try:
        await asyncio.to_thread(_wait_ready, port)
        plain = graphql_post(HOST, port, json.dumps({"query": QUERY}).encode())
        requests = [plain]
        if authenticated:
            requests = [
                plain.replace(b"\r\n\r\n", f"\r\nAuthorization: Bearer {t}\r\n\r\n".encode(), 1)
                for t in await asyncio.to_thread(_tokens, port)
            ]
        await run_load(HOST, port, requests, concurrency, min(2.0, seconds))
        return await run_load(HOST, port, requests, concurrency, seconds)
    finally:
        server.terminate()
        await server.wait()


async def main(seconds: float, concurrency: int, redis_url: str | None) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    with tempfile.TemporaryDirectory() as data_dir:
        # Development: the benchmark runs with the public development secrets.
        env = {
            **base,
            "IPOVAL_DATA_DIR": data_dir,
            "IPOVAL_LOG_LEVEL": "WARNING",
            "IPOVAL_ENV": "development",
        }
        if redis_url:
            env["REDIS_URL"] = redis_url
        creating = await asyncio.create_subprocess_exec(
            sys.executable, "-c", CREATE_CALLERS, str(CALLERS), PASSWORD, env=env
        )
        assert await creating.wait() == 0
        protected = await _serve_and_measure(env, True, seconds, concurrency)
        bare_env = {**env, "IPOVAL_PER_CALLER_LIMITS": "false"}
        bare = await _serve_and_measure(bare_env, False, seconds, concurrency)
    print(
        f"small query, one uvicorn worker, {concurrency} connections, {seconds:g} s each, "
        f"Redis: {redis_url or 'in-process stand-in'}"
    )
    print(f"{'layers':<28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'failures':>9}")
    for name, result in (("auth + rate limit + cost", protected), ("none", bare)):
        print(
            f"{name:<28} {result.per_second:>8.0f} {result.percentile(50):>8.2f} "
            f"{result.percentile(99):>8.2f} {result.failures:>9}"
        )
    print(f"ratio protected/bare: {protected.per_second / bare.per_second:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--redis-url", default=None)
    args = parser.parse_args()
    asyncio.run(main(args.seconds, args.concurrency, args.redis_url))
