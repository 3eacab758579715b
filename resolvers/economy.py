"""Root fields for economic data."""

from __future__ import annotations

import strawberry

from schema.types.economy import EconomicIndicators


@strawberry.type
class EconomyQuery:
    @strawberry.field(description="Headline Australian rates and inflation from the RBA.")
    def economic_indicators(self) -> EconomicIndicators:
        return EconomicIndicators()
