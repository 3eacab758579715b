"""Provider tokens are encrypted at rest, and the key rotates without losing a stored token."""

from __future__ import annotations

import base64
import uuid

import pytest
from sqlalchemy import select

from accounts.operators import ensure_organisation
from accounts.tiers import Tier
from core.secret_box import SecretBox, SecretUnreadable
from core.settings import Settings
from models.connections import ProviderConnection
from repositories.connections import ProviderTokens, add_connection, reencrypt_all, tokens_of
from runtime.services import Services


def key(seed: str) -> str:
    return base64.urlsafe_b64encode(seed.encode().ljust(32, b"-")[:32]).decode()


OLD, NEW = key("old key"), key("new key")


def box(*keys: str) -> SecretBox:
    return SecretBox(Settings(encryption_keys=",".join(keys)))


def test_ciphertext_does_not_contain_the_secret() -> None:
    ciphertext = box(OLD).encrypt("xero-access-token-123")
    assert "xero-access-token-123" not in ciphertext
    assert box(OLD).decrypt(ciphertext) == "xero-access-token-123"


def test_secret_under_an_unknown_key_is_unreadable_not_a_crash() -> None:
    with pytest.raises(SecretUnreadable):
        box(NEW).decrypt(box(OLD).encrypt("token"))


async def test_rotation_keeps_every_stored_token(services: Services) -> None:
    organisation = await ensure_organisation(services, f"Rotate {uuid.uuid4().hex[:6]}", Tier.BASIC)
    async with services.sessions.begin() as session:
        row = await add_connection(
            session,
            box(OLD),
            organisation.id,
            "xero",
            "tenant-1",
            ProviderTokens("access-1", "refresh-1", None),
        )
    # Step 1: the new key first, the old one still present; re-encrypt everything.
    async with services.sessions.begin() as session:
        await reencrypt_all(session, box(NEW, OLD))
    # Step 2: the old key is gone; the token still reads.
    async with services.sessions() as session:
        stored = await session.scalar(
            select(ProviderConnection).where(ProviderConnection.id == row.id)  # type: ignore[arg-type]
        )
    assert stored is not None
    assert tokens_of(box(NEW), stored) == ProviderTokens("access-1", "refresh-1", None)
    with pytest.raises(SecretUnreadable):
        tokens_of(box(OLD), stored)


async def test_rotation_reports_tokens_no_key_can_read(services: Services) -> None:
    organisation = await ensure_organisation(services, f"Lost {uuid.uuid4().hex[:6]}", Tier.BASIC)
    async with services.sessions.begin() as session:
        lost = await add_connection(
            session,
            box(key("dropped too early")),
            organisation.id,
            "xero",
            "tenant-2",
            ProviderTokens("access-2", None, None),
        )
    async with services.sessions.begin() as session:
        _, unreadable = await reencrypt_all(session, box(NEW, OLD))
    assert lost.id in unreadable
