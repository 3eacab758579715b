"""The `ipoval` command line: serve, worker, migrate, and operator commands."""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from cli import accounts, registry, report, upstream_sim
from cli.errors import CommandError, invalid_settings
from cli.reachability import require_services
from core.logging import configure_logging, logging_config
from core.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; an ordinary mistake is one line on stderr and a non-zero exit code."""
    try:
        return _run(argv)
    except CommandError as error:
        print(f"ipoval: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("\nipoval: interrupted", file=sys.stderr)
        return 130
    except OSError as error:
        if error.filename is None:  # not a file problem: a fault worth its traceback
            raise
        print(f"ipoval: {error.filename}: {error.strerror}", file=sys.stderr)
        return 1


def _run(argv: Sequence[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="ipoval", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the GraphQL API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    serve.add_argument(
        "--forwarded-allow-ips",
        default=None,
        metavar="IPS",
        help="proxies whose X-Forwarded-For names the client (addresses or networks, "
        "comma-separated, or *); default $FORWARDED_ALLOW_IPS, or none: X-Forwarded-For is "
        "ignored. Per-IP limits and the audit log's addresses depend on it.",
    )

    worker = commands.add_parser("worker", help="run an arq worker process (needs REDIS_URL)")
    worker.add_argument(
        "--max-jobs", type=int, default=10, help="jobs one process runs at once (default 10)"
    )
    commands.add_parser("migrate", help="apply database migrations up to the newest")
    accounts.add_commands(commands)
    valuate = commands.add_parser("valuate", help="value a company through a running API")
    valuate.add_argument("--input", required=True, type=Path, help="company JSON (ValuationInput)")
    valuate.add_argument(
        "--url",
        default="http://127.0.0.1:8000",
        help="the API's base URL or its /graphql endpoint (default: %(default)s)",
    )
    valuate.add_argument("--token", default=None, help="access token (default: none)")
    valuate.add_argument("--api-key", default=None, help="partner API key (default: none)")
    upstream_sim.add_command(commands)
    registry.add_command(commands)
    report.add_command(commands)

    args = parser.parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        raise invalid_settings(error) from None
    configure_logging(settings.log_level, settings.log_json)
    if args.command in ("serve", "worker"):
        _refuse_to_start_unsafely(settings, args.command)
    if args.command == "serve":
        return _serve(settings, args.host, args.port, args.workers, args.forwarded_allow_ips)
    if args.command == "worker":
        return _worker(settings, args.max_jobs)
    if args.command == "valuate":
        from cli.valuate import run

        logging.getLogger("httpx").setLevel(logging.WARNING)  # the progress bar is the output
        return run(args.input, args.url.rstrip("/"), args.token, args.api_key)
    if args.command == "registry":
        return registry.run(settings, args)
    if args.command == "report":
        return report.run(settings, args)
    if args.command == "upstream-sim":
        return upstream_sim.run(settings, args)
    if args.command in ("user", "apikey", "secrets"):
        return accounts.run(settings, args)
    return _migrate(settings)


def _serve(
    settings: Settings, host: str, port: int, workers: int, forwarded_allow_ips: str | None
) -> int:
    import uvicorn

    trusted_proxies = _trusted_proxies(forwarded_allow_ips)
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
        # Without trusted proxies X-Forwarded-For is not read at all (uvicorn's own default
        # trusts 127.0.0.1, which would let any local caller choose its rate-limit address).
        proxy_headers=bool(trusted_proxies),
        forwarded_allow_ips=",".join(trusted_proxies),
    )
    return 0


def _worker(settings: Settings, max_jobs: int) -> int:
    if max_jobs < 1:
        print("ipoval: --max-jobs must be at least 1", file=sys.stderr)
        return 2
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
    # Runs until stopped by a signal; a Redis outage only pauses it (workers/worker.py).
    create_worker(settings, max_jobs=max_jobs).run()
    return 0


def _refuse_to_start_unsafely(settings: Settings, command: str) -> None:
    """Production with public secrets, and services that cannot be reached, stop here, before
    uvicorn or arq would report them with a traceback."""
    from app import refuse_unsafe_production_settings

    try:
        refuse_unsafe_production_settings(settings)
    except RuntimeError as error:
        raise CommandError(str(error), exit_code=2) from None
    if command == "serve" or settings.redis_url is not None:
        # A worker waits for Redis rather than refusing it: started before Redis (a host booting,
        # Redis restarting), it must come up on its own, as it rides out an outage later on.
        require_services(settings, redis=command != "worker")


def _trusted_proxies(option: str | None) -> list[str]:
    """The proxies whose X-Forwarded-For is believed: the option, else $FORWARDED_ALLOW_IPS,
    else none."""
    given = option if option is not None else os.environ.get("FORWARDED_ALLOW_IPS", "")
    entries = [entry.strip() for entry in given.split(",") if entry.strip()]
    for entry in entries:
        if entry == "*":
            continue
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise CommandError(
                f"--forwarded-allow-ips: {entry!r} is not an IP address, a network or *",
                exit_code=2,
            ) from None
    return entries


def _migrate(settings: Settings) -> int:
    from core.db import create_engine
    from core.migrate import upgrade_to_head

    require_services(settings, redis=False, migrating=True)

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
