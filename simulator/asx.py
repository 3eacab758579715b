"""The ASX: the markitdigital research API behind asx.com.au, and the listed-companies file.

Served under `/asx`, so that the base URL stands for https://asx.api.markitdigital.com and
`/asx/research/ASXListedCompanies.csv` for the file on www.asx.com.au.
"""

from __future__ import annotations

from datetime import date
from hashlib import sha256
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from providers.models import CompanyProfile, Filing, FinancialPeriod, MarketData
from providers.sample.draws import SeededDraws
from providers.sample.provider import DATA_DIR, LISTING_FILE
from simulator.gics import SECTOR_OF_GROUP
from simulator.recordings import recorded_json
from simulator.state import SimulatorState

COMPANIES: Final = "/asx-research/1.0/companies/{code}"
LISTING_PATH: Final = "/asx/research/ASXListedCompanies.csv"
# The live feed answers the latest five announcements whatever `count` asks for.
ANNOUNCEMENT_LIMIT: Final = 5
_EXCEL_EPOCH: Final = date(1899, 12, 30)
_NOT_CLASSIFIED: Final = "Not Applic"


def excel_serial(day: date) -> int:
    """The spreadsheet day number the API gives fiscal period ends in (46203 = 30 June 2026)."""
    return (day - _EXCEL_EPOCH).days


class AsxRoutes:
    def __init__(self, state: SimulatorState, listing: bytes | None) -> None:
        self._state = state
        self._listing = listing

    async def header(self, request: Request) -> Response:
        found = await self._company(request)
        if isinstance(found, Response):
            return found
        market = (await self._state.directory.source.market_data([found.ticker]))[found.ticker]
        return _data(header_data(found, market))

    async def key_statistics(self, request: Request) -> Response:
        found = await self._company(request)
        if isinstance(found, Response):
            return found
        source = self._state.directory.source
        market = (await source.market_data([found.ticker]))[found.ticker]
        statements = (await source.financials([found.ticker]))[found.ticker]
        return _data(key_statistics_data(market, statements.periods))

    async def about(self, request: Request) -> Response:
        found = await self._company(request)
        if isinstance(found, Response):
            return found
        return _data(about_data(found))

    async def announcements(self, request: Request) -> Response:
        found = await self._company(request)
        if isinstance(found, Response):
            return found
        try:
            count = int(request.query_params.get("count", str(ANNOUNCEMENT_LIMIT)))
        except ValueError:
            return _bad_request("count must be a whole number")
        filings = (await self._state.directory.source.filings([found.ticker]))[found.ticker]
        items = [announcement_item(f) for f in filings[: max(0, min(count, ANNOUNCEMENT_LIMIT))]]
        return _data(
            {
                "displayName": found.name,
                "issueType": "CS",
                "items": items,
                "symbol": found.ticker,
                "xid": _xid(found.ticker),
            }
        )

    async def listing(self, request: Request) -> Response:
        if self._listing is not None:
            body = self._listing
        else:
            body = render_listing(list((await self._state.directory.companies()).values()))
        return Response(body, headers={"content-type": "text/csv"})

    async def retired(self, request: Request) -> Response:
        """The old www.asx.com.au/asx/1/ API, retired: every call is its recorded 404."""
        return JSONResponse(recorded_json("asx/legacy_asx1_retired_404.json"), status_code=404)

    async def _company(self, request: Request) -> CompanyProfile | Response:
        code = request.path_params["code"]
        company = await self._state.directory.company(code)
        if company is None:
            # The live API answers HTTP 400 for a code it does not know; its body is unrecorded.
            return _bad_request(f"Invalid or unknown company code: {code}")
        return company


def default_listing() -> bytes:
    """The real listed-companies file the sample dataset is built from, byte for byte."""
    return (DATA_DIR / LISTING_FILE).read_bytes()


def render_listing(companies: list[CompanyProfile]) -> bytes:
    """The listed-companies file layout for another source's companies."""
    as_of = min((c.provenance.as_of for c in companies), default=date(2025, 12, 5))
    lines = [
        f"ASX listed companies as at {as_of:%a %b %d} 08:00:00 AEDT {as_of:%Y}",
        "",
        "Company name,ASX code,GICS industry group",
    ]
    for c in sorted(companies, key=lambda c: c.name):
        name = c.name.replace('"', '""')
        lines.append(f'"{name}","{c.ticker}","{c.gics_industry_group or _NOT_CLASSIFIED}"')
    return ("\n".join(lines) + "\n").encode("utf-8")


def header_data(company: CompanyProfile, market: MarketData) -> dict[str, Any]:
    day = SeededDraws(company.ticker, "simulator:trading-day")
    step = _tick(market.price)
    change = round(day.integer(-3, 3) * step, 3)
    previous = max(round(market.price - change, 3), step)
    return {
        "symbol": company.ticker,
        "displayName": company.name,
        "xid": _xid(company.ticker),
        "securityType": 1,
        "sector": SECTOR_OF_GROUP.get(company.gics_industry_group or "", _NOT_CLASSIFIED),
        "industryGroup": company.gics_industry_group or _NOT_CLASSIFIED,
        "priceLast": market.price,
        "priceAsk": round(market.price + step, 3),
        "priceBid": market.price,
        "priceChange": change,
        "priceChangePercent": round(change / previous * 100, 4),
        "priceDayHigh": max(market.price, previous),
        "priceDayLow": min(market.price, previous),
        "volume": int(market.shares_outstanding * day.uniform(0.0002, 0.004)),
        "marketCap": round(market.market_cap),
    }


def key_statistics_data(market: MarketData, periods: tuple[FinancialPeriod, ...]) -> dict[str, Any]:
    return {
        "priceAsk": round(market.price + _tick(market.price), 3),
        "numOfShares": round(market.shares_outstanding),
        "marketCap": round(market.market_cap),
        "incomeStatement": [
            {
                "period": f"{p.fiscal_year_end.year}A",
                "fPeriodEndDate": excel_serial(p.fiscal_year_end),
                "revenue": round(p.revenue),
                "netIncome": round(p.net_income),
            }
            for p in reversed(periods)
        ],
    }


def about_data(company: CompanyProfile) -> dict[str, Any]:
    """A profile whose people are named "Simulated ...", so that none passes for a real one."""
    group = company.gics_industry_group or "no GICS"
    board = SeededDraws(company.ticker, "simulator:board")
    directors = [{"name": "Simulated Director 1", "title": "Non-Executive Chairman"}]
    directors.append({"name": "Simulated Director 2", "title": "Managing Director and CEO"})
    directors += [
        {"name": f"Simulated Director {n}", "title": "Non-Executive Director"}
        for n in range(3, 3 + board.integer(1, 5))
    ]
    return {
        "displayName": company.name,
        "description": (
            f"{company.name} is listed on the ASX ({group} industry group). Simulated profile: "
            "every figure served for this company is synthetic."
        ),
        "websiteUrl": f"https://www.example.com/{company.ticker.lower()}",
        "directors": directors,
        "secretaries": [{"name": "Simulated Secretary", "title": "Company Secretary"}],
    }


def announcement_item(filing: Filing) -> dict[str, Any]:
    digest = sha256(filing.id.encode()).hexdigest()
    return {
        "announcementType": filing.document_type.upper(),
        "date": filing.released_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "documentKey": f"2924-{int(digest[:12], 16) % 10**8:08d}-{digest[12:20].upper()}",
        "fileSize": f"{60 + int(digest[20:24], 16) % 3000}KB",
        "headline": filing.title,
        "isPriceSensitive": filing.price_sensitive,
        "url": "",
    }


def _xid(ticker: str) -> str:
    return str(100000 + int(sha256(f"xid:{ticker}".encode()).hexdigest()[:8], 16) % 900000)


def _tick(price: float) -> float:
    return 0.001 if price < 0.10 else 0.005 if price < 2.0 else 0.01


def _data(payload: dict[str, Any]) -> JSONResponse:
    return JSONResponse({"data": payload})


def _bad_request(message: str) -> JSONResponse:
    return JSONResponse({"error": "Bad Request", "message": message}, status_code=400)
