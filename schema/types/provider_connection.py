"""An organisation's connection to an accounting or CRM provider. Tokens never leave the server."""

from __future__ import annotations

from datetime import datetime

import strawberry

from models.connections import ProviderConnection as ProviderConnectionRow
from schema.ids import encode_id


@strawberry.type(
    description="A connection of the caller's organisation to a provider such as Xero. Its OAuth "
    "tokens are stored encrypted and are never returned."
)
class ProviderConnection:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    provider: str = strawberry.field(description="The provider: xero or salesforce.")
    external_tenant_id: str = strawberry.field(
        description="The organisation's identifier at the provider (a Xero tenant, say)."
    )
    connected_at: datetime = strawberry.field(description="When the connection was made.")
    expires_at: datetime | None = strawberry.field(
        description="When the current access token expires; it is refreshed automatically."
    )

    @classmethod
    def from_row(cls, row: ProviderConnectionRow) -> ProviderConnection:
        return cls(
            id=strawberry.ID(encode_id("ProviderConnection", row.id)),
            provider=row.provider,
            external_tenant_id=row.external_tenant_id,
            connected_at=row.created_at,
            expires_at=row.expires_at,
        )
