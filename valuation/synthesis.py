"""Synthesis: from each method's value range to an indicative IPO price range per share.

Each method gives an enterprise-value range (low / mid / high): the football field. The weighted
average of the methods (default weights: DCF 2, trading comparables 1, precedent transactions 0,
since transactions price control rather than a minority listing) gives the enterprise value; less
net debt (and lease liabilities when EBITDA is measured after AASB 16, since EV/EBITDA then counts
leases as debt) gives the pre-money equity value; the IPO discount (default 15 %) gives the offer
price per pre-offer share. New shares = primary raise / offer price.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from valuation.errors import ValuationInputError

DEFAULT_WEIGHTS = {"dcf": 2.0, "trading_comparables": 1.0, "precedent_transactions": 0.0}
DEFAULT_IPO_DISCOUNT = 0.15
# ASX Listing Rule 2.1 (condition 2): securities offered at an IPO must be issued for at least 20c.
ASX_MINIMUM_ISSUE_PRICE = 0.20


@dataclass(frozen=True, slots=True)
class ValueRange:
    low: float
    mid: float
    high: float

    def scaled(self, factor: float) -> ValueRange:
        return ValueRange(self.low * factor, self.mid * factor, self.high * factor)

    def shifted(self, amount: float) -> ValueRange:
        return ValueRange(self.low + amount, self.mid + amount, self.high + amount)


@dataclass(frozen=True, slots=True)
class MethodRange:
    """One bar of the football field: an enterprise-value range and the method's weight."""

    method: str
    value: ValueRange
    weight: float


@dataclass(frozen=True, slots=True)
class IpoPricing:
    methods: tuple[MethodRange, ...]
    enterprise_value: ValueRange
    equity_value: ValueRange  # pre-money, before the IPO discount
    ipo_discount: float
    price_per_share: ValueRange  # offer price per pre-offer share, after the discount
    new_shares: float  # at the mid price
    post_money_market_cap: float  # at the mid price
    implied_ev_to_ebitda: float | None  # at the mid price
    peer_median_ev_to_ebitda: float | None
    warnings: tuple[str, ...]


def synthesise(
    methods: Sequence[MethodRange],
    *,
    net_debt: float,
    lease_liabilities: float,
    ebitda_post_aasb16: bool,
    pre_offer_shares: float,
    primary_raise: float,
    ipo_discount: float = DEFAULT_IPO_DISCOUNT,
    subject_ebitda: float | None = None,
    peer_median_ev_to_ebitda: float | None = None,
) -> IpoPricing:
    """Weight the methods, bridge to equity, discount for the IPO and price per share."""
    _check_inputs(methods, pre_offer_shares, primary_raise, ipo_discount)
    weighted = [m for m in methods if m.weight > 0]
    total = sum(m.weight for m in weighted)
    enterprise = ValueRange(
        sum(m.weight * m.value.low for m in weighted) / total,
        sum(m.weight * m.value.mid for m in weighted) / total,
        sum(m.weight * m.value.high for m in weighted) / total,
    )
    debt_like = net_debt + (lease_liabilities if ebitda_post_aasb16 else 0.0)
    equity = enterprise.shifted(-debt_like)
    price = equity.scaled((1 - ipo_discount) / pre_offer_shares)
    warnings = _warnings(equity, price, ipo_discount)
    new_shares = primary_raise / price.mid if price.mid > 0 else 0.0
    implied = None
    if subject_ebitda is not None and subject_ebitda > 0 and price.mid > 0:
        implied = (price.mid * pre_offer_shares + debt_like) / subject_ebitda
    if implied is not None and peer_median_ev_to_ebitda:
        gap = implied / peer_median_ev_to_ebitda - 1
        if abs(gap) > 0.5:
            warnings.append(
                f"The offer implies EV/EBITDA {implied:.1f}x, {gap:+.0%} against the peer median "
                f"{peer_median_ev_to_ebitda:.1f}x."
            )
    return IpoPricing(
        methods=tuple(methods),
        enterprise_value=enterprise,
        equity_value=equity,
        ipo_discount=ipo_discount,
        price_per_share=price,
        new_shares=new_shares,
        post_money_market_cap=price.mid * (pre_offer_shares + new_shares),
        implied_ev_to_ebitda=implied,
        peer_median_ev_to_ebitda=peer_median_ev_to_ebitda,
        warnings=tuple(warnings),
    )


def _check_inputs(
    methods: Sequence[MethodRange], pre_offer_shares: float, primary_raise: float, discount: float
) -> None:
    if not any(m.weight > 0 for m in methods):
        raise ValuationInputError("At least one valuation method needs a positive weight.")
    if any(m.weight < 0 for m in methods):
        raise ValuationInputError("Method weights cannot be negative.")
    for method in methods:
        if not method.value.low <= method.value.mid <= method.value.high:
            raise ValuationInputError(f"{method.method}: low <= mid <= high does not hold.")
    if pre_offer_shares <= 0:
        raise ValuationInputError("Pre-offer shares must be positive.")
    if primary_raise < 0:
        raise ValuationInputError("The primary raise cannot be negative.")
    if not 0 <= discount < 1:
        raise ValuationInputError("The IPO discount must be at least 0 and below 1.")


def _warnings(equity: ValueRange, price: ValueRange, discount: float) -> list[str]:
    warnings = []
    if equity.low <= 0:
        warnings.append(
            "Debt exceeds the low enterprise value: the low equity value is not positive."
        )
    if 0 < price.mid < ASX_MINIMUM_ISSUE_PRICE:
        warnings.append(
            f"The mid offer price {price.mid:.3f} is below the ASX minimum issue price of "
            f"{ASX_MINIMUM_ISSUE_PRICE:.2f}: consider a share consolidation before listing."
        )
    if discount < 0.05 or discount > 0.30:
        warnings.append(f"An IPO discount of {discount:.0%} is outside the usual 5-30 %.")
    return warnings
