"""What a statement line can report: the platform's fields and the figures the derivations and
the checks need, with the statement each belongs to.

Home statements follow AASB 101.82 (profit or loss), 101.54 (financial position) and AASB 107
(cash flows). A concept read from another statement (depreciation from the cash-flow statement's
reconciliation, AASB 107.20(b)) is used only when its home statement does not give it.
"""

from __future__ import annotations

from enum import StrEnum

from documents.model import Field
from documents.table import StatementKind


class Concept(StrEnum):
    """What a line reports: a platform field, or a figure the derivations and checks need."""

    REVENUE = Field.REVENUE.value
    EBITDA = Field.EBITDA.value
    EBIT = Field.EBIT.value
    NET_INCOME = Field.NET_INCOME.value
    DEPRECIATION_AND_AMORTISATION = Field.DEPRECIATION_AND_AMORTISATION.value
    CAPITAL_EXPENDITURE = Field.CAPITAL_EXPENDITURE.value
    CHANGE_IN_WORKING_CAPITAL = Field.CHANGE_IN_WORKING_CAPITAL.value
    CASH = Field.CASH.value
    BORROWINGS = Field.BORROWINGS.value
    LEASE_LIABILITIES = Field.LEASE_LIABILITIES.value
    TOTAL_ASSETS = Field.TOTAL_ASSETS.value
    TOTAL_LIABILITIES = Field.TOTAL_LIABILITIES.value
    TOTAL_EQUITY = Field.TOTAL_EQUITY.value
    SHARES_OUTSTANDING = Field.SHARES_OUTSTANDING.value
    DIVIDENDS = Field.DIVIDENDS.value
    DEPRECIATION = "depreciation"
    AMORTISATION = "amortisation"
    PROFIT_BEFORE_TAX = "profit_before_tax"
    INCOME_TAX = "income_tax"
    FINANCE_COSTS = "finance_costs"
    FINANCE_INCOME = "finance_income"
    NET_FINANCE_COSTS = "net_finance_costs"
    OTHER_INCOME = "other_income"
    COST_OF_SALES = "cost_of_sales"
    GROSS_PROFIT = "gross_profit"
    TOTAL_CURRENT_ASSETS = "total_current_assets"
    TOTAL_NON_CURRENT_ASSETS = "total_non_current_assets"
    TOTAL_CURRENT_LIABILITIES = "total_current_liabilities"
    TOTAL_NON_CURRENT_LIABILITIES = "total_non_current_liabilities"
    TOTAL_LIABILITIES_AND_EQUITY = "total_liabilities_and_equity"
    NET_ASSETS = "net_assets"
    NET_OPERATING_CASH = "net_operating_cash_flow"
    NET_INVESTING_CASH = "net_investing_cash_flow"
    NET_FINANCING_CASH = "net_financing_cash_flow"
    NET_CHANGE_IN_CASH = "net_change_in_cash"
    OPENING_CASH = "opening_cash"
    CLOSING_CASH = "closing_cash"
    EXCHANGE_ON_CASH = "exchange_rate_effect_on_cash"

    @property
    def field(self) -> Field | None:
        try:
            return Field(self.value)
        except ValueError:
            return None


SPLIT = frozenset({Concept.BORROWINGS, Concept.LEASE_LIABILITIES})
_K = StatementKind
HOME: dict[Concept, StatementKind] = {
    **dict.fromkeys(
        (
            Concept.REVENUE,
            Concept.EBIT,
            Concept.PROFIT_BEFORE_TAX,
            Concept.INCOME_TAX,
            Concept.FINANCE_COSTS,
            Concept.FINANCE_INCOME,
            Concept.COST_OF_SALES,
            Concept.GROSS_PROFIT,
            Concept.OTHER_INCOME,
            Concept.EBITDA,
        ),
        _K.INCOME,
    ),
    **dict.fromkeys(
        (
            Concept.CASH,
            Concept.BORROWINGS,
            Concept.LEASE_LIABILITIES,
            Concept.TOTAL_ASSETS,
            Concept.TOTAL_LIABILITIES,
            Concept.TOTAL_EQUITY,
            Concept.TOTAL_CURRENT_ASSETS,
            Concept.TOTAL_CURRENT_LIABILITIES,
            Concept.TOTAL_NON_CURRENT_ASSETS,
            Concept.TOTAL_NON_CURRENT_LIABILITIES,
            Concept.NET_ASSETS,
        ),
        _K.BALANCE,
    ),
    **dict.fromkeys(
        (
            Concept.CAPITAL_EXPENDITURE,
            Concept.DIVIDENDS,
            Concept.NET_OPERATING_CASH,
            Concept.NET_INVESTING_CASH,
            Concept.NET_FINANCING_CASH,
            Concept.NET_CHANGE_IN_CASH,
            Concept.OPENING_CASH,
            Concept.CLOSING_CASH,
        ),
        _K.CASH_FLOW,
    ),
}
