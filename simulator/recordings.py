"""The recorded upstream payloads the simulator takes its shapes from (recordings/SOURCES.md)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

RECORDINGS_DIR = Path(__file__).resolve().parent / "recordings"


@cache
def recording_bytes(relative: str) -> bytes:
    return (RECORDINGS_DIR / relative).read_bytes()


def recorded_json(relative: str) -> Any:
    """A recorded JSON or JSONP body, decoded (a fresh copy on every call)."""
    text = recording_bytes(relative).decode("utf-8").strip()
    if relative.endswith(".jsonp"):
        text = text[text.index("(") + 1 : text.rindex(")")]
    return json.loads(text)
