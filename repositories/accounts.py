"""SQL for organisations, users, API keys, refresh tokens and the audit log."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.accounts import ApiKey, AuditEvent, Organisation, RefreshToken, UserAccount


def now() -> datetime:
    return datetime.now(UTC)


async def organisation_by_name(session: AsyncSession, name: str) -> Organisation | None:
    return await session.scalar(select(Organisation).where(Organisation.name == name))  # type: ignore[arg-type]


async def organisation_by_id(session: AsyncSession, id_: uuid.UUID) -> Organisation | None:
    return await session.get(Organisation, id_)


async def add_organisation(session: AsyncSession, name: str, tier: str) -> Organisation:
    organisation = Organisation(name=name, tier=tier, created_at=now())
    session.add(organisation)
    await session.flush()
    return organisation


async def user_by_email(session: AsyncSession, email: str) -> UserAccount | None:
    return await session.scalar(select(UserAccount).where(UserAccount.email == email.lower()))  # type: ignore[arg-type]


async def user_by_id(session: AsyncSession, id_: uuid.UUID) -> UserAccount | None:
    return await session.get(UserAccount, id_)


async def add_user(
    session: AsyncSession, organisation_id: uuid.UUID, email: str, password_hash: str
) -> UserAccount:
    user = UserAccount(
        organisation_id=organisation_id,
        email=email.lower(),
        password_hash=password_hash,
        created_at=now(),
    )
    session.add(user)
    await session.flush()
    return user


async def api_key_with_organisation(
    session: AsyncSession, prefix: str
) -> tuple[ApiKey, Organisation] | None:
    row = (
        await session.execute(
            select(ApiKey, Organisation)
            .join(Organisation, Organisation.id == ApiKey.organisation_id)  # type: ignore[arg-type]
            .where(ApiKey.prefix == prefix)  # type: ignore[arg-type]
        )
    ).first()
    return (row[0], row[1]) if row else None


async def add_api_key(
    session: AsyncSession, organisation_id: uuid.UUID, prefix: str, secret_hash: str, name: str
) -> ApiKey:
    key = ApiKey(
        organisation_id=organisation_id,
        prefix=prefix,
        secret_hash=secret_hash,
        name=name,
        created_at=now(),
    )
    session.add(key)
    await session.flush()
    return key


async def api_key_revoked_at(session: AsyncSession, prefix: str) -> datetime | None:
    return await session.scalar(select(ApiKey.revoked_at).where(ApiKey.prefix == prefix))  # type: ignore[call-overload]


async def revoke_api_key(session: AsyncSession, prefix: str) -> ApiKey | None:
    key = await session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))  # type: ignore[arg-type]
    if key is not None and key.revoked_at is None:
        key.revoked_at = now()
        await session.flush()
    return key


async def add_refresh_token(
    session: AsyncSession,
    user_id: uuid.UUID,
    family_id: uuid.UUID,
    token_hash: str,
    expires_at: datetime,
) -> None:
    session.add(
        RefreshToken(
            user_id=user_id,
            family_id=family_id,
            token_hash=token_hash,
            issued_at=now(),
            expires_at=expires_at,
        )
    )
    await session.flush()


async def spend_refresh_token(
    session: AsyncSession, token_hash: str
) -> tuple[uuid.UUID, uuid.UUID] | None:
    """Mark a live token spent, atomically: of two concurrent uses, exactly one gets its
    (user id, family id)."""
    table = RefreshToken.__table__  # type: ignore[attr-defined]
    row = (
        await session.execute(
            update(table)
            .where(
                table.c.token_hash == token_hash,
                table.c.spent_at.is_(None),
                table.c.revoked_at.is_(None),
                table.c.expires_at > now(),
            )
            .values(spent_at=now())
            .returning(table.c.user_id, table.c.family_id)
        )
    ).first()
    if row is None:
        return None
    return row.user_id, row.family_id


async def refresh_token_by_hash(session: AsyncSession, token_hash: str) -> RefreshToken | None:
    return await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == token_hash)  # type: ignore[arg-type]
    )


async def revoke_refresh_tokens(
    session: AsyncSession, *, family_id: uuid.UUID | None = None, user_id: uuid.UUID | None = None
) -> int:
    table = RefreshToken.__table__  # type: ignore[attr-defined]
    condition = table.c.family_id == family_id if family_id else table.c.user_id == user_id
    result = await session.execute(
        update(table).where(condition, table.c.revoked_at.is_(None)).values(revoked_at=now())
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def add_audit_event(session: AsyncSession, event: str, **fields: Any) -> None:
    session.add(AuditEvent(event=event, occurred_at=now(), **fields))
    await session.flush()


async def api_key_is_active(session: AsyncSession, key_id: uuid.UUID) -> bool:
    """Whether the key exists and is not revoked: one primary-key read, for open websockets."""
    table = ApiKey.__table__  # type: ignore[attr-defined]
    found = await session.scalar(
        select(table.c.id).where(table.c.id == key_id, table.c.revoked_at.is_(None))
    )
    return found is not None
