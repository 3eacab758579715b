"""Turn the credentials of a request into a `Principal`.

`Authorization: Bearer <access token>` acts as the user; `X-API-Key` acts as the key's organisation
with the partner role (its tier must include API access). Without credentials the caller is
anonymous, except in development, where it acts as the development user so that GraphiQL works
with no sign-in. Bad credentials are an error, never a silent fall-back to anonymous.
"""

from __future__ import annotations

from accounts.api_keys import matches, prefix_of
from accounts.principal import Principal, Role, anonymous
from accounts.tiers import Feature, Tier, policy_for
from accounts.tokens import AccessTokens, InvalidToken
from core.errors import FeatureNotInTier, Unauthenticated
from repositories.accounts import api_key_with_organisation
from runtime.services import Services


class Authenticator:
    def __init__(
        self,
        services: Services,
        tokens: AccessTokens,
        development_principal: Principal | None = None,
    ) -> None:
        self._services = services
        self.tokens = tokens
        self.development_principal = development_principal

    async def authenticate(
        self, authorization: str | None, api_key: str | None, client_ip: str
    ) -> Principal:
        if authorization:
            return self._from_bearer(authorization, client_ip)
        if api_key:
            return await self._from_api_key(api_key, client_ip)
        if self.development_principal is not None:
            return Principal(
                role=self.development_principal.role,
                client_ip=client_ip,
                organisation_id=self.development_principal.organisation_id,
                user_id=self.development_principal.user_id,
                tier=self.development_principal.tier,
            )
        return anonymous(client_ip)

    def _from_bearer(self, authorization: str, client_ip: str) -> Principal:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("Send `Authorization: Bearer <access token>`.")
        try:
            claims = self.tokens.verify(token.strip())
        except InvalidToken as error:
            raise Unauthenticated("The access token is not valid or has expired.") from error
        return Principal(
            role=Role.USER,
            client_ip=client_ip,
            organisation_id=claims.organisation_id,
            user_id=claims.user_id,
            tier=claims.tier,
            expires_at=claims.expires_at,
        )

    async def _from_api_key(self, api_key: str, client_ip: str) -> Principal:
        prefix = prefix_of(api_key.strip())
        found = None
        if prefix is not None:
            async with self._services.sessions() as session:
                found = await api_key_with_organisation(session, prefix)
        if (
            found is None
            or found[0].revoked_at is not None
            or not matches(api_key.strip(), found[0].secret_hash)
        ):
            raise Unauthenticated("The API key is not valid.")
        key, organisation = found
        tier = Tier(organisation.tier)
        if not policy_for(tier).allows(Feature.API_ACCESS):
            raise FeatureNotInTier(
                f"The {tier.value} tier does not include API access.", feature="api_access"
            )
        return Principal(
            role=Role.PARTNER,
            client_ip=client_ip,
            organisation_id=organisation.id,
            api_key_id=key.id,
            tier=tier,
        )
