"""The project files one GraphQL query passes before its first resolver runs.

Serves `{ companies(first: 1) { totalCount } }` in process (embedded mode, sample data, the real
middleware stack) with a profiler that records each project file whose code runs, in order, until
the first function in `resolvers/` is entered. Imports are done before the request, so only the
request's own path is counted.

    python -m bench.query_flow
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUERY = "{ companies(first: 1) { totalCount } }"


async def _trace_one_query() -> list[str]:
    import httpx
    from asgi_lifespan import LifespanManager

    from app import create_app
    from core.settings import Settings

    app = create_app(Settings())
    seen: list[str] = []
    reached = False

    def profile(frame: FrameType, event: str, _: Any) -> None:
        nonlocal reached
        if reached or event != "call":
            return
        path = Path(frame.f_code.co_filename)
        if ROOT not in path.parents or ".venv" in path.parts:
            return
        name = str(path.relative_to(ROOT))
        if name.startswith("resolvers/"):
            reached = True
            seen.append(name)
        elif name not in seen:
            seen.append(name)

    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://local") as client:
            await client.post("/graphql", json={"query": QUERY})  # warm caches and imports
            sys.setprofile(profile)
            try:
                response = await client.post("/graphql", json={"query": QUERY})
            finally:
                sys.setprofile(None)
    response.raise_for_status()
    return seen


def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ.update(IPOVAL_DATA_DIR=data_dir, IPOVAL_LOG_LEVEL="WARNING")
        for name in ("DATABASE_URL", "REDIS_URL"):
            os.environ.pop(name, None)
        files = asyncio.run(_trace_one_query())
    before = [f for f in files if not f.startswith("resolvers/")]
    print(f"project files passed before the first resolver: {len(before)}")
    for name in files:
        print(f"  {name}")


if __name__ == "__main__":
    main()
