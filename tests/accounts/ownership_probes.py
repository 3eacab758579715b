"""How to create one object of each owned type and read it back through the API.

`test_ownership.py` checks organisation isolation for every entry, and fails when a table is
declared owned (`models/ownership.py`) without an entry here, so no owned type goes unchecked.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from core.secret_box import SecretBox
from repositories.connections import ProviderTokens, add_connection
from runtime.services import Services
from schema.ids import encode_id


@dataclass(frozen=True)
class OwnedTypeProbe:
    create: Callable[[Services, uuid.UUID], Awaitable[str]]  # returns the object's opaque ID
    single_query: str  # takes $id, selects the object as `object { id }`
    list_query: str  # selects the objects as `objects { id }`


async def _create_provider_connection(services: Services, organisation_id: uuid.UUID) -> str:
    async with services.sessions.begin() as session:
        row = await add_connection(
            session,
            SecretBox(services.settings),
            organisation_id,
            "xero",
            f"tenant-{uuid.uuid4().hex[:8]}",
            ProviderTokens("access-secret", "refresh-secret", None),
        )
    return encode_id("ProviderConnection", row.id)


PROBES: dict[str, OwnedTypeProbe] = {
    "provider_connection": OwnedTypeProbe(
        create=_create_provider_connection,
        single_query="query ($id: ID!) { object: providerConnection(id: $id) { id } }",
        list_query="{ objects: providerConnections { id } }",
    ),
}


async def _create_valuation_job(services: Services, organisation_id: uuid.UUID) -> str:
    from contracts.valuation_input import StoredValuation, ValuationJobInput
    from repositories.valuations import add_job

    inputs = ValuationJobInput(
        gics_industry_group="Software & Services",
        valuation=StoredValuation(
            company_name="Isolated Pty Ltd",
            history=[],
            net_debt=0.0,
            pre_offer_shares=1e6,
            primary_raise=1e6,
        ),
    )
    async with services.sessions.begin() as session:
        job = await add_job(session, inputs, organisation_id=organisation_id)
    return encode_id("ValuationJob", job.id)


PROBES["valuation_job"] = OwnedTypeProbe(
    create=_create_valuation_job,
    single_query="query ($id: ID!) { object: valuation(id: $id) { id } }",
    list_query="{ objects: valuations { id } }",
)
