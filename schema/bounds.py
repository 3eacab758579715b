"""Every bound on an argument, once: the checks and the schema's descriptions read them from here.

Bounds are inclusive. Numeric bounds are plausibility bounds: outside them an input is almost surely
a unit slip (a rate in per cent rather than as a fraction) or an attempt at overflow, not an unusual
business. Where `scenario` and `createValuation` take the same quantity they share its bound.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from dataloaders.providers import MAX_PEERS as PEER_CANDIDATES


class Bounds(NamedTuple):
    low: float
    high: float

    def text(self) -> str:
        """The range as descriptions and messages write it: `0 to 0.2`."""
        return f"{self.low:g} to {self.high:g}"


# Page sizes (`first`).
MAX_PAGE_SIZE = 100
MAX_REGISTRY_MATCHES = 50
# `Company.peers` pages what its loader fetched, so the loader's batch size is the field's bound.
MAX_COMPANY_PEERS = PEER_CANDIDATES

# `ValuationJob.monteCarlo(bins)`: under 5 bins a histogram shows no shape, and over 200 its bars
# are finer than a chart can draw.
HISTOGRAM_BINS = (5, 200)
HISTORY_YEARS = (1, 30)  # `EconomicPoint.history(years)`

# Strings that are refused when too long or short.
MAX_TICKER_LENGTH = 12  # `company(ticker)`: longer than any ASX code, short of anything abusive
MAX_SEARCH_LENGTH = 100  # `companies(filter: {search})`
MIN_REGISTRY_NAME_LENGTH = 2  # `registrySearch(name)`, spaces aside
MAX_COMPANY_NAME_LENGTH = 200  # `createValuation(input: {companyName})`
MAX_IDEMPOTENCY_KEY_LENGTH = 100  # `createValuation(idempotencyKey)`; the column holds 100

# Strings that sign-in cuts rather than refuses: a wrong password stays wrong however long, and a
# caller learns nothing from which length was refused.
MAX_EMAIL_LENGTH = 320  # RFC 5321's limit
MAX_PASSWORD_LENGTH = 1024
MAX_REFRESH_TOKEN_LENGTH = 200

# Rates, as decimal fractions (0.045 is 4.5 %).
RISK_FREE_RATE = Bounds(0.0, 0.2)
MARKET_RISK_PREMIUM = Bounds(0.0, 0.2)
TAX_RATE = Bounds(0.0, 0.6)
PRE_TAX_COST_OF_DEBT = Bounds(0.0, 0.3)
CREDIT_SPREAD = Bounds(0.0, 0.2)
TERMINAL_GROWTH = Bounds(-0.05, 0.06)
DISCOUNT_RATE = Bounds(0.0, 0.5)
IPO_DISCOUNT = Bounds(0.0, 0.5)

# Betas and gearing.
BETA = Bounds(0.0, 5.0)
DEBT_TO_EQUITY = Bounds(0.0, 10.0)  # `scenario`: the gearing the caller observes
TARGET_DEBT_TO_EQUITY = Bounds(0.0, 5.0)  # `createValuation`: the gearing a valuation targets

# `scenario`, by GraphQL field name (its messages and `extensions.field` use those names).
MAX_CASH_FLOWS = 50
SCENARIO_RATES: dict[str, Bounds] = {
    "riskFreeRate": RISK_FREE_RATE,
    "marketRiskPremium": MARKET_RISK_PREMIUM,
    "taxRate": TAX_RATE,
    "preTaxCostOfDebt": PRE_TAX_COST_OF_DEBT,
    "creditSpread": CREDIT_SPREAD,
    "terminalGrowth": TERMINAL_GROWTH,
    "discountRate": DISCOUNT_RATE,
}
SCENARIO_FACTORS: dict[str, Bounds] = {
    "leveredBeta": BETA,
    "unleveredBeta": BETA,
    "debtToEquity": DEBT_TO_EQUITY,
}

# `createValuation`, by Python attribute name (its `userErrors` camel-case them).
MAX_PEERS = 30  # `peers`: codes the caller names
MAX_EXCLUDED_PEERS = 200
MAX_YEARS = 20  # per list: history, forecast
FISCAL_YEARS = (date(1950, 1, 1), date(2100, 12, 31))
# A$10 trillion: several times the largest company listed anywhere, so only a unit slip (or an
# attempt at overflow) is refused, never a real business.
MONEY_LIMIT = 1e13
SHARES = Bounds(1e3, 1e12)
OFFER_RANGE_WIDTH = Bounds(0.0, 0.5)
IMPUTATION_GAMMA = Bounds(0.0, 1.0)
PAYOUT_RATIO = Bounds(0.0, 2.0)
RETURN_ON_NEW_CAPITAL = Bounds(0.001, 2.0)
SHARE_OF_ONE = Bounds(0.0, 1.0)  # franking percentage, free float
METHOD_WEIGHT = Bounds(0.0, 100.0)
MULTIPLE = Bounds(1e-6, 1000.0)  # a multiple the caller gives
# A dividend yield, as a fraction: a yield of 100 % or more prices nothing, and 7 for 7 % is a slip.
DIVIDEND_YIELD = Bounds(0.0, 0.5)
YIELD_RANGE = Bounds(1e-6, DIVIDEND_YIELD.high)  # a DIVIDEND_YIELD multipleRange
MAX_CUSTOM_PEERS = 30
MAX_CUSTOM_PEER_TEXT = 200  # a custom peer's name, country, currency, source
MAX_HOLDERS = 100_000_000
ASSUMPTION_BOUNDS: dict[str, Bounds] = {
    "risk_free_rate": RISK_FREE_RATE,
    "market_risk_premium": MARKET_RISK_PREMIUM,
    "tax_rate": TAX_RATE,
    "terminal_growth": TERMINAL_GROWTH,
    "ipo_discount": IPO_DISCOUNT,
    "target_debt_to_equity": TARGET_DEBT_TO_EQUITY,
    "credit_spread": CREDIT_SPREAD,
    "offer_range_width": OFFER_RANGE_WIDTH,
    "return_on_new_invested_capital": RETURN_ON_NEW_CAPITAL,
    "imputation_gamma": IMPUTATION_GAMMA,
    "payout_ratio": PAYOUT_RATIO,
}
