"""The `ipoval` command line: serve, worker, migrate."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from cli import accounts, registry, upstream_sim
from core.logging import configure_logging, logging_config
from core.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ipoval", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the GraphQL API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    serve.add_argument(
        "--forwarded-allow-ips",
        default=None,
        help="proxies whose X-Forwarded-For is trusted for the client address (comma-separated, "
        "or *); default $FORWARDED_ALLOW_IPS or 127.0.0.1. Per-IP limits depend on it.",
    )

    commands.add_parser("worker", help="run an arq worker process (needs REDIS_URL)")
    commands.add_parser("migrate", help="apply database migrations up to the newest")
    accounts.add_commands(commands)
    valuate = commands.add_parser("valuate", help="value a company through a running API")
    valuate.add_argument("--input", required=True, type=Path, help="company JSON (ValuationInput)")
    valuate.add_argument("--url", default="http://127.0.0.1:8000")
    valuate.add_argument("--token", default=None, help="access token (default: none)")
    valuate.add_argument("--api-key", default=None, help="partner API key (default: none)")
    upstream_sim.add_command(commands)
    registry.add_command(commands)

    args = parser.parse_args(argv)
    settings = Settings()
    configure_logging(settings.log_level, settings.log_json)
    if args.command == "serve":
        return _serve(settings, args.host, args.port, args.workers, args.forwarded_allow_ips)
    if args.command == "worker":
        return _worker(settings)
    if args.command == "valuate":
        from cli.valuate import run

        logging.getLogger("httpx").setLevel(logging.WARNING)  # the progress bar is the output
        return run(args.input, args.url.rstrip("/"), args.token, args.api_key)
    if args.command == "registry":
        return registry.run(settings, args)
    if args.command == "upstream-sim":
        return upstream_sim.run(settings, args)
    if args.command in ("user", "apikey", "secrets"):
        return accounts.run(settings, args)
    return _migrate(settings)


def _serve(
    settings: Settings, host: str, port: int, workers: int, forwarded_allow_ips: str | None
) -> int:
    import uvicorn

    if workers > 1 and (settings.redis_url is None or settings.is_sqlite):
        print(
            "ipoval: several workers need DATABASE_URL and REDIS_URL (an embedded database or "
            "Redis belongs to one process)",
            file=sys.stderr,
        )
        return 2
    uvicorn.run(
        "app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="uvloop",
        http="httptools",
        ws="websockets-sansio",
        ws_per_message_deflate=False,  # 26-33 KiB per idle socket instead of 66-132 KiB
        log_config=logging_config(settings.log_level, settings.log_json),
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
    )
    return 0


def _worker(settings: Settings) -> int:
    if settings.redis_url is None:
        print(
            "ipoval: `ipoval worker` needs REDIS_URL; embedded mode runs its worker in `serve`",
            file=sys.stderr,
        )
        return 2
    import uvloop

    from workers.worker import create_worker

    uvloop.install()
    asyncio.set_event_loop(asyncio.new_event_loop())
    create_worker(settings).run()
    return 0


def _migrate(settings: Settings) -> int:
    from core.db import create_engine
    from core.migrate import upgrade_to_head

    async def run() -> None:
        engine = create_engine(settings)
        try:
            await upgrade_to_head(engine)
        finally:
            await engine.dispose()

    asyncio.run(run())
    print(f"ipoval: database at head ({settings.effective_database_url.split('@')[-1]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
