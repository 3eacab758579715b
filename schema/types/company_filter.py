"""The criteria that narrow the company directory (`companies(filter:)`)."""

from __future__ import annotations

import strawberry

from core.errors import BadUserInput
from repositories.companies import CompanySearch
from schema.bounds import MAX_SEARCH_LENGTH
from schema.enums import GicsIndustryGroup


@strawberry.input(description="Narrows the company directory. Criteria combine with AND.")
class CompanyFilter:
    industry_group: GicsIndustryGroup | None = strawberry.field(
        default=None, description="Only companies in this GICS industry group."
    )
    search: str | None = strawberry.field(
        default=None, description="Case-insensitive substring of the name or the ticker."
    )
    min_market_cap: float | None = strawberry.field(
        default=None, description="Smallest market capitalisation, AUD, inclusive."
    )
    max_market_cap: float | None = strawberry.field(
        default=None, description="Largest market capitalisation, AUD, inclusive."
    )

    def to_search(self) -> CompanySearch:
        if self.search is not None and len(self.search) > MAX_SEARCH_LENGTH:
            raise BadUserInput(
                f"`search` has at most {MAX_SEARCH_LENGTH} characters.", field=["filter", "search"]
            )
        return CompanySearch(
            industry_group=self.industry_group.value if self.industry_group else None,
            text=self.search.strip() if self.search else None,
            min_market_cap=self.min_market_cap,
            max_market_cap=self.max_market_cap,
        )
