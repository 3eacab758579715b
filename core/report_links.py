"""Signed links to reports: `/reports/<token>` serves a report's file without a bearer token (a
browser following a link, an e-mail), so the token itself is the permission.

A token is `r1.<kid>.<body>.<mac>`: `body` is the report's ID, its organisation's ID and the
expiry (Unix seconds), 40 bytes in base64url; `mac` is HMAC-SHA256 over `r1.<kid>.<body>` under
a key derived from the access-token signing key `kid` (IPOVAL_JWT_KEYS, so links rotate with it;
derived with its own label, so a link's MAC is never a valid JWT signature or the reverse). A
token verifies only whole: any changed character, another key, a past expiry or another
organisation's report fails, and the route answers every failure but expiry alike.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
import uuid
from dataclasses import dataclass

from core.settings import Settings

VERSION = "r1"
_LABEL = b"ipoval signed report link v1"


@dataclass(frozen=True, slots=True)
class ReportLink:
    report_id: uuid.UUID
    organisation_id: uuid.UUID
    expires_at: int  # Unix seconds


class LinkRefused(Exception):
    """The token is not one of ours, or was changed."""


class LinkExpired(Exception):
    """A genuine link whose time has passed."""


def _keys(settings: Settings) -> list[tuple[str, bytes]]:
    keys = []
    for entry in settings.jwt_keys.split(","):
        kid, _, secret = entry.strip().partition(":")
        keys.append((kid, hmac.new(secret.encode(), _LABEL, hashlib.sha256).digest()))
    return keys


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(settings: Settings, link: ReportLink) -> str:
    kid, key = _keys(settings)[0]
    body = _b64(
        link.report_id.bytes + link.organisation_id.bytes + struct.pack(">Q", link.expires_at)
    )
    signed = f"{VERSION}.{kid}.{body}"
    return f"{signed}.{_b64(hmac.new(key, signed.encode(), hashlib.sha256).digest())}"


def verify(settings: Settings, token: str, now: float | None = None) -> ReportLink:
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != VERSION or len(token) > 200:
        raise LinkRefused
    version, kid, body, mac = parts
    key = dict(_keys(settings)).get(kid)
    if key is None:
        raise LinkRefused
    expected = hmac.new(key, f"{version}.{kid}.{body}".encode(), hashlib.sha256).digest()
    try:
        given = _unb64(mac)
        raw = _unb64(body)
    except (ValueError, TypeError) as error:
        raise LinkRefused from error
    if not hmac.compare_digest(given, expected) or len(raw) != 40:
        raise LinkRefused
    # Canonical encodings only: base64 that decodes the same with other trailing bits is refused.
    if _b64(raw) != body or _b64(given) != mac:
        raise LinkRefused
    (expires_at,) = struct.unpack(">Q", raw[32:])
    link = ReportLink(uuid.UUID(bytes=raw[:16]), uuid.UUID(bytes=raw[16:32]), expires_at)
    if (time.time() if now is None else now) >= expires_at:
        raise LinkExpired
    return link
