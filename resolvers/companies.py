"""Root fields for the company directory."""

from __future__ import annotations

from typing import Annotated

import strawberry

from core.errors import BadUserInput
from dataloaders.companies import CompanyPageRequest
from repositories.companies import CompanySearch
from schema.context import Info
from schema.enums import GicsIndustryGroup
from schema.pagination import PageInfo, check_page_size, decode_cursor, encode_cursor
from schema.types.company import Company

MAX_TICKER_LENGTH = 12
MAX_SEARCH_LENGTH = 100


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
                f"`search` has at most {MAX_SEARCH_LENGTH} characters.", argument="filter.search"
            )
        return CompanySearch(
            industry_group=self.industry_group.value if self.industry_group else None,
            text=self.search.strip() if self.search else None,
            min_market_cap=self.min_market_cap,
            max_market_cap=self.max_market_cap,
        )


@strawberry.type(description="An edge in a company connection.")
class CompanyEdge:
    cursor: str = strawberry.field(description="Opaque cursor of this edge.")
    node: Company = strawberry.field(description="The company.")


@strawberry.type(description="A page of companies, ordered by ticker.")
class CompanyConnection:
    edges: list[CompanyEdge] = strawberry.field(description="The companies of this page.")
    page_info: PageInfo = strawberry.field(description="Pagination state.")
    total_count: int = strawberry.field(description="Number of companies matching the filter.")


@strawberry.type
class CompanyQuery:
    @strawberry.field(
        description="A listed company by ASX code, case-insensitive; null if unknown."
    )
    async def company(
        self,
        info: Info,
        ticker: Annotated[str, strawberry.argument(description="ASX code, e.g. 'BHP'.")],
    ) -> Company | None:
        if len(ticker) > MAX_TICKER_LENGTH:
            raise BadUserInput(
                f"`ticker` has at most {MAX_TICKER_LENGTH} characters.", argument="ticker"
            )
        record = await info.context.loaders.company_by_ticker.load(ticker.strip().upper())
        return Company.from_record(record) if record else None

    @strawberry.field(description="The directory of listed companies, paged by ticker.")
    async def companies(
        self,
        info: Info,
        first: Annotated[int, strawberry.argument(description="Page size, at most 100.")] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor of the edge to start after.")
        ] = None,
        filter: Annotated[
            CompanyFilter | None,
            strawberry.argument(description="Criteria the companies must meet."),
        ] = None,
    ) -> CompanyConnection:
        check_page_size(first)
        after_ticker = decode_cursor("company", after) if after is not None else None
        search = filter.to_search() if filter else CompanySearch()
        page = await info.context.loaders.company_page_by_request.load(
            CompanyPageRequest(search, first, after_ticker)
        )
        loader = info.context.loaders.company_by_ticker
        edges = []
        for record in page.records:
            # Prime the loader so that peers naming these companies reuse the rows.
            loader.prime(record.ticker, record)
            edges.append(
                CompanyEdge(
                    cursor=encode_cursor("company", record.ticker), node=Company.from_record(record)
                )
            )
        return CompanyConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next_page, end_cursor=edges[-1].cursor if edges else None
            ),
            total_count=page.total_count,
        )
