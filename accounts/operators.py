"""Operator actions: create users and organisations, issue and revoke partner API keys."""

from __future__ import annotations

import asyncio

from sqlalchemy.exc import IntegrityError

from accounts.api_keys import new_api_key
from accounts.audit import SecurityEvent
from accounts.passwords import MIN_PASSWORD_LENGTH, hash_password
from accounts.tiers import Tier
from accounts.tokens import digest
from core.errors import BadUserInput
from models.accounts import ApiKey, Organisation, UserAccount
from repositories import accounts as repo
from runtime.services import Services


async def ensure_organisation(services: Services, name: str, tier: Tier) -> Organisation:
    """The organisation of that name, created with `tier` if new (an existing one keeps its
    tier)."""
    try:
        async with services.sessions.begin() as session:
            existing = await repo.organisation_by_name(session, name)
            return existing or await repo.add_organisation(session, name, tier.value)
    except IntegrityError:
        # Created by a concurrent caller between our read and our insert.
        async with services.sessions() as session:
            created = await repo.organisation_by_name(session, name)
        assert created is not None
        return created


async def create_user(
    services: Services, email: str, password: str, organisation: str, tier: Tier
) -> UserAccount:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadUserInput(f"Passwords need at least {MIN_PASSWORD_LENGTH} characters.")
    if "@" not in email:
        raise BadUserInput("That is not an e-mail address.")
    org = await ensure_organisation(services, organisation, tier)
    password_hash = await asyncio.to_thread(hash_password, password)
    exists = BadUserInput(f"A user with e-mail {email.lower()} exists already.")
    try:
        async with services.sessions.begin() as session:
            if await repo.user_by_email(session, email) is not None:
                raise exists
            user = await repo.add_user(session, org.id, email, password_hash)
            await repo.add_audit_event(
                session, SecurityEvent.USER_CREATED, user_id=user.id, organisation_id=org.id
            )
            return user
    except IntegrityError as error:  # created by a concurrent caller since our read
        raise exists from error


async def create_api_key(services: Services, organisation: str, name: str) -> tuple[ApiKey, str]:
    """The stored key and the full secret, which is never shown again."""
    async with services.sessions.begin() as session:
        org = await repo.organisation_by_name(session, organisation)
        if org is None:
            raise BadUserInput(f"No organisation named {organisation!r}.")
        prefix, full_key = new_api_key()
        key = await repo.add_api_key(session, org.id, prefix, digest(full_key), name)
        await repo.add_audit_event(
            session,
            SecurityEvent.API_KEY_CREATED,
            organisation_id=org.id,
            api_key_id=key.id,
            detail={"prefix": prefix, "name": name},
        )
        return key, full_key


async def revoke_api_key(services: Services, prefix: str) -> ApiKey:
    async with services.sessions.begin() as session:
        already_revoked = await repo.api_key_revoked_at(session, prefix)
        key = await repo.revoke_api_key(session, prefix)
        if key is None:
            raise BadUserInput(f"No API key with prefix {prefix!r}.")
        if already_revoked is not None:
            return key  # nothing changed, so nothing to audit
        await repo.add_audit_event(
            session,
            SecurityEvent.API_KEY_REVOKED,
            organisation_id=key.organisation_id,
            api_key_id=key.id,
            detail={"prefix": prefix},
        )
        return key
