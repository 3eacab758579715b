"""Australia's economic indicators from the RBA statistical tables."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from core.errors import BadUserInput
from providers.models import DataSource as Source
from providers.models import Provenance as ProvenanceModel
from providers.models import RateObservation, RateSeries
from schema.bounds import HISTORY_YEARS
from schema.context import Info
from schema.types.provenance import Provenance

CASH_RATE = "FIRMMCRT"
TEN_YEAR_BOND_YIELD = "FCMYGBAG10D"
CPI_YEAR_ENDED = "GCPIAGYP"
TRIMMED_MEAN_INFLATION = "GCPIOCPMTMYP"
GDP_GROWTH = "GGDPCVGDPY"
UNEMPLOYMENT_RATE = "GLFSURSA"


@strawberry.type(description="One dated value of a statistical series.")
class EconomicObservation:
    as_of: date = strawberry.field(description="The period or day the value describes.")
    value: float = strawberry.field(description="The value; rates are decimal fractions.")


def monthly_history(
    observations: tuple[RateObservation, ...], years: int
) -> list[EconomicObservation]:
    """The last `years` years up to the latest observation, one value per month (the month's
    last), oldest first: a daily series and a monthly one chart alike, in at most 12 x years
    points."""
    if not observations:
        return []
    latest = observations[-1].as_of
    start = (latest.year - years, latest.month)
    by_month: dict[tuple[int, int], RateObservation] = {}
    for observation in observations:
        month = (observation.as_of.year, observation.as_of.month)
        if month > start:
            by_month[month] = observation
    return [EconomicObservation(as_of=o.as_of, value=o.value) for o in by_month.values()]


@strawberry.type(description="The latest observation of a published statistical series.")
class EconomicPoint:
    value: float = strawberry.field(
        description="The value; rates are decimal fractions (0.0435 = 4.35 %)."
    )
    as_of: date = strawberry.field(description="The period or day the value describes.")
    series_id: str = strawberry.field(description="The publisher's series identifier.")
    title: str = strawberry.field(description="The series title as published.")
    source: str = strawberry.field(
        description="The agency the publisher credits, e.g. 'RBA' or 'ABS / RBA'."
    )
    published_on: date | None = strawberry.field(
        description="Publication date of the table the value was read from."
    )
    provenance: Provenance = strawberry.field(description="Where the value came from.")
    observations: strawberry.Private[tuple[RateObservation, ...]] = ()

    @strawberry.field(
        description="The series over the last `years` years (1 to 30) up to `asOf`, one value "
        "per month (the month's last observation), oldest first: for a chart of its trend."
    )
    def history(
        self,
        years: Annotated[
            int, strawberry.argument(description="How many years back from `asOf`.")
        ] = 5,
    ) -> list[EconomicObservation]:
        low, high = HISTORY_YEARS
        if not low <= years <= high:
            raise BadUserInput(f"`years` is {low} to {high}; got {years}.", argument="years")
        return monthly_history(self.observations, years)

    @classmethod
    def latest_of(cls, series: RateSeries | None) -> EconomicPoint | None:
        latest = series.latest if series else None
        if series is None or latest is None:
            return None
        return cls(
            value=latest.value,
            as_of=latest.as_of,
            series_id=series.series_id,
            title=series.title,
            source=series.source,
            published_on=series.published_on,
            provenance=Provenance.from_model(
                ProvenanceModel(Source.RBA, latest.as_of, stale=series.stale)
            ),
            observations=series.observations,
        )


async def _latest(info: Info, series_id: str) -> EconomicPoint | None:
    return EconomicPoint.latest_of(await info.context.loaders.rate_series_by_id.load(series_id))


@strawberry.type(
    description="Headline Australian rates and inflation, each its latest observation."
)
class EconomicIndicators:
    @strawberry.field(description="RBA cash rate target, monthly average (table F1.1, FIRMMCRT).")
    async def cash_rate(self, info: Info) -> EconomicPoint | None:
        return await _latest(info, CASH_RATE)

    @strawberry.field(
        description="10-year Australian Government bond yield, daily (table F2, FCMYGBAG10D); "
        "the usual risk-free rate in a CAPM."
    )
    async def ten_year_bond_yield(self, info: Info) -> EconomicPoint | None:
        return await _latest(info, TEN_YEAR_BOND_YIELD)

    @strawberry.field(description="Headline CPI, year-ended change (table G1, GCPIAGYP).")
    async def cpi_year_ended(self, info: Info) -> EconomicPoint | None:
        return await _latest(info, CPI_YEAR_ENDED)

    @strawberry.field(
        description="Trimmed-mean CPI, year-ended change (table G1, GCPIOCPMTMYP): the RBA's "
        "preferred measure of underlying inflation."
    )
    async def trimmed_mean_inflation(self, info: Info) -> EconomicPoint | None:
        return await _latest(info, TRIMMED_MEAN_INFLATION)

    @strawberry.field(
        description="Real GDP growth, year-ended (table H1, GGDPCVGDPY). Live RBA only: the sample "
        "dataset does not ship table H1, so it is null there."
    )
    async def gdp_growth(self, info: Info) -> EconomicPoint | None:
        return await _latest(info, GDP_GROWTH)

    @strawberry.field(
        description="Unemployment rate, seasonally adjusted (table H5, GLFSURSA). Live RBA only: "
        "the sample dataset does not ship table H5, so it is null there."
    )
    async def unemployment_rate(self, info: Info) -> EconomicPoint | None:
        return await _latest(info, UNEMPLOYMENT_RATE)
