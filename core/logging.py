"""Logging with a correlation id on every record of a request."""

from __future__ import annotations

import json
import logging
import logging.config
import uuid
from contextvars import ContextVar
from typing import Any

correlation_id: ContextVar[str] = ContextVar("correlation_id", default="-")


def new_correlation_id() -> str:
    return uuid.uuid4().hex[:16]


class _CorrelationFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.correlation_id = correlation_id.get()
        return True


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "correlation_id": getattr(record, "correlation_id", "-"),
        }
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload)


def logging_config(level: str = "INFO", as_json: bool = False) -> dict[str, Any]:
    """A `logging.config.dictConfig` dictionary. uvicorn applies it in every worker process it
    spawns, which a call in the parent process alone would not reach."""
    text_format = "%(asctime)s %(levelname)s %(name)s [%(correlation_id)s] %(message)s"
    formatter: dict[str, Any] = {"()": _JsonFormatter} if as_json else {"format": text_format}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"correlation": {"()": _CorrelationFilter}},
        "formatters": {"default": formatter},
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "filters": ["correlation"],
                "formatter": "default",
            }
        },
        "root": {"handlers": ["default"], "level": level.upper()},
        # uvicorn's own loggers propagate to the root handler instead of keeping theirs.
        "loggers": {
            name: {"handlers": [], "propagate": True}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
    }


def configure_logging(level: str = "INFO", as_json: bool = False) -> None:
    logging.config.dictConfig(logging_config(level, as_json))
