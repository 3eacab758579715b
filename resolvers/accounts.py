"""Sign-in, token refresh, sign-out and `me`."""

from __future__ import annotations

from typing import Annotated

import strawberry

from accounts import sessions
from accounts.authenticator import Authenticator
from accounts.principal import Principal
from core.errors import IpovalError
from repositories import accounts as repo
from schema.bounds import MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, MAX_REFRESH_TOKEN_LENGTH
from schema.context import Info
from schema.enums import AccountErrorCode
from schema.feature_gates import unlocked_features
from schema.types.account import (
    AccountError,
    LogoutPayload,
    Organisation,
    SignInPayload,
    User,
    Viewer,
)


def _authenticator(info: Info) -> Authenticator:
    authenticator = info.context.authenticator
    if authenticator is None:
        raise RuntimeError("signing in needs the context of an HTTP request")
    return authenticator


def _signed_in(result: sessions.SignedIn) -> SignInPayload:
    return SignInPayload(
        access_token=result.access_token,
        refresh_token=result.refresh_token,
        expires_in=result.expires_in,
        user=User.from_row(result.user),
        user_errors=[],
    )


def _failed(error: IpovalError, field: str) -> SignInPayload:
    return SignInPayload(
        access_token=None,
        refresh_token=None,
        expires_in=None,
        user=None,
        user_errors=[
            AccountError(
                field=[field], code=AccountErrorCode(error.code.value), message=error.message
            )
        ],
    )


@strawberry.type
class AccountMutation:
    @strawberry.mutation(description="Sign in with e-mail and password.")
    async def login(
        self,
        info: Info,
        email: Annotated[str, strawberry.argument(description="Sign-in e-mail address.")],
        password: Annotated[str, strawberry.argument(description="Password.")],
    ) -> SignInPayload:
        try:
            result = await sessions.sign_in(
                info.context.services,
                _authenticator(info).tokens,
                email[:MAX_EMAIL_LENGTH],
                password[:MAX_PASSWORD_LENGTH],
                info.context.principal.client_ip,
            )
        except sessions.InvalidCredentials as error:
            return _failed(error, "password")
        return _signed_in(result)

    @strawberry.mutation(
        description="Exchange a refresh token for a new access token and refresh token. "
        "A refresh token works once; presenting a spent one ends the whole session."
    )
    async def refresh_token(
        self,
        info: Info,
        token: Annotated[str, strawberry.argument(description="The latest refresh token.")],
    ) -> SignInPayload:
        try:
            result = await sessions.refresh(
                info.context.services,
                _authenticator(info).tokens,
                token[:MAX_REFRESH_TOKEN_LENGTH],
                info.context.principal.client_ip,
            )
        except sessions.InvalidRefreshToken as error:
            return _failed(error, "token")
        return _signed_in(result)

    @strawberry.mutation(
        description="End a session: revoke the given refresh token's session, or without one, "
        "every session of the signed-in user. Access tokens already issued expire on their own."
    )
    async def logout(
        self,
        info: Info,
        refresh_token: Annotated[
            str | None, strawberry.argument(description="The session's refresh token.")
        ] = None,
    ) -> LogoutPayload:
        principal = info.context.principal
        revoked = await sessions.sign_out(
            info.context.services,
            principal.user_id,
            refresh_token[:MAX_REFRESH_TOKEN_LENGTH] if refresh_token else None,
            principal.client_ip,
        )
        return LogoutPayload(revoked_sessions=revoked, user_errors=[])


@strawberry.type
class AccountQuery:
    @strawberry.field(
        description="The caller: user, organisation, role and the tier features it can use."
    )
    async def me(self, info: Info) -> Viewer:
        principal: Principal = info.context.principal
        user = organisation = None
        async with info.context.services.sessions() as session:
            if principal.user_id is not None:
                row = await repo.user_by_id(session, principal.user_id)
                user = User.from_row(row) if row else None
            if principal.organisation_id is not None:
                org = await repo.organisation_by_id(session, principal.organisation_id)
                organisation = Organisation.from_row(org) if org else None
        return Viewer(
            role=principal.role,
            user=user,
            organisation=organisation,
            features=unlocked_features(principal.tier, info.schema),
        )
