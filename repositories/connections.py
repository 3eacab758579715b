"""Provider connections: their tokens are encrypted on the way in and decrypted on the way out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.secret_box import SecretBox, SecretUnreadable
from models.connections import ProviderConnection


@dataclass(frozen=True, slots=True)
class ProviderTokens:
    access_token: str
    refresh_token: str | None
    expires_at: datetime | None


async def add_connection(
    session: AsyncSession,
    box: SecretBox,
    organisation_id: uuid.UUID,
    provider: str,
    external_tenant_id: str,
    tokens: ProviderTokens,
) -> ProviderConnection:
    connection = ProviderConnection(
        organisation_id=organisation_id,
        provider=provider,
        external_tenant_id=external_tenant_id,
        access_token_ciphertext=box.encrypt(tokens.access_token),
        refresh_token_ciphertext=box.encrypt(tokens.refresh_token)
        if tokens.refresh_token
        else None,
        expires_at=tokens.expires_at,
        created_at=datetime.now(UTC),
    )
    session.add(connection)
    await session.flush()
    return connection


def tokens_of(box: SecretBox, connection: ProviderConnection) -> ProviderTokens:
    return ProviderTokens(
        access_token=box.decrypt(connection.access_token_ciphertext),
        refresh_token=(
            box.decrypt(connection.refresh_token_ciphertext)
            if connection.refresh_token_ciphertext
            else None
        ),
        expires_at=connection.expires_at,
    )


async def reencrypt_all(session: AsyncSession, box: SecretBox) -> tuple[int, list[uuid.UUID]]:
    """Re-encrypt every stored token with the current first key. Returns how many connections
    were re-encrypted, and the IDs of those no configured key can read (left as they are, for the
    operator to look into, rather than stopping the rotation of all the others)."""
    rotated, unreadable = 0, []
    for connection in (await session.scalars(select(ProviderConnection))).all():
        try:
            access = box.rotate(connection.access_token_ciphertext)
            refresh = (
                box.rotate(connection.refresh_token_ciphertext)
                if connection.refresh_token_ciphertext
                else None
            )
        except SecretUnreadable:
            unreadable.append(connection.id)
            continue
        connection.access_token_ciphertext = access
        connection.refresh_token_ciphertext = refresh
        rotated += 1
    await session.flush()
    return rotated, unreadable
