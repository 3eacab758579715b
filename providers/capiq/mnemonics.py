"""The Capital IQ requests this platform makes: functions, mnemonics and properties.

One list shared by the adapter and the upstream simulator, so that both speak the same requests.
Capital IQ identifies an ASX security as `<TICKER>:ASX`. Every value comes back as a string; money
and share counts are in millions (prices, betas and ratios as they are), as Capital IQ reports them.

S&P's function reference is licensed, so the mnemonics follow what public clients send; the
transaction ones are the spellings those clients use (`IQ_TR_TARGETNAME`, not `IQ_TR_TARGET_NAME`).
Unverified against a live account: `IQ_LEASE_LIABILITIES` (Capital IQ may only publish the current
and long-term portions), the sign convention of `IQ_CHANGE_NET_WORKING_CAPITAL`, and the three
balance-sheet and dividend lines (see them below).
"""

from __future__ import annotations

GDSP = "GDSP"  # one point-in-time value
GDSHE = "GDSHE"  # a list (peers, transactions)
GDST = "GDST"  # a time series

EXCHANGE_SUFFIX = ":ASX"
CURRENCY = {"currencyId": "AUD"}

# Market data, GDSP, latest.
LAST_PRICE = "IQ_LASTSALEPRICE"
SHARES_OUTSTANDING = "IQ_SHARESOUTSTANDING"
MARKET_CAP = "IQ_MARKETCAP"
ENTERPRISE_VALUE = "IQ_TEV"
BETA = "IQ_BETA"
MARKET_MNEMONICS = (LAST_PRICE, SHARES_OUTSTANDING, MARKET_CAP, ENTERPRISE_VALUE, BETA)

# Financials, GDSP with {"periodType": "IQ_FY-<n>"} for n = 0 (latest fiscal year) .. YEARS - 1.
YEARS = 5
PERIOD_DATE = "IQ_PERIODDATE"  # fiscal year end, "MM/DD/YYYY"
REVENUE = "IQ_TOTAL_REV"
EBITDA = "IQ_EBITDA"
EBIT = "IQ_EBIT"
NET_INCOME = "IQ_NI"
DEPRECIATION_AMORTISATION = "IQ_DA"
CAPEX = "IQ_CAPEX"  # published negative (an outflow); the standard model wants it positive
CHANGE_IN_WORKING_CAPITAL = "IQ_CHANGE_NET_WORKING_CAPITAL"
NET_DEBT = "IQ_NET_DEBT"
LEASE_LIABILITIES = "IQ_LEASE_LIABILITIES"
# Book equity, intangibles and dividends, unverified: the spellings and labels are those of public
# GDS API clients' mnemonic tables ("Total Equity" IQ_TOTAL_EQUITY, "Total Intangibles"
# IQ_GW_INTAN, "Common Dividends Paid" IQ_COMMON_DIV_CF, beside "Common & Preferred Stock
# Dividends Paid" IQ_TOTAL_DIV_PAID_CF), and a client pulling Australian companies sends
# IQ_TOTAL_EQUITY beside IQ_MINORITY_INTEREST, and IQ_TOTAL_DIV_PAID_CF, per fiscal year.
# Caveats: "Total Equity" may include minority interests and preferred equity (the same tables
# also list IQ_TOTAL_COMMON_EQUITY, "Total Common Equity"); the common dividends are the cash paid
# in the year (last year's final and this year's interim), not those declared for it, and are
# published negative (an outflow).
TOTAL_EQUITY = "IQ_TOTAL_EQUITY"
INTANGIBLE_ASSETS = "IQ_GW_INTAN"  # goodwill and other intangibles
DIVIDENDS_PAID = "IQ_COMMON_DIV_CF"  # ordinary only: preferred (hybrid) dividends excluded
FINANCIAL_MNEMONICS = (
    PERIOD_DATE,
    REVENUE,
    EBITDA,
    EBIT,
    NET_INCOME,
    DEPRECIATION_AMORTISATION,
    CAPEX,
    CHANGE_IN_WORKING_CAPITAL,
    NET_DEBT,
    LEASE_LIABILITIES,
    TOTAL_EQUITY,
    INTANGIBLE_ASSETS,
    DIVIDENDS_PAID,
)

# Peers, GDSHE with {"startRank": "1", "endRank": "<n>"}: rows of "<TICKER>:ASX" identifiers.
QUICK_COMPARABLES = "IQ_QUICK_COMP"

# Transactions, GDSHE with ranks: rows of transaction identifiers ("IQTR<digits>"); then GDSP on
# each transaction identifier for its details.
TRANSACTION_LIST = "IQ_TRANSACTION_LIST_MA"
TR_TARGET = "IQ_TR_TARGETNAME"
TR_BUYER = "IQ_TR_BUYER"
TR_ANNOUNCED = "IQ_TR_ANN_DATE_BL"  # "MM/DD/YYYY"
TR_STATUS = "IQ_TR_STATUS"
TR_ENTERPRISE_VALUE = "IQ_TR_IMPLIED_EV_FINAL"
TR_EV_TO_EBITDA = "IQ_TR_IMPLIED_EV_TO_LTM_EBITDA"
TR_EV_TO_REVENUE = "IQ_TR_IMPLIED_EV_TO_LTM_REV"
TR_PREMIUM = "IQ_TR_OFFER_PREMIUM_1DAY"  # percent, "32.5" = 32.5 %
TRANSACTION_MNEMONICS = (
    TR_TARGET,
    TR_BUYER,
    TR_ANNOUNCED,
    TR_STATUS,
    TR_ENTERPRISE_VALUE,
    TR_EV_TO_EBITDA,
    TR_EV_TO_REVENUE,
    TR_PREMIUM,
)

# Paths under the base URL (default https://api-ciq.marketintelligence.spglobal.com/gdsapi/rest).
TOKEN_PATH = "/authenticate/api/v1/token"  # POST form username, password
CLIENTSERVICE_PATH = "/v3/clientservice.json"  # POST {"inputRequests": [...]}, Bearer token
