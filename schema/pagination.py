"""Cursors and page sizes shared by every connection (its types: schema/types/connection.py)."""

from __future__ import annotations

import base64
import binascii

from core.errors import BadUserInput
from schema.bounds import MAX_PAGE_SIZE


def check_page_size(first: int, limit: int = MAX_PAGE_SIZE) -> None:
    if first < 0 or first > limit:
        raise BadUserInput(
            f"`first` must be between 0 and {limit}, got {first}.", argument="first", maximum=limit
        )


def encode_cursor(kind: str, value: str) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{value}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str) -> str:
    """The value inside a cursor of this kind; a bad cursor is the caller's error, not ours."""
    try:
        if len(cursor) > 200:
            raise ValueError("longer than any cursor we issue")
        padded = cursor + "=" * (-len(cursor) % 4)
        decoded = base64.urlsafe_b64decode(padded.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        decoded = ""
    prefix = f"{kind}:"
    if not decoded.startswith(prefix):
        raise BadUserInput("`after` is not a cursor this connection issued.", argument="after")
    return decoded[len(prefix) :]
