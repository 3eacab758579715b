"""Root fields over the business registers: ABN Lookup when it is live, the imported ASIC
snapshot otherwise (and for companies ABN Lookup does not know)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from core.errors import BadUserInput
from providers.abr.identifiers import classify, normalise
from repositories import registry as snapshot
from schema.bounds import MAX_REGISTRY_MATCHES, MIN_REGISTRY_NAME_LENGTH
from schema.context import Info
from schema.pagination import check_page_size
from schema.types.registry import RegistryEntity, RegistryNameMatch


@strawberry.type
class RegistryQuery:
    @strawberry.field(
        description="A registered entity by ABN (11 digits) or ACN (9 digits); spaces allowed. "
        "Null when no register knows it. A number whose check digits are wrong is BAD_USER_INPUT."
    )
    async def registry_entity(
        self,
        info: Info,
        identifier: Annotated[str, strawberry.argument(description="An ABN or an ACN.")],
    ) -> RegistryEntity | None:
        digits = normalise(identifier)
        if classify(digits) is None:
            raise BadUserInput(
                "Not a valid ABN (11 digits) or ACN (9 digits): the check digits do not match.",
                argument="identifier",
            )
        services = info.context.services
        found = await services.providers.registry.entities([digits])
        if digits in found:
            return RegistryEntity.from_model(found[digits])
        async with services.sessions() as session:
            stored = await snapshot.entities_by_identifiers(session, [digits])
        return RegistryEntity.from_model(stored[digits]) if digits in stored else None

    @strawberry.field(
        description="Registered names matching `name`, best first: ABN Lookup when it is live, "
        "else the company names of the imported ASIC snapshot."
    )
    async def registry_search(
        self,
        info: Info,
        name: Annotated[
            str, strawberry.argument(description=f"At least {MIN_REGISTRY_NAME_LENGTH} characters.")
        ],
        first: Annotated[
            int, strawberry.argument(description=f"How many, at most {MAX_REGISTRY_MATCHES}.")
        ] = 10,
    ) -> list[RegistryNameMatch]:
        check_page_size(first, MAX_REGISTRY_MATCHES)
        if len(name.strip()) < MIN_REGISTRY_NAME_LENGTH:
            raise BadUserInput(
                f"Search for at least {MIN_REGISTRY_NAME_LENGTH} characters.", argument="name"
            )
        services = info.context.services
        matches = await services.providers.registry.search_names(name, first)
        if matches:
            return [
                RegistryNameMatch(
                    abn=m.abn,
                    acn=None,
                    name=m.name,
                    name_type=m.name_type,
                    score=m.score,
                    state=m.state,
                    is_current=m.is_current,
                )
                for m in matches
            ]
        async with services.sessions() as session:
            companies = await snapshot.search_names(session, name, first)
        return [
            RegistryNameMatch(
                abn=c.abn,
                acn=c.acn,
                name=c.entity_name,
                name_type="Entity Name",
                score=None,
                state=None,
                is_current=True,
            )
            for c in companies
        ]
