"""A listed company, and its peers. Field resolvers only touch loaders."""

from __future__ import annotations

from typing import Annotated

import strawberry

from core.errors import BadUserInput
from repositories.companies import DirectoryEntry
from schema.bounds import MAX_COMPANY_PEERS, MAX_PAGE_SIZE
from schema.context import Info
from schema.enums import DataSource, GicsIndustryGroup
from schema.pagination import check_page_size, decode_cursor, encode_cursor
from schema.types.connection import Connection
from schema.types.filing import Filing
from schema.types.market import Financials, MarketData, Multiples
from schema.types.provenance import Provenance


@strawberry.type(description="A company listed on the ASX.")
class Company:
    ticker: str = strawberry.field(description="ASX code, upper case.")
    name: str = strawberry.field(description="Registered name as the ASX lists it.")
    gics_industry_group: GicsIndustryGroup | None = strawberry.field(
        description="GICS industry group; null for listings the ASX does not classify "
        "(funds, trusts, securities pending classification)."
    )
    acn: str | None = strawberry.field(
        description="Australian Company Number (9 digits); null until a registry source "
        "(ABN Lookup / ASIC) has supplied it."
    )
    abn: str | None = strawberry.field(
        description="Australian Business Number (11 digits); null until a registry source has "
        "supplied it."
    )
    provenance: Provenance = strawberry.field(
        description="Where the directory entry (name, code, industry group) came from."
    )

    @classmethod
    def from_record(cls, record: DirectoryEntry) -> Company:
        return cls(
            ticker=record.ticker,
            name=record.name,
            gics_industry_group=GicsIndustryGroup.from_label(record.gics_industry_group),
            acn=record.acn,
            abn=record.abn,
            provenance=Provenance(
                source=DataSource(record.listing_source),
                as_of=record.listing_as_of,
                synthetic=False,
                stale=False,
            ),
        )

    @strawberry.field(description="Latest market figures; null when no provider has them.")
    async def market_data(self, info: Info) -> MarketData | None:
        data = await info.context.loaders.market_data_by_ticker.load(self.ticker)
        return MarketData.from_model(data) if data else None

    @strawberry.field(description="Historical annual financial statements.")
    async def financials(self, info: Info) -> Financials | None:
        data = await info.context.loaders.financials_by_ticker.load(self.ticker)
        return Financials.from_model(data) if data else None

    @strawberry.field(description="Trading multiples on the latest fiscal year.")
    async def multiples(self, info: Info) -> Multiples | None:
        data = await info.context.loaders.multiples_by_ticker.load(self.ticker)
        return Multiples.from_model(data) if data else None

    @strawberry.field(
        description="Recent ASX announcements and periodic reports, newest first. Null (with a "
        "PROVIDER_UNAVAILABLE error) when the filings upstream cannot answer."
    )
    async def filings(
        self,
        info: Info,
        first: Annotated[
            int, strawberry.argument(description=f"Page size, at most {MAX_PAGE_SIZE}.")
        ] = 10,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor of the edge to start after.")
        ] = None,
    ) -> Connection[Filing] | None:
        check_page_size(first)
        filings = await info.context.loaders.filings_by_ticker.load(self.ticker)
        start = 0
        if after is not None:
            after_id = decode_cursor("filing", after)
            ids = [filing.id for filing in filings]
            if after_id not in ids:
                raise BadUserInput(
                    "`after` is not a cursor of this company's filings.", argument="after"
                )
            start = ids.index(after_id) + 1
        return Connection.of(
            (
                (encode_cursor("filing", f.id), Filing.from_model(f))
                for f in filings[start : start + first]
            ),
            has_next_page=start + first < len(filings),
            total_count=len(filings),
        )

    @strawberry.field(
        description="The board, as the ASX lists it (live ASX only: the sample dataset holds no "
        "names of real people, so it is empty there). Null with PROVIDER_UNAVAILABLE when the ASX "
        "cannot answer."
    )
    async def directors(self, info: Info) -> list[Director] | None:
        board = await info.context.loaders.directors_by_ticker.load(self.ticker)
        return [Director(name=member.name, title=member.title) for member in board]

    @strawberry.field(
        description="Listed peers in the same GICS industry group, closest in size first; the "
        "company itself is never its own peer. Null (with a PROVIDER_UNAVAILABLE error) when the "
        "peer upstream cannot answer."
    )
    async def peers(
        self,
        info: Info,
        first: Annotated[
            int, strawberry.argument(description=f"How many, at most {MAX_COMPANY_PEERS}.")
        ] = 10,
    ) -> list[Peer] | None:
        check_page_size(first, MAX_COMPANY_PEERS)
        candidates = list(await info.context.loaders.peers_by_ticker.load(self.ticker))[:first]
        records = await info.context.loaders.company_by_ticker.load_many(
            [candidate.ticker for candidate in candidates]
        )
        return [
            Peer(company=Company.from_record(record), similarity=candidate.similarity)
            for candidate, record in zip(candidates, records, strict=True)
            if record is not None
        ]


@strawberry.type(description="A member of a listed company's board, as the ASX lists it.")
class Director:
    name: str = strawberry.field(description="The director's name as published.")
    title: str | None = strawberry.field(
        description='The role as published, e.g. "Non-Executive Chairman".'
    )


@strawberry.type(description="A comparable listed company.")
class Peer:
    company: Company = strawberry.field(description="The peer company.")
    similarity: float = strawberry.field(
        description="Similarity to the subject company in (0, 1]: same industry group, closer "
        "in market capitalisation scores higher."
    )

    @strawberry.field(description="The peer's trading multiples on its latest fiscal year.")
    async def multiples(self, info: Info) -> Multiples | None:
        data = await info.context.loaders.multiples_by_ticker.load(self.company.ticker)
        return Multiples.from_model(data) if data else None
