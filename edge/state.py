"""The process state the lifespan opens, typed, and how a request or websocket reaches it.

Starlette's `app.state` takes any attribute; the edge keeps exactly one, `app.state.process`, so
every reader gets a `ProcessState` that mypy checks instead of guessing attribute names.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import HTTPConnection
from starlette.types import Scope

from accounts.audit import SecurityLog
from accounts.authenticator import Authenticator
from jobs.progress_hub import ProgressHub
from limits.rate_window import RequestRateLimiter
from runtime.services import Services


@dataclass(frozen=True, slots=True)
class ProcessState:
    services: Services
    authenticator: Authenticator
    rate_limiter: RequestRateLimiter
    security_log: SecurityLog
    progress_hub: ProgressHub


def app_state(app: Starlette) -> ProcessState:
    state: ProcessState = app.state.process
    return state


def connection_state(connection: HTTPConnection) -> ProcessState:
    """The state behind a request or a websocket."""
    return app_state(connection.app)


def scope_state(scope: Scope) -> ProcessState:
    """The state behind a raw ASGI scope (middleware that runs before a Request exists)."""
    return app_state(scope["app"])
