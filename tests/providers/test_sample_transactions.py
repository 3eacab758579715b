"""The sample's synthetic M&A transactions: deterministic, on a control basis, marked synthetic."""

from __future__ import annotations

import statistics

from providers.sample import SampleProvider
from providers.sample.calibration import calibration_for

GROUP = "Software & Services"


async def test_transactions_are_the_same_on_every_call() -> None:
    provider = SampleProvider()
    tickers = [c.ticker for c in await provider.list_companies()][:200]
    assert await provider.transactions(tickers) == await SampleProvider().transactions(tickers)


async def test_deals_carry_a_control_premium_and_are_marked_synthetic() -> None:
    provider = SampleProvider()
    companies = [c for c in await provider.list_companies() if c.gics_industry_group == GROUP]
    found = await provider.transactions([c.ticker for c in companies])
    deals = [deal for deals in found.values() for deal in deals]
    assert len(deals) > 20
    assert all(d.control_premium is not None and 0.2 <= d.control_premium <= 0.45 for d in deals)
    assert all(d.provenance.synthetic and "synthetic" in d.target for d in deals)
    multiples = [d.ev_to_ebitda for d in deals if d.ev_to_ebitda is not None]
    # Control changes hands above where the group trades.
    assert statistics.median(multiples) > calibration_for(GROUP).ev_ebitda_median


async def test_each_company_lists_its_deals_newest_first() -> None:
    provider = SampleProvider()
    tickers = [c.ticker for c in await provider.list_companies()][:300]
    for deals in (await provider.transactions(tickers)).values():
        dates = [d.announced_on for d in deals]
        assert dates == sorted(dates, reverse=True)


async def test_companies_without_an_industry_group_have_no_deals() -> None:
    provider = SampleProvider()
    ungrouped = [c.ticker for c in await provider.list_companies() if not c.gics_industry_group]
    found = await provider.transactions(ungrouped[:20])
    assert all(deals == () for deals in found.values())
