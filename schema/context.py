"""The typed per-request context that every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from accounts.authenticator import Authenticator
from accounts.principal import Principal, anonymous
from dataloaders import Loaders
from jobs.progress_hub import ProgressHub
from runtime.services import Services


@dataclass(slots=True)
class Context:
    services: Services
    loaders: Loaders
    request: Request | WebSocket | None = None
    response: Response | None = None
    # In-process callers (tests, benchmarks, jobs) act as an anonymous local caller; HTTP and
    # websocket requests always set the principal resolved from their credentials.
    principal: Principal = field(default_factory=lambda: anonymous("127.0.0.1"))
    # The process's shared objects, set by the edge for HTTP and websocket requests.
    authenticator: Authenticator | None = None
    progress_hub: ProgressHub | None = None
    # Set by strawberry from a websocket's `connection_init` payload.
    connection_params: dict[str, object] | None = None


Info: TypeAlias = strawberry.Info[Context, None]
