"""The typed per-request context that every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from core.services import Services
from dataloaders import Loaders


@dataclass(slots=True)
class Context:
    services: Services
    loaders: Loaders
    correlation_id: str
    request: Request | WebSocket | None = None
    response: Response | None = None


Info: TypeAlias = strawberry.Info[Context, None]
