"""Sign-in, rotating refresh tokens and sign-out.

A refresh token works once. Using it returns a new pair in the same family; presenting an already
spent token again means it was copied, so the whole family is revoked and the event audited.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from accounts.audit import SecurityEvent
from accounts.passwords import verify_password
from accounts.tiers import Tier
from accounts.tokens import AccessTokens, digest, new_refresh_token
from core.errors import ErrorCode, IpovalError
from models.accounts import Organisation, UserAccount
from repositories import accounts as repo
from runtime.services import Services


class InvalidCredentials(IpovalError):
    code = ErrorCode.INVALID_CREDENTIALS


class InvalidRefreshToken(IpovalError):
    code = ErrorCode.INVALID_REFRESH_TOKEN


@dataclass(frozen=True, slots=True)
class SignedIn:
    access_token: str
    refresh_token: str
    expires_in: int
    user: UserAccount
    organisation: Organisation


async def sign_in(
    services: Services, tokens: AccessTokens, email: str, password: str, client_ip: str
) -> SignedIn:
    async with services.sessions() as session:
        user = await repo.user_by_email(session, email)
    # argon2 takes about 0.1 s of CPU: off the event loop, and outside any transaction.
    valid = await asyncio.to_thread(verify_password, user.password_hash if user else None, password)
    async with services.sessions.begin() as session:
        if user is not None and valid and user.is_active:
            return await _sign_in_user(services, tokens, session, user, client_ip)
        await repo.add_audit_event(
            session,
            SecurityEvent.SIGN_IN_FAILED,
            user_id=user.id if user else None,
            organisation_id=user.organisation_id if user else None,
            client_ip=client_ip,
            detail={"email": email.lower()[:320]},
        )
    # Raised after the block so that the audit event commits.
    raise InvalidCredentials("The e-mail address or password is not right.")


async def _sign_in_user(
    services: Services,
    tokens: AccessTokens,
    session: AsyncSession,
    user: UserAccount,
    client_ip: str,
) -> SignedIn:
    organisation = await repo.organisation_by_id(session, user.organisation_id)
    assert organisation is not None  # a foreign key guarantees it
    await repo.add_audit_event(
        session,
        SecurityEvent.SIGN_IN_SUCCEEDED,
        user_id=user.id,
        organisation_id=organisation.id,
        client_ip=client_ip,
    )
    return await _issue(services, tokens, session, user, organisation, uuid.uuid4())


async def refresh(
    services: Services, tokens: AccessTokens, refresh_token: str, client_ip: str
) -> SignedIn:
    token_hash = digest(refresh_token)
    async with services.sessions.begin() as session:
        spent = await repo.spend_refresh_token(session, token_hash)
        if spent is not None:
            user_id, family_id = spent
            user = await repo.user_by_id(session, user_id)
            if user is None or not user.is_active:
                # A deactivated account, not a stolen token: refuse without a theft alarm.
                raise InvalidRefreshToken("The refresh token is not valid; sign in again.")
            organisation = await repo.organisation_by_id(session, user.organisation_id)
            assert organisation is not None
            return await _issue(services, tokens, session, user, organisation, family_id)
    async with services.sessions.begin() as session:
        known = await repo.refresh_token_by_hash(session, token_hash)
        if known is not None and known.spent_at is not None:
            revoked = await repo.revoke_refresh_tokens(session, family_id=known.family_id)
            await repo.add_audit_event(
                session,
                SecurityEvent.REFRESH_TOKEN_REUSED,
                user_id=known.user_id,
                client_ip=client_ip,
                detail={"family": str(known.family_id), "revoked": revoked},
            )
    raise InvalidRefreshToken("The refresh token is not valid; sign in again.")


async def sign_out(
    services: Services, user_id: uuid.UUID | None, refresh_token: str | None, client_ip: str
) -> int:
    """Revoke the given token's family (holding the token is the proof), or else every refresh
    token of the user; returns how many."""
    async with services.sessions.begin() as session:
        revoked = 0
        if refresh_token is not None:
            known = await repo.refresh_token_by_hash(session, digest(refresh_token))
            if known is not None:
                revoked = await repo.revoke_refresh_tokens(session, family_id=known.family_id)
                user_id = known.user_id
        elif user_id is not None:
            revoked = await repo.revoke_refresh_tokens(session, user_id=user_id)
        if user_id is not None:
            await repo.add_audit_event(
                session,
                SecurityEvent.SIGNED_OUT,
                user_id=user_id,
                client_ip=client_ip,
                detail={"revoked": revoked},
            )
        return revoked


async def _issue(
    services: Services,
    tokens: AccessTokens,
    session: AsyncSession,
    user: UserAccount,
    organisation: Organisation,
    family_id: uuid.UUID,
) -> SignedIn:
    refresh_token = new_refresh_token()
    await repo.add_refresh_token(
        session,
        user.id,
        family_id,
        digest(refresh_token),
        repo.now() + timedelta(days=services.settings.refresh_token_days),
    )
    return SignedIn(
        access_token=tokens.issue(user.id, organisation.id, Tier(organisation.tier)),
        refresh_token=refresh_token,
        expires_in=tokens.lifetime,
        user=user,
        organisation=organisation,
    )
