"""Deterministic synthetic M&A transactions for the sample dataset.

Deal data is licensed (Capital IQ), so the sample invents it: each listed company made 0-3
acquisitions of unnamed private businesses in its own industry group between 2019 and 2025. The
multiples paid are the group's trading multiple with dispersion, grossed up by a control premium of
20-45 % (the range Australian takeover studies usually report), so the precedent-transactions method
sits above trading comparables as it should. Every transaction is marked synthetic.
"""

from __future__ import annotations

from datetime import date, timedelta

from providers.models import Transaction
from providers.sample.calibration import calibration_for
from providers.sample.draws import SeededDraws
from providers.sample.synthetic import SAMPLE_AS_OF, SAMPLE_PROVENANCE

_FIRST_DAY = date(2019, 1, 1)
_MAX_DEALS = 3


def synthetic_transactions(
    ticker: str, company_name: str, gics_industry_group: str | None, market_cap: float
) -> tuple[Transaction, ...]:
    """The company's acquisitions, newest first; none for companies outside a GICS group."""
    if gics_industry_group is None:
        return ()
    calibration = calibration_for(gics_industry_group)
    count = SeededDraws(ticker, "deals:count").integer(0, _MAX_DEALS)
    deals = [
        _deal(
            ticker, company_name, gics_industry_group, market_cap, n, calibration.ev_ebitda_median
        )
        for n in range(count)
    ]
    deals.sort(key=lambda deal: (deal.announced_on, deal.id), reverse=True)
    return tuple(deals)


def _deal(
    ticker: str, acquirer: str, group: str, market_cap: float, n: int, group_multiple: float
) -> Transaction:
    draw = SeededDraws(ticker, f"deals:{n}")
    premium = round(draw.uniform(0.20, 0.45), 3)
    undisturbed = draw.lognormal(group_multiple, 0.25)
    ev_to_ebitda = round(undisturbed * (1 + premium), 2)
    enterprise_value = round(market_cap * draw.lognormal(0.15, 0.6), -3)
    days = (SAMPLE_AS_OF - _FIRST_DAY).days
    announced = _FIRST_DAY + timedelta(days=draw.integer(0, days))
    return Transaction(
        id=f"SAMPLE-{ticker}-{n + 1}",
        target=f"Private {group.lower()} business ({ticker} acquisition {n + 1}, synthetic)",
        acquirer=acquirer,
        announced_on=announced,
        gics_industry_group=group,
        enterprise_value=enterprise_value,
        ev_to_ebitda=ev_to_ebitda,
        ev_to_revenue=round(ev_to_ebitda * draw.uniform(0.08, 0.35), 2),
        control_premium=premium,
        status="Closed",
        provenance=SAMPLE_PROVENANCE,
    )
