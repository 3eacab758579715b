"""The caller's provider connections. Owned by their organisation: another organisation's reads
like a missing one."""

from __future__ import annotations

from typing import Annotated

import strawberry

from models.connections import ProviderConnection as ProviderConnectionRow
from repositories.owned import get_owned, list_owned
from schema.context import Info
from schema.ids import decode_id
from schema.types.provider_connection import ProviderConnection


@strawberry.type
class ConnectionQuery:
    @strawberry.field(description="The caller's organisation's provider connections.")
    async def provider_connections(self, info: Info) -> list[ProviderConnection]:
        async with info.context.services.sessions() as session:
            rows = await list_owned(
                session, ProviderConnectionRow, info.context.principal.organisation_id
            )
        return [ProviderConnection.from_row(row) for row in rows]

    @strawberry.field(description="One provider connection by ID; null when unknown.")
    async def provider_connection(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Its opaque ID.")],
    ) -> ProviderConnection | None:
        connection_id = decode_id("ProviderConnection", id)
        if connection_id is None:
            return None
        async with info.context.services.sessions() as session:
            row = await get_owned(
                session,
                ProviderConnectionRow,
                connection_id,
                info.context.principal.organisation_id,
            )
        return ProviderConnection.from_row(row) if row else None
