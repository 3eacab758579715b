"""Opaque global IDs: `base64url("<Type>:<uuid>")`. A malformed ID, or one of another type, reads
like an unknown one."""

from __future__ import annotations

import base64
import binascii
import uuid


def encode_id(type_name: str, id_: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{id_}".encode()).decode().rstrip("=")


def decode_id(type_name: str, opaque: str) -> uuid.UUID | None:
    if len(opaque) > 100:
        return None
    try:
        raw = base64.urlsafe_b64decode(opaque + "=" * (-len(opaque) % 4)).decode()
        kind, _, value = raw.partition(":")
        return uuid.UUID(value) if kind == type_name else None
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
