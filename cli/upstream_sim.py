"""`ipoval upstream-sim`: serve the upstream simulator and print the environment that uses it."""

from __future__ import annotations

import argparse
import socket
import sys

from core.logging import logging_config
from core.settings import Settings


def add_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sim = commands.add_parser(
        "upstream-sim",
        help="serve a local simulator of the ASX, ABR, RBA and Capital IQ upstreams",
    )
    sim.add_argument("--host", default="127.0.0.1")
    sim.add_argument("--port", type=int, default=8900, help="0 picks a free port")
    sim.add_argument("--latency-ms", type=float, default=50.0, help="added to every call")
    sim.add_argument("--error-rate", type=float, default=0.0, help="share of calls answered 5xx")
    sim.add_argument("--rate-429", type=float, default=0.0, help="share of calls answered 429")
    sim.add_argument("--retry-after", type=int, default=1, help="Retry-After of a 429, seconds")
    sim.add_argument("--timeout-rate", type=float, default=0.0, help="share of calls that hang")
    sim.add_argument(
        "--malformed-rate", type=float, default=0.0, help="share of calls with a broken body"
    )
    sim.add_argument("--seed", type=int, default=0, help="seed of the fault draws")
    sim.add_argument(
        "--capiq-daily-limit", type=int, default=None, help="Capital IQ requests allowed per day"
    )


def run(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from simulator import Faults, create_simulator_app, simulator_env
    from simulator.faults import FaultError

    try:
        faults = Faults(
            latency_ms=args.latency_ms,
            error_rate=args.error_rate,
            rate_429=args.rate_429,
            retry_after=args.retry_after,
            timeout_rate=args.timeout_rate,
            malformed_rate=args.malformed_rate,
            seed=args.seed,
            capiq_daily_limit=args.capiq_daily_limit,
        )
    except FaultError as exc:
        print(f"ipoval: {exc}", file=sys.stderr)
        return 2
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        print(f"ipoval: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        sock.close()
        return 2
    sock.listen(128)  # calls made as soon as the lines below are read wait for the server
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    base = f"http://{host}:{port}"
    print(f"ipoval: upstream simulator on {base}; point the platform at it with:", file=sys.stderr)
    for name, value in simulator_env(base).items():
        print(f"{name}={value}")
    sys.stdout.flush()
    config = uvicorn.Config(
        create_simulator_app(faults),
        lifespan="off",
        log_config=logging_config(settings.log_level, settings.log_json),
        access_log=False,
        timeout_graceful_shutdown=1,
    )
    uvicorn.Server(config).run(sockets=[sock])
    return 0
