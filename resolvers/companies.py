"""Root fields for the company directory."""

from __future__ import annotations

from typing import Annotated

import strawberry

from core.errors import BadUserInput
from dataloaders.companies import CompanyPageRequest
from repositories.companies import CompanySearch
from schema.bounds import MAX_PAGE_SIZE, MAX_TICKER_LENGTH
from schema.context import Info
from schema.pagination import check_page_size, decode_cursor, encode_cursor
from schema.types.company import Company
from schema.types.company_filter import CompanyFilter
from schema.types.connection import Connection


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
        first: Annotated[
            int, strawberry.argument(description=f"Page size, at most {MAX_PAGE_SIZE}.")
        ] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor of the edge to start after.")
        ] = None,
        filter: Annotated[
            CompanyFilter | None,
            strawberry.argument(description="Criteria the companies must meet."),
        ] = None,
    ) -> Connection[Company]:
        check_page_size(first)
        after_ticker = decode_cursor("company", after) if after is not None else None
        search = filter.to_search() if filter else CompanySearch()
        page = await info.context.loaders.company_page_by_request.load(
            CompanyPageRequest(search, first, after_ticker)
        )
        loader = info.context.loaders.company_by_ticker
        for record in page.records:
            # Prime the loader so that peers naming these companies reuse the rows.
            loader.prime(record.ticker, record)
        return Connection.of(
            (
                (encode_cursor("company", record.ticker), Company.from_record(record))
                for record in page.records
            ),
            has_next_page=page.has_next_page,
            total_count=page.total_count,
        )
