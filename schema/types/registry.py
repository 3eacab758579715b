"""Entities of the Australian business registers (ABN Lookup, the ASIC company dataset)."""

from __future__ import annotations

from datetime import date

import strawberry

from providers import models
from schema.types.provenance import Provenance


@strawberry.type(description="A registered entity: a company (ACN) and/or a business (ABN).")
class RegistryEntity:
    abn: str | None = strawberry.field(description="Australian Business Number, 11 digits.")
    acn: str | None = strawberry.field(description="Australian Company Number, 9 digits.")
    entity_name: str = strawberry.field(description="The registered (current) name.")
    entity_type: str | None = strawberry.field(description="E.g. Australian Public Company.")
    status: str | None = strawberry.field(
        description="ABN status (Active, Cancelled) or ASIC company status (REGD, DRGD, ...)."
    )
    status_from: date | None = strawberry.field(
        description="When the status took effect (ABN Lookup), or the registration date (ASIC)."
    )
    gst_registered_from: date | None = strawberry.field(
        description="Registered for GST since; null when not registered or not known."
    )
    state: str | None = strawberry.field(description="State of the main business address.")
    postcode: str | None = strawberry.field(description="Postcode of the main business address.")
    business_names: list[str] = strawberry.field(description="Business names held.")
    provenance: Provenance = strawberry.field(description="Which register answered, and when.")

    @classmethod
    def from_model(cls, entity: models.RegistryEntity) -> RegistryEntity:
        return cls(
            abn=entity.abn,
            acn=entity.acn,
            entity_name=entity.entity_name,
            entity_type=entity.entity_type,
            status=entity.status,
            status_from=entity.status_from,
            gst_registered_from=entity.gst_registered_from,
            state=entity.state,
            postcode=entity.postcode,
            business_names=list(entity.business_names),
            provenance=Provenance.from_model(entity.provenance),
        )


@strawberry.type(description="One result of a registry search by name, best first.")
class RegistryNameMatch:
    abn: str | None = strawberry.field(description="The entity's ABN, when it has one.")
    acn: str | None = strawberry.field(description="The company's ACN, when it is a company.")
    name: str = strawberry.field(description="The matching name.")
    name_type: str | None = strawberry.field(
        description="Which name matched: Entity Name, Business Name, Trading Name..."
    )
    score: int | None = strawberry.field(description="ABN Lookup's match score (0-100).")
    state: str | None = strawberry.field(description="State of the main business address.")
    is_current: bool = strawberry.field(description="False for a former name.")
