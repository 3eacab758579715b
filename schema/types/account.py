"""The caller, their organisation, and the results of sign-in mutations."""

from __future__ import annotations

import strawberry

from models.accounts import Organisation as OrganisationRow
from models.accounts import UserAccount
from schema.enums import AccountErrorCode, Feature, Role, Tier


@strawberry.type(description="A person who signs in. Users belong to one organisation.")
class User:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    email: str = strawberry.field(description="Sign-in e-mail address, lower case.")

    @classmethod
    def from_row(cls, row: UserAccount) -> User:
        return cls(id=strawberry.ID(str(row.id)), email=row.email)


@strawberry.type(description="A customer of the platform: it owns valuations and API keys.")
class Organisation:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    name: str = strawberry.field(description="Organisation name.")
    tier: Tier = strawberry.field(description="Subscription tier.")

    @classmethod
    def from_row(cls, row: OrganisationRow) -> Organisation:
        return cls(id=strawberry.ID(str(row.id)), name=row.name, tier=Tier(row.tier))


@strawberry.type(
    description="Why `login`, `refreshToken` or `logout` refused; the caller can fix it."
)
class AccountError:
    field: list[str] | None = strawberry.field(description="Path of the offending argument.")
    code: AccountErrorCode = strawberry.field(description="Stable machine-readable code.")
    message: str = strawberry.field(description="Human-readable explanation.")


@strawberry.type(description="The result of `login` and `refreshToken`.")
class SignInPayload:
    access_token: str | None = strawberry.field(
        description="JWT for `Authorization: Bearer`; valid for `expiresIn` seconds."
    )
    refresh_token: str | None = strawberry.field(
        description="Single-use token for `refreshToken`; using it twice revokes the session."
    )
    expires_in: int | None = strawberry.field(description="Seconds until the access token expires.")
    user: User | None = strawberry.field(description="The signed-in user.")
    user_errors: list[AccountError] = strawberry.field(description="Why sign-in failed, if it did.")


@strawberry.type(description="The result of `logout`.")
class LogoutPayload:
    revoked_sessions: int = strawberry.field(description="Refresh tokens revoked.")
    user_errors: list[AccountError] = strawberry.field(description="Why logout failed, if it did.")


@strawberry.type(description="Who is calling, and what their tier allows.")
class Viewer:
    role: Role = strawberry.field(description="How the caller is authenticated.")
    user: User | None = strawberry.field(description="The user, when signed in as one.")
    organisation: Organisation | None = strawberry.field(description="The caller's organisation.")
    features: list[Feature] = strawberry.field(
        description="Features of the organisation's tier that unlock something today, e.g. "
        "scenario_modelling, advanced_analytics, api_access. A field that needs a feature the "
        "tier lacks is null with FEATURE_NOT_IN_TIER."
    )
