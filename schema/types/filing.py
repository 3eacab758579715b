"""Filings: announcements and periodic reports lodged with the ASX."""

from __future__ import annotations

from datetime import datetime

import strawberry

from providers import models
from schema.types.provenance import Provenance


@strawberry.type(description="An announcement or periodic report lodged with the ASX.")
class Filing:
    id: strawberry.ID = strawberry.field(description="Stable identifier of the filing.")
    title: str = strawberry.field(description="Headline as lodged.")
    document_type: str = strawberry.field(
        description="ASX document category, e.g. 'Annual Report' or 'Quarterly Activities Report'."
    )
    released_at: datetime = strawberry.field(description="Release time to the market.")
    price_sensitive: bool = strawberry.field(
        description="Whether the ASX marked the announcement price sensitive."
    )
    url: str | None = strawberry.field(description="Link to the document, when one exists.")
    provenance: Provenance = strawberry.field(description="Where this filing record came from.")

    @classmethod
    def from_model(cls, filing: models.Filing) -> Filing:
        return cls(
            id=strawberry.ID(filing.id),
            title=filing.title,
            document_type=filing.document_type,
            released_at=filing.released_at,
            price_sensitive=filing.price_sensitive,
            url=filing.url,
            provenance=Provenance.from_model(filing.provenance),
        )
