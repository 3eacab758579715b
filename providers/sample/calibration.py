"""Per-GICS-industry-group parameters for the synthetic sample dataset.

The ASX company list is real, but the financial statements and market data of listed companies
are not open data, so `providers.sample.synthetic` generates them. These constants keep the
generated figures plausible for an Australian company of each industry group: EV/EBITDA multiples,
margins, capital intensity, leverage, betas and the share of loss-making or pre-revenue companies.

Sources and judgement: the EV/EBITDA medians are informed by the (unverified) US industry medians of
Damodaran's January 2026 dataset in `data/damodaran_ev_ebitda_us_jan2026_UNVERIFIED.csv`, mapped to
GICS industry groups and shaded down towards where ASX companies usually trade (ASX multiples sit
below US ones, and the ASX list is dominated by small caps). The other constants are round,
order-of-magnitude judgements, not estimates. Nothing here is observed data.

Conventions (all ratios are decimal fractions):

* EBITDA is post-AASB 16, i.e. before lease costs, so lease-heavy groups (retail, consumer services,
  health care services, transport) have higher margins and carry lease liabilities.
* Net debt is borrowings less cash, *excluding* lease liabilities, which are reported separately.
* Banks and insurers: EV/EBITDA is not a meaningful multiple for them (deposits and policy
  liabilities are operating, not financing, liabilities, and interest is their revenue). We still
  generate coherent figures: revenue is net operating income, "EBITDA" is roughly pre-provision
  operating profit, and net debt is nil (banks) or small (insurers' subordinated notes), so EV is
  essentially the market capitalisation. Their `unlevered_beta` is used as an equity beta (Hamada on
  deposits would be meaningless). The same logic, more loosely, applies to Financial Services, where
  lending books funded by warehouse facilities are treated as operating and only corporate debt
  counts.
* "Not Applic" (funds, trusts, ETF-like products), "Class Pend" and unknown groups get the
  conservative `DEFAULT_CALIBRATION`: mid-market multiple, moderate leverage, market-like beta.
* Book equity, intangibles and dividends (`providers.sample.balance_sheet`): price-to-book, return
  on equity, intangibles / book equity and the payout ratio, as round judgements of where ASX
  companies of each group sit: banks near book (1.0-1.6x, ROE 8-13 %, paying 70-80 %), insurers
  above it, REITs near their net tangible assets and distributing about 90 % of earnings,
  software far above book with acquired and capitalised intangibles and little or no dividend.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class IndustryCalibration:
    """Generator parameters for one GICS industry group.

    `loss_making_share` and `pre_revenue_share` are shares of *all* companies in the group; the
    remainder is profitable (positive EBITDA). Pre-revenue companies are explorers, developers and
    clinical-stage biotechs with zero or tiny revenue; loss-making ones have revenue but negative
    EBITDA. `market_cap_median` is the group's typical market capitalisation in AUD.
    """

    name: str
    ev_ebitda_median: float
    """Median EV/EBITDA of profitable companies."""
    ev_ebitda_sigma: float
    """Dispersion (log standard deviation) of the company multiple around the median."""
    ebitda_margin_low: float
    ebitda_margin_high: float
    """Range of EBITDA / revenue for profitable companies (post-AASB 16)."""
    da_to_revenue: float
    """Depreciation and amortisation (incl. right-of-use assets) / revenue."""
    capex_to_revenue: float
    """Capital expenditure / revenue (capitalised development and exploration included)."""
    working_capital_to_revenue: float
    """Net working capital / revenue; the change in working capital is this times revenue growth.
    Negative for businesses paid in advance (software subscriptions, grocers, travel)."""
    net_debt_to_ebitda_low: float
    net_debt_to_ebitda_high: float
    """Range of net debt / EBITDA for profitable companies; negative means net cash."""
    lease_liabilities_to_revenue: float
    """AASB 16 lease liabilities / revenue."""
    unlevered_beta: float
    """Asset beta, relevered with Hamada at each company's debt / equity."""
    loss_making_share: float
    pre_revenue_share: float
    revenue_growth_mean: float
    revenue_growth_vol: float
    """Annual revenue growth: mean and standard deviation."""
    market_cap_median: float
    """Typical market capitalisation in AUD."""
    loss_maker_price_to_sales: float
    """Median market cap / revenue of loss-making (revenue-generating) companies."""
    price_to_book_low: float
    price_to_book_high: float
    """Range of market cap / book equity at FY2025 (left where the ROE range requires)."""
    return_on_equity_low: float
    return_on_equity_high: float
    """Range of net income / book equity at FY2025 for companies with a profit."""
    intangibles_to_equity_low: float
    intangibles_to_equity_high: float
    """Range of goodwill and other intangibles / book equity."""
    payout_low: float
    payout_high: float
    """Range of ordinary dividends / net income, in years with a profit."""
    mining: bool = False
    """Mining and oil & gas: explorers capitalise exploration spend and lodge Appendix 5B."""


_M: Final = 1_000_000.0


def _cal(
    name: str,
    *,
    ev_ebitda: float,
    sigma: float,
    margin: tuple[float, float],
    da: float,
    capex: float,
    nwc: float,
    net_debt: tuple[float, float],
    leases: float,
    beta_u: float,
    loss: float,
    pre_revenue: float,
    growth: tuple[float, float],
    market_cap_m: float,
    loss_ps: float,
    pb: tuple[float, float],
    roe: tuple[float, float],
    intangibles: tuple[float, float],
    payout: tuple[float, float],
    mining: bool = False,
) -> IndustryCalibration:
    return IndustryCalibration(
        name=name,
        ev_ebitda_median=ev_ebitda,
        ev_ebitda_sigma=sigma,
        ebitda_margin_low=margin[0],
        ebitda_margin_high=margin[1],
        da_to_revenue=da,
        capex_to_revenue=capex,
        working_capital_to_revenue=nwc,
        net_debt_to_ebitda_low=net_debt[0],
        net_debt_to_ebitda_high=net_debt[1],
        lease_liabilities_to_revenue=leases,
        unlevered_beta=beta_u,
        loss_making_share=loss,
        pre_revenue_share=pre_revenue,
        revenue_growth_mean=growth[0],
        revenue_growth_vol=growth[1],
        market_cap_median=market_cap_m * _M,
        loss_maker_price_to_sales=loss_ps,
        price_to_book_low=pb[0],
        price_to_book_high=pb[1],
        return_on_equity_low=roe[0],
        return_on_equity_high=roe[1],
        intangibles_to_equity_low=intangibles[0],
        intangibles_to_equity_high=intangibles[1],
        payout_low=payout[0],
        payout_high=payout[1],
        mining=mining,
    )


DEFAULT_CALIBRATION: Final = _cal(
    "Default",
    ev_ebitda=9.0, sigma=0.30, margin=(0.15, 0.35), da=0.03, capex=0.03, nwc=0.05,
    net_debt=(0.0, 1.5), leases=0.03, beta_u=0.90, loss=0.25, pre_revenue=0.10,
    growth=(0.04, 0.12), market_cap_m=100.0, loss_ps=2.0,
    pb=(0.85, 1.20), roe=(0.04, 0.12), intangibles=(0.00, 0.05), payout=(0.60, 0.90),
)  # fmt: skip
"""Funds, trusts and ETF-like products ("Not Applic"), "Class Pend", unknown or missing groups."""

# Damodaran US medians that informed each multiple are noted on the right (US -> ASX shading).
_CALIBRATIONS: Final[tuple[IndustryCalibration, ...]] = (
    _cal(
        "Automobiles & Components",  # Auto Parts 6.4, Retail (Automotive) 14.8
        ev_ebitda=8.0, sigma=0.30, margin=(0.08, 0.16), da=0.035, capex=0.04, nwc=0.15,
        net_debt=(0.0, 2.0), leases=0.04, beta_u=0.95, loss=0.25, pre_revenue=0.05,
        growth=(0.05, 0.12), market_cap_m=100.0, loss_ps=1.0,
        pb=(1.20, 2.50), roe=(0.08, 0.18), intangibles=(0.10, 0.30), payout=(0.50, 0.70),
    ),
    _cal(
        "Banks",  # not meaningful; EV ~ market cap, "EBITDA" ~ pre-provision profit
        ev_ebitda=12.0, sigma=0.25, margin=(0.40, 0.60), da=0.03, capex=0.03, nwc=0.0,
        net_debt=(0.0, 0.0), leases=0.02, beta_u=0.90, loss=0.08, pre_revenue=0.0,
        growth=(0.05, 0.06), market_cap_m=2500.0, loss_ps=1.5,
        pb=(1.00, 1.60), roe=(0.08, 0.13), intangibles=(0.05, 0.15), payout=(0.70, 0.80),
    ),
    _cal(
        "Capital Goods",  # Machinery 16.2, Engineering/Construction 17.2
        ev_ebitda=9.5, sigma=0.30, margin=(0.07, 0.15), da=0.025, capex=0.03, nwc=0.12,
        net_debt=(0.0, 2.0), leases=0.03, beta_u=0.95, loss=0.35, pre_revenue=0.10,
        growth=(0.07, 0.15), market_cap_m=70.0, loss_ps=1.5,
        pb=(1.50, 3.00), roe=(0.08, 0.18), intangibles=(0.20, 0.50), payout=(0.40, 0.70),
    ),
    _cal(
        "Commercial & Professional Services",  # Business & Consumer Services 14.3
        ev_ebitda=10.0, sigma=0.30, margin=(0.08, 0.20), da=0.03, capex=0.025, nwc=0.08,
        net_debt=(0.0, 2.0), leases=0.05, beta_u=0.85, loss=0.30, pre_revenue=0.05,
        growth=(0.07, 0.15), market_cap_m=80.0, loss_ps=1.5,
        pb=(2.00, 4.00), roe=(0.10, 0.20), intangibles=(0.40, 0.70), payout=(0.50, 0.80),
    ),
    _cal(
        "Consumer Discretionary Distribution & Retail",  # Retail (General) 17.4, Special 11.5
        ev_ebitda=8.0, sigma=0.30, margin=(0.07, 0.16), da=0.04, capex=0.025, nwc=0.08,
        net_debt=(-0.5, 1.5), leases=0.18, beta_u=1.00, loss=0.25, pre_revenue=0.02,
        growth=(0.05, 0.12), market_cap_m=120.0, loss_ps=0.6,
        pb=(2.00, 5.00), roe=(0.12, 0.30), intangibles=(0.20, 0.50), payout=(0.60, 0.80),
    ),
    _cal(
        "Consumer Durables & Apparel",  # Apparel 10.3, Furnishings 11.3, Homebuilding 8.9
        ev_ebitda=8.0, sigma=0.30, margin=(0.08, 0.18), da=0.03, capex=0.03, nwc=0.15,
        net_debt=(-0.5, 1.5), leases=0.08, beta_u=1.00, loss=0.35, pre_revenue=0.05,
        growth=(0.05, 0.15), market_cap_m=50.0, loss_ps=1.0,
        pb=(1.50, 3.00), roe=(0.08, 0.20), intangibles=(0.10, 0.40), payout=(0.40, 0.70),
    ),
    _cal(
        "Consumer Services",  # Hotel/Gaming 14.9, Restaurant 17.5, Education 9.3
        ev_ebitda=10.0, sigma=0.30, margin=(0.10, 0.25), da=0.05, capex=0.05, nwc=-0.05,
        net_debt=(0.5, 2.5), leases=0.15, beta_u=0.95, loss=0.30, pre_revenue=0.05,
        growth=(0.07, 0.18), market_cap_m=100.0, loss_ps=1.5,
        pb=(2.00, 4.00), roe=(0.08, 0.20), intangibles=(0.30, 0.60), payout=(0.40, 0.70),
    ),
    _cal(
        "Consumer Staples Distribution & Retail",  # Retail (Grocery and Food) 8.9
        ev_ebitda=9.0, sigma=0.20, margin=(0.05, 0.09), da=0.03, capex=0.025, nwc=-0.02,
        net_debt=(0.5, 1.5), leases=0.15, beta_u=0.60, loss=0.15, pre_revenue=0.0,
        growth=(0.04, 0.06), market_cap_m=2000.0, loss_ps=0.4,
        pb=(2.50, 5.00), roe=(0.15, 0.30), intangibles=(0.30, 0.60), payout=(0.70, 0.85),
    ),
    _cal(
        "Energy",  # Oil/Gas E&P 5.2, Integrated 8.2, Coal 10.4; many pre-revenue explorers
        ev_ebitda=5.5, sigma=0.35, margin=(0.30, 0.60), da=0.15, capex=0.18, nwc=0.05,
        net_debt=(0.0, 1.5), leases=0.02, beta_u=1.15, loss=0.15, pre_revenue=0.50,
        growth=(0.05, 0.30), market_cap_m=50.0, loss_ps=2.0, mining=True,
        pb=(1.00, 2.00), roe=(0.08, 0.25), intangibles=(0.00, 0.05), payout=(0.30, 0.60),
    ),
    _cal(
        "Equity Real Estate Investment Trusts (REITs)",  # R.E.I.T. 19.9, Retail REITs 16.7
        ev_ebitda=16.0, sigma=0.20, margin=(0.55, 0.80), da=0.01, capex=0.05, nwc=0.0,
        net_debt=(5.0, 8.0), leases=0.01, beta_u=0.55, loss=0.05, pre_revenue=0.0,
        growth=(0.03, 0.06), market_cap_m=700.0, loss_ps=8.0,
        pb=(0.80, 1.10), roe=(0.03, 0.06), intangibles=(0.00, 0.02), payout=(0.85, 0.95),
    ),
    _cal(
        "Financial Services",  # Non-bank 57.5 and Asset Mgmt 38.0 are distorted; see docstring
        ev_ebitda=11.0, sigma=0.35, margin=(0.25, 0.50), da=0.02, capex=0.015, nwc=0.0,
        net_debt=(0.0, 1.5), leases=0.03, beta_u=1.05, loss=0.35, pre_revenue=0.05,
        growth=(0.07, 0.20), market_cap_m=70.0, loss_ps=2.0,
        pb=(1.00, 3.00), roe=(0.08, 0.20), intangibles=(0.10, 0.50), payout=(0.50, 0.80),
    ),
    _cal(
        "Food, Beverage & Tobacco",  # Food Processing 10.0, Alcoholic Bev. 8.6, Farming 16.0
        ev_ebitda=9.5, sigma=0.25, margin=(0.08, 0.18), da=0.035, capex=0.04, nwc=0.15,
        net_debt=(0.5, 2.5), leases=0.05, beta_u=0.65, loss=0.35, pre_revenue=0.08,
        growth=(0.05, 0.12), market_cap_m=60.0, loss_ps=1.0,
        pb=(1.20, 2.50), roe=(0.06, 0.14), intangibles=(0.20, 0.50), payout=(0.50, 0.70),
    ),
    _cal(
        "Health Care Equipment & Services",  # Healthcare Products 19.8, Hospitals 8.9
        ev_ebitda=13.0, sigma=0.35, margin=(0.12, 0.28), da=0.04, capex=0.04, nwc=0.10,
        net_debt=(0.0, 2.5), leases=0.10, beta_u=0.85, loss=0.50, pre_revenue=0.15,
        growth=(0.10, 0.20), market_cap_m=70.0, loss_ps=3.0,
        pb=(2.00, 6.00), roe=(0.08, 0.20), intangibles=(0.30, 0.70), payout=(0.30, 0.60),
    ),
    _cal(
        "Household & Personal Products",  # Household Products 13.2
        ev_ebitda=10.0, sigma=0.30, margin=(0.08, 0.18), da=0.03, capex=0.03, nwc=0.12,
        net_debt=(0.0, 1.5), leases=0.05, beta_u=0.75, loss=0.45, pre_revenue=0.05,
        growth=(0.06, 0.15), market_cap_m=30.0, loss_ps=1.0,
        pb=(1.50, 4.00), roe=(0.08, 0.20), intangibles=(0.20, 0.50), payout=(0.40, 0.70),
    ),
    _cal(
        "Insurance",  # not meaningful; Insurance (General) 15.8, Life 12.5, P&C 8.4
        ev_ebitda=10.0, sigma=0.25, margin=(0.12, 0.25), da=0.02, capex=0.015, nwc=0.0,
        net_debt=(0.0, 0.5), leases=0.02, beta_u=0.75, loss=0.10, pre_revenue=0.0,
        growth=(0.06, 0.08), market_cap_m=1500.0, loss_ps=1.0,
        pb=(1.50, 2.50), roe=(0.09, 0.16), intangibles=(0.15, 0.40), payout=(0.60, 0.80),
    ),
    _cal(
        "Materials",  # Metals & Mining 11.4, Precious Metals 10.7, Chemicals 8.4-13.4
        ev_ebitda=6.5, sigma=0.35, margin=(0.20, 0.45), da=0.08, capex=0.12, nwc=0.10,
        net_debt=(-0.5, 1.5), leases=0.02, beta_u=1.10, loss=0.10, pre_revenue=0.72,
        growth=(0.05, 0.25), market_cap_m=50.0, loss_ps=1.5, mining=True,
        pb=(1.00, 2.50), roe=(0.08, 0.25), intangibles=(0.00, 0.05), payout=(0.30, 0.60),
    ),
    _cal(
        "Media & Entertainment",  # Entertainment 19.4, Broadcasting 7.9, Publishing 11.2
        ev_ebitda=9.0, sigma=0.35, margin=(0.10, 0.28), da=0.05, capex=0.03, nwc=0.05,
        net_debt=(0.0, 2.0), leases=0.06, beta_u=1.00, loss=0.45, pre_revenue=0.10,
        growth=(0.06, 0.20), market_cap_m=40.0, loss_ps=2.0,
        pb=(1.50, 3.50), roe=(0.08, 0.18), intangibles=(0.40, 0.80), payout=(0.50, 0.80),
    ),
    _cal(
        "Pharmaceuticals, Biotechnology & Life Sciences",  # Biotech 15.8, Pharma 15.3
        ev_ebitda=14.0, sigma=0.35, margin=(0.15, 0.35), da=0.05, capex=0.05, nwc=0.15,
        net_debt=(-1.0, 1.5), leases=0.03, beta_u=1.10, loss=0.25, pre_revenue=0.60,
        growth=(0.10, 0.30), market_cap_m=60.0, loss_ps=5.0,
        pb=(2.00, 8.00), roe=(0.10, 0.30), intangibles=(0.20, 0.60), payout=(0.10, 0.50),
    ),
    _cal(
        "Real Estate Management & Development",  # Real Estate (Development) 10.2, Ops 22.0
        ev_ebitda=10.0, sigma=0.30, margin=(0.15, 0.35), da=0.02, capex=0.02, nwc=0.30,
        net_debt=(1.5, 4.0), leases=0.03, beta_u=0.80, loss=0.30, pre_revenue=0.10,
        growth=(0.05, 0.25), market_cap_m=80.0, loss_ps=2.0,
        pb=(0.80, 1.60), roe=(0.05, 0.12), intangibles=(0.00, 0.10), payout=(0.40, 0.70),
    ),
    _cal(
        "Semiconductors & Semiconductor Equipment",  # Semiconductor 34.8, Equipment 24.7
        ev_ebitda=15.0, sigma=0.35, margin=(0.12, 0.30), da=0.06, capex=0.06, nwc=0.15,
        net_debt=(-1.0, 1.0), leases=0.03, beta_u=1.30, loss=0.55, pre_revenue=0.20,
        growth=(0.12, 0.30), market_cap_m=40.0, loss_ps=4.0,
        pb=(2.00, 6.00), roe=(0.10, 0.30), intangibles=(0.10, 0.40), payout=(0.00, 0.30),
    ),
    _cal(
        "Software & Services",  # Software (System & Application) 24.5, Computer Services 14.1
        ev_ebitda=14.0, sigma=0.40, margin=(0.12, 0.35), da=0.06, capex=0.06, nwc=-0.05,
        net_debt=(-1.0, 1.0), leases=0.04, beta_u=1.15, loss=0.50, pre_revenue=0.08,
        growth=(0.15, 0.25), market_cap_m=60.0, loss_ps=3.0,
        pb=(3.00, 10.00), roe=(0.08, 0.35), intangibles=(0.40, 0.80), payout=(0.00, 0.15),
    ),
    _cal(
        "Technology Hardware & Equipment",  # Telecom Equipment 24.1, Electronics (General) 20.0
        ev_ebitda=10.0, sigma=0.35, margin=(0.08, 0.20), da=0.04, capex=0.04, nwc=0.15,
        net_debt=(-0.5, 1.5), leases=0.04, beta_u=1.15, loss=0.50, pre_revenue=0.15,
        growth=(0.10, 0.25), market_cap_m=30.0, loss_ps=2.0,
        pb=(1.50, 4.00), roe=(0.08, 0.20), intangibles=(0.10, 0.40), payout=(0.20, 0.50),
    ),
    _cal(
        "Telecommunication Services",  # Telecom. Services 6.5, Wireless 9.0
        ev_ebitda=7.0, sigma=0.25, margin=(0.20, 0.40), da=0.15, capex=0.14, nwc=0.0,
        net_debt=(1.0, 2.5), leases=0.08, beta_u=0.65, loss=0.30, pre_revenue=0.03,
        growth=(0.04, 0.10), market_cap_m=100.0, loss_ps=1.5,
        pb=(1.50, 3.50), roe=(0.08, 0.15), intangibles=(0.20, 0.50), payout=(0.70, 0.95),
    ),
    _cal(
        "Transportation",  # Transportation 12.6, Air Transport 7.6, Railroads 13.5
        ev_ebitda=9.0, sigma=0.25, margin=(0.10, 0.25), da=0.08, capex=0.08, nwc=0.0,
        net_debt=(1.0, 3.0), leases=0.12, beta_u=0.85, loss=0.20, pre_revenue=0.02,
        growth=(0.05, 0.15), market_cap_m=300.0, loss_ps=1.0,
        pb=(1.50, 3.00), roe=(0.08, 0.15), intangibles=(0.10, 0.40), payout=(0.60, 0.80),
    ),
    _cal(
        "Utilities",  # Utility (General) 13.7, Power 12.4, Green & Renewable 13.4
        ev_ebitda=11.0, sigma=0.25, margin=(0.15, 0.50), da=0.10, capex=0.15, nwc=0.03,
        net_debt=(3.0, 6.0), leases=0.02, beta_u=0.50, loss=0.30, pre_revenue=0.15,
        growth=(0.04, 0.12), market_cap_m=80.0, loss_ps=2.0,
        pb=(1.00, 2.00), roe=(0.05, 0.12), intangibles=(0.05, 0.20), payout=(0.70, 0.90),
    ),
)  # fmt: skip

CALIBRATIONS: Final[dict[str, IndustryCalibration]] = {c.name: c for c in _CALIBRATIONS}
"""Calibrations of the 25 GICS industry groups found in the ASX list, by exact group name."""

_BY_FOLDED_NAME: Final[dict[str, IndustryCalibration]] = {
    " ".join(c.name.split()).casefold(): c for c in _CALIBRATIONS
}


def calibration_for(gics_industry_group: str | None) -> IndustryCalibration:
    """The calibration of a GICS industry group, matched ignoring case and extra whitespace.

    Returns `DEFAULT_CALIBRATION` for None, "Not Applic", "Class Pend" and anything unknown.
    """
    if gics_industry_group is None:
        return DEFAULT_CALIBRATION
    exact = CALIBRATIONS.get(gics_industry_group)
    if exact is not None:
        return exact
    folded = " ".join(gics_industry_group.split()).casefold()
    return _BY_FOLDED_NAME.get(folded, DEFAULT_CALIBRATION)
