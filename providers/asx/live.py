"""The live ASX adapter: the listed-companies file and the research API behind the ASX website.

ASX's terms of use forbid commercial redistribution of its data. The adapter is opt-in: whoever
turns it on must hold the rights to use the data the way they do.

It implements `CompanyDirectoryProvider` (the listed-companies CSV), `MarketDataProvider` (company
header and key statistics), `FilingsProvider` (announcements) and `directors` (the company's about
page). The `Upstream` it is given retries, paces and caches; this module only translates. A code
the ASX does not know (HTTP 400) is absent from the answer. One company's failure costs only that
company: the others are returned as `ProviderUnavailable.partial`.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Final, TypeVar

from core.errors import ProviderError, ProviderUnavailable
from providers.asx.listing import ListingParseError, parse_asx_listing
from providers.asx.markit import (
    SYDNEY,
    UPSTREAM,
    Announcement,
    CompanyHeader,
    KeyStatistics,
    company_path,
    parse_about,
    parse_announcements,
    parse_header,
    parse_key_statistics,
)
from providers.http.upstream import Upstream
from providers.models import (
    CompanyProfile,
    DataSource,
    Director,
    Filing,
    MarketData,
    Provenance,
)

__all__ = ["ASX_BASE_URL", "ASX_LISTING_URL", "AsxProvider"]

ASX_BASE_URL: Final = "https://asx.api.markitdigital.com"
ASX_LISTING_URL: Final = "https://www.asx.com.au/asx/research/ASXListedCompanies.csv"
DEFAULT_ANNOUNCEMENTS: Final = 20
# ASX codes are letters and digits; anything else is not a code and is never put in a URL.
_CODE: Final = re.compile(r"[A-Za-z0-9]{1,6}")
_UNKNOWN_CODE: Final = 400

T = TypeVar("T")


def sydney_today() -> date:
    return datetime.now(SYDNEY).date()


class AsxProvider:
    def __init__(
        self,
        upstream: Upstream,
        listing_path: str = ASX_LISTING_URL,
        *,
        announcements: int = DEFAULT_ANNOUNCEMENTS,
        today: Callable[[], date] = sydney_today,
        max_concurrency: int = 8,
    ) -> None:
        """`listing_path` is the listed-companies file: a full URL, or a path relative to the
        upstream's base URL. `announcements` is the `count` asked of the announcements endpoint.
        `today` dates figures the payload does not date itself (market data, filings)."""
        self._upstream = upstream
        self._listing_path = listing_path
        self._announcements = announcements
        self._today = today
        # Companies fetched at once. The endpoints are per company, so a batch of hundreds must
        # not put hundreds of requests in flight: when the ASX is down, the first few failures
        # open the circuit and the rest are refused at once instead of queueing for retries.
        self._slots = asyncio.Semaphore(max(1, max_concurrency))

    async def list_companies(self) -> Sequence[CompanyProfile]:
        response = await self._upstream.get(self._listing_path)
        if response.status_code != 200:
            raise _error(f"listed-companies file: HTTP {response.status_code}")
        try:
            as_of, listed = parse_asx_listing(response.content)
        except ListingParseError as exc:
            raise _error(f"listed-companies file: {exc}") from None
        provenance = Provenance(DataSource.ASX, as_of or self._today())
        return [
            CompanyProfile(
                row.ticker,
                row.name,
                row.gics_industry_group,
                provenance,
                market_cap=row.market_cap,
            )
            for row in listed
        ]

    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        return await self._each(tickers, self._market_data, "market data")

    async def filings(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Filing]]:
        return await self._each(tickers, self._filings, "announcements")

    async def directors(self, tickers: Sequence[str]) -> Mapping[str, tuple[Director, ...]]:
        """The board of each company, in the order the ASX lists it."""
        return await self._each(tickers, self._directors, "directors")

    async def _market_data(self, code: str) -> MarketData | None:
        header_raw, statistics_raw = await _both(
            self._fetch(code, "header"), self._fetch(code, "key-statistics")
        )
        if header_raw is None or statistics_raw is None:
            return None
        header = parse_header(header_raw, code)
        statistics = parse_key_statistics(statistics_raw, code)
        as_of = self._today()
        price, shares, market_cap = _market_figures(header, statistics)
        return MarketData(
            ticker=code.upper(),
            price=price,
            shares_outstanding=shares,
            market_cap=market_cap,
            enterprise_value=None,  # not published by the ASX
            beta=None,  # not published by the ASX
            as_of=as_of,
            provenance=Provenance(DataSource.ASX, as_of),
        )

    async def _filings(self, code: str) -> tuple[Filing, ...] | None:
        raw = await self._fetch(code, "announcements", {"count": str(self._announcements)})
        if raw is None:
            return None
        provenance = Provenance(DataSource.ASX, self._today())
        return tuple(_filing(code, item, provenance) for item in parse_announcements(raw, code))

    async def _directors(self, code: str) -> tuple[Director, ...] | None:
        raw = await self._fetch(code, "about")
        return None if raw is None else parse_about(raw, code).directors

    async def _fetch(
        self, code: str, endpoint: str, params: Mapping[str, str] | None = None
    ) -> bytes | None:
        """The body of one company endpoint, or None when the ASX does not know the code."""
        response = await self._upstream.get(company_path(code, endpoint), params=params)
        if response.status_code == _UNKNOWN_CODE:
            return None
        if response.status_code != 200:
            raise _error(f"{code.upper()} {endpoint}: HTTP {response.status_code}")
        return response.content

    async def _each(
        self,
        tickers: Sequence[str],
        fetch: Callable[[str], Awaitable[T | None]],
        what: str,
    ) -> dict[str, T]:
        """`fetch` for every distinct well-formed ticker, concurrently, keyed by the ticker as
        given. Failed tickers are reported together once the others are in."""
        keys = [ticker for ticker in dict.fromkeys(tickers) if _CODE.fullmatch(ticker)]

        async def limited(key: str) -> T | None:
            async with self._slots:
                return await fetch(key)

        results = await asyncio.gather(*(limited(key) for key in keys), return_exceptions=True)
        found: dict[str, T] = {}
        failed: dict[str, ProviderError | ProviderUnavailable] = {}
        for key, result in zip(keys, results, strict=True):
            if isinstance(result, ProviderError | ProviderUnavailable):
                failed[key] = result
            elif isinstance(result, BaseException):
                raise result
            elif result is not None:
                found[key] = result
        if failed:
            raise _batch_failure(what, found, failed)
        return found


def _market_figures(header: CompanyHeader, statistics: KeyStatistics) -> tuple[float, float, float]:
    """Price, shares outstanding and market capitalisation. The price is the last sale, else the
    ask; market capitalisation and shares are as published, one derived from the other and the
    price only when the ASX gives just one of them."""
    price = next(
        (
            p
            for p in (header.price_last, header.price_ask, statistics.price_ask)
            if p is not None and p > 0
        ),
        None,
    )
    if price is None:
        raise _error(f"{header.code} header: no positive priceLast or priceAsk")
    shares = statistics.shares_outstanding
    market_cap = header.market_cap
    if shares is None and market_cap is not None:
        shares = market_cap / price
    if market_cap is None and shares is not None:
        market_cap = price * shares
    if shares is None or market_cap is None:
        raise _error(f"{header.code}: neither numOfShares nor marketCap is published")
    return price, shares, market_cap


def _filing(code: str, item: Announcement, provenance: Provenance) -> Filing:
    return Filing(
        id=item.document_key,
        ticker=code.upper(),
        title=item.headline,
        document_type=item.announcement_type or "",
        released_at=item.released_at,
        price_sensitive=item.price_sensitive,
        # The document key does not identify the PDF (it is not the ASX `idsId`), so without a
        # URL in the payload there is none to give.
        url=item.url,
        provenance=provenance,
    )


async def _both(first: Awaitable[T], second: Awaitable[T]) -> tuple[T, T]:
    """Await both concurrently; if either fails, raise its error once both have finished."""
    one, other = await asyncio.gather(first, second, return_exceptions=True)
    if isinstance(one, BaseException):
        raise one
    if isinstance(other, BaseException):
        raise other
    return one, other


def _batch_failure(
    what: str,
    found: Mapping[str, object],
    failed: Mapping[str, ProviderError | ProviderUnavailable],
) -> ProviderError | ProviderUnavailable:
    tickers = sorted(failed)
    reasons = "; ".join(failed[ticker].message for ticker in tickers[:5])
    more = f" (and {len(tickers) - 5} more)" if len(tickers) > 5 else ""
    message = f"{UPSTREAM} {what} failed for {', '.join(tickers)}: {reasons}{more}"
    if not found and all(isinstance(error, ProviderError) for error in failed.values()):
        # Nothing to serve and nothing transient: the answers themselves are unreadable.
        return ProviderError(message, upstream=UPSTREAM, tickers=tickers)
    return ProviderUnavailable(message, partial=found, upstream=UPSTREAM, tickers=tickers)


def _error(problem: str) -> ProviderError:
    return ProviderError(f"{UPSTREAM} {problem}", upstream=UPSTREAM)
