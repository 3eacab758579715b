"""The live RBA adapter: statistical tables fetched as the Reserve Bank publishes them.

The RBA has no API; each table is one CSV file in a folder
(`https://www.rba.gov.au/statistics/tables/csv/<table>-data.csv`, cp1252), parsed by
`providers.rba.parser`. RBA data is CC BY 4.0; series the RBA marks as ABS data are ABS material
under the same licence.

A call fetches each table it needs once, all tables concurrently. A table that cannot be fetched or
read costs only the series from it: the others come back as `ProviderUnavailable.partial`. Series
ids the adapter does not map to a table are absent from the answer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

from core.errors import ProviderError, ProviderUnavailable
from providers.http.upstream import Upstream
from providers.models import RateSeries
from providers.rba.parser import RbaParseError, RbaTable, parse_rba_table

__all__ = ["RBA_BASE_URL", "SERIES_TABLES", "RbaProvider", "table_file"]

log = logging.getLogger("ipoval.providers.rba")

UPSTREAM: Final = "RBA"
RBA_BASE_URL: Final = "https://www.rba.gov.au/statistics/tables/csv"

# Series id -> the table that publishes it, named as the RBA names its files.
SERIES_TABLES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "FIRMMCRT": "f1.1",  # cash rate target, monthly
        "FCMYGBAG10D": "f2",  # 10-year Australian Government bond yield, daily
        "GCPIAGYP": "g1",  # CPI, year-ended inflation, quarterly
        "GCPIOCPMTMYP": "g1",  # trimmed mean, year-ended inflation, quarterly
        "GGDPCVGDPY": "h1",  # real GDP, year-ended growth, quarterly
        "GLFSURSA": "h5",  # unemployment rate, seasonally adjusted, monthly
    }
)


def table_file(table: str) -> str:
    """The file name of a table: `table_file("f1.1") == "f1.1-data.csv"`."""
    return f"{table}-data.csv"


class RbaProvider:
    def __init__(
        self, upstream: Upstream, series_tables: Mapping[str, str] = SERIES_TABLES
    ) -> None:
        """`upstream`'s base URL is the folder holding the table files (`RBA_BASE_URL`)."""
        self._upstream = upstream
        self._series_tables = series_tables

    async def rate_series(self, series_ids: Sequence[str]) -> Mapping[str, RateSeries]:
        wanted: dict[str, list[str]] = {}
        for series_id in dict.fromkeys(series_ids):
            table = self._series_tables.get(series_id)
            if table is not None:
                wanted.setdefault(table, []).append(series_id)
        results = await asyncio.gather(
            *(self._table(table) for table in wanted), return_exceptions=True
        )

        found: dict[str, RateSeries] = {}
        failed: dict[str, ProviderError | ProviderUnavailable] = {}
        for (table, ids), result in zip(wanted.items(), results, strict=True):
            if isinstance(result, ProviderError | ProviderUnavailable):
                failed[table] = result
                continue
            if isinstance(result, BaseException):
                raise result
            for series_id in ids:
                if series_id in result.series:
                    found[series_id] = result.series[series_id]
                else:
                    log.warning("RBA %s has no series %s", table_file(table), series_id)
        if failed:
            raise _failure(wanted, found, failed)
        return found

    async def _table(self, table: str) -> RbaTable:
        name = table_file(table)
        response = await self._upstream.get(f"/{name}")
        if response.status_code != 200:
            raise ProviderError(f"RBA {name}: HTTP {response.status_code}", upstream=UPSTREAM)
        try:
            return parse_rba_table(response.content)
        except RbaParseError as exc:
            raise ProviderError(f"RBA {name}: {exc}", upstream=UPSTREAM) from None


def _failure(
    wanted: Mapping[str, Sequence[str]],
    found: Mapping[str, RateSeries],
    failed: Mapping[str, ProviderError | ProviderUnavailable],
) -> ProviderError | ProviderUnavailable:
    series = sorted(series_id for table in failed for series_id in wanted[table])
    reasons = "; ".join(error.message for error in failed.values())
    message = f"RBA series {', '.join(series)} unavailable: {reasons}"
    if not found and all(isinstance(error, ProviderError) for error in failed.values()):
        # Nothing to serve and nothing transient: the tables themselves are unreadable.
        return ProviderError(message, upstream=UPSTREAM, series=series)
    return ProviderUnavailable(message, partial=found, upstream=UPSTREAM, series=series)
