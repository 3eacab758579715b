"""Synthesis: from each method's bar of the football field to a valuation range and an indicative
offer range per share.

Every method's range is bridged to pre-money equity: an equity method (P/E, dividend yield, P/B,
P/NTA, P/EV) gives it directly; an EV method gives it after the debt it was priced against (net
debt, and lease liabilities on the post-AASB 16 basis; see lease_basis.py). The IPO discount
(default 15 %) is defined against that pre-money equity: offer price = pre-money equity per
pre-offer share x (1 - discount). New money then comes in at that price, so the listed company is
worth pre-money equity + the raise over pre-offer + new shares; the effective discount to that
post-listing value is shown beside the stated one (it is smaller, because the raise is priced at
par).

- `valuation_range`: the weighted average of the bars' equity values per share after the
  discount (low, mid and high averaged separately). A low end that is not positive is floored at
  zero with a warning; a mid that is not positive cannot be priced and is refused. Each bar's
  price per share is floored at zero likewise, for the football field; its equity value keeps the
  deficit, and the average is taken over the equity values.
- `price_per_share`, the indicative offer range: centred on the valuation range's mid, at most
  +/- `offer_range_width` of it (default 10 %), and never outside the valuation range.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from valuation.errors import ValuationInputError
from valuation.money import aud

DEFAULT_IPO_DISCOUNT = 0.15
DEFAULT_OFFER_RANGE_WIDTH = 0.10
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
    """One bar of the football field. `value` is the enterprise value; `equity_value` the
    pre-money equity it bridges to; `per_share` the price per pre-offer share after the IPO
    discount (filled in by `synthesise`)."""

    method: str
    value: ValueRange
    weight: float
    equity_value: ValueRange | None = None
    per_share: ValueRange | None = None
    period: str | None = None  # LTM / FY1 / FY2; None for the DCF (every forecast year)
    gives: str = "enterprise"  # what the method values directly: "enterprise" or "equity"
    multiple_low: float | None = None
    multiple_mid: float | None = None
    multiple_high: float | None = None
    basis: str = ""


@dataclass(frozen=True, slots=True)
class IpoPricing:
    methods: tuple[MethodRange, ...]
    enterprise_value: ValueRange
    equity_value: ValueRange  # pre-money, before the IPO discount
    ipo_discount: float  # to pre-money equity
    effective_discount: float  # the offer mid against the post-listing value per share
    valuation_range: ValueRange  # per pre-offer share, after the discount
    price_per_share: ValueRange  # the indicative offer range
    offer_range_width: float
    new_shares: float  # at the mid offer price
    post_money_market_cap: float  # at the mid offer price
    implied_ev_to_ebitda: float | None  # at the mid offer price
    peer_median_ev_to_ebitda: float | None
    warnings: tuple[str, ...]
    warning_codes: tuple[str, ...]


def bar(
    method: str,
    weight: float,
    value: ValueRange,
    *,
    gives: str,
    debt_like: float,
    period: str | None,
    multiples: tuple[float, float, float] | None,
    basis: str,
) -> MethodRange:
    """A bar from a method's own range: EV methods bridge down by `debt_like`, equity methods
    bridge up by it so that every bar shows both."""
    if gives == "equity":
        equity, enterprise = value, value.shifted(debt_like)
    else:
        equity, enterprise = value.shifted(-debt_like), value
    low, mid, high = multiples if multiples is not None else (None, None, None)
    return MethodRange(
        method,
        enterprise,
        weight,
        equity_value=equity,
        period=period,
        gives=gives,
        multiple_low=low,
        multiple_mid=mid,
        multiple_high=high,
        basis=basis,
    )


def synthesise(
    methods: Sequence[MethodRange],
    *,
    pre_offer_shares: float,
    primary_raise: float,
    ipo_discount: float = DEFAULT_IPO_DISCOUNT,
    offer_range_width: float = DEFAULT_OFFER_RANGE_WIDTH,
    subject_ebitda: float | None = None,
    debt_like: float = 0.0,
    peer_median_ev_to_ebitda: float | None = None,
) -> IpoPricing:
    """Weight the bars, discount for the IPO and price per share (module docstring)."""
    _check_inputs(methods, pre_offer_shares, primary_raise, ipo_discount, offer_range_width)
    per_share_factor = (1 - ipo_discount) / pre_offer_shares
    bars = tuple(_with_per_share(m, per_share_factor) for m in methods)
    weighted = [m for m in bars if m.weight > 0]
    enterprise = _weighted([(m.weight, m.value) for m in weighted])
    equity = _weighted([(m.weight, _equity(m)) for m in weighted])
    if enterprise.mid <= 0:
        below = ", ".join(m.method for m in weighted if m.value.mid <= 0)
        raise ValuationInputError(
            f"The weighted enterprise value is not positive at the mid ({aud(enterprise.mid)}): "
            f"{below} value the business below nothing. Check that method's inputs (a negative "
            "terminal value, say, from a return on new capital below growth)."
        )
    if equity.mid <= 0:
        raise ValuationInputError(
            f"The equity value is not positive: net debt and leases of {aud(debt_like)} exceed "
            f"the weighted enterprise value of {aud(enterprise.mid)} by {aud(-equity.mid)} at "
            "the mid. Check net debt and lease liabilities (in A$, not thousands)."
        )
    codes: list[str] = []
    warnings: list[str] = []
    raw = equity.scaled(per_share_factor)
    valuation = ValueRange(max(raw.low, 0.0), raw.mid, raw.high)
    if raw.low <= 0:
        codes.append("EQUITY_NOT_POSITIVE_AT_LOW")
        warnings.append(
            f"At the low end debt exceeds the value (equity A${equity.low:,.0f}): the valuation "
            "range starts at zero, and the offer range stays inside it."
        )
    price = offer_range(valuation, offer_range_width)
    new_shares = primary_raise / price.mid
    post_listing_value = (equity.mid + primary_raise) / (pre_offer_shares + new_shares)
    implied = None
    if subject_ebitda is not None and subject_ebitda > 0:
        implied = (price.mid * pre_offer_shares + debt_like) / subject_ebitda
    for code, message in _warnings(price, ipo_discount, implied, peer_median_ev_to_ebitda):
        codes.append(code)
        warnings.append(message)
    return IpoPricing(
        methods=bars,
        enterprise_value=enterprise,
        equity_value=equity,
        ipo_discount=ipo_discount,
        effective_discount=1 - price.mid / post_listing_value,
        valuation_range=valuation,
        price_per_share=price,
        offer_range_width=offer_range_width,
        new_shares=new_shares,
        post_money_market_cap=price.mid * (pre_offer_shares + new_shares),
        implied_ev_to_ebitda=implied,
        peer_median_ev_to_ebitda=peer_median_ev_to_ebitda,
        warnings=tuple(warnings),
        warning_codes=tuple(codes),
    )


def offer_range(valuation: ValueRange, width: float) -> ValueRange:
    """Centred on the valuation mid, at most +/- `width` of it, inside the valuation range."""
    mid = valuation.mid
    half = min(width * mid, mid - valuation.low, valuation.high - mid)
    return ValueRange(mid - half, mid, mid + half)


def _equity(method: MethodRange) -> ValueRange:
    assert method.equity_value is not None  # every bar is built by `bar`, which sets it
    return method.equity_value


def _with_per_share(method: MethodRange, factor: float) -> MethodRange:
    equity = method.equity_value if method.equity_value is not None else method.value
    # As the valuation range: a share is drawn from zero, never below; the equity keeps the deficit.
    drawn = equity.scaled(factor)
    return MethodRange(
        method.method,
        method.value,
        method.weight,
        equity_value=equity,
        per_share=ValueRange(max(drawn.low, 0.0), max(drawn.mid, 0.0), max(drawn.high, 0.0)),
        period=method.period,
        gives=method.gives,
        multiple_low=method.multiple_low,
        multiple_mid=method.multiple_mid,
        multiple_high=method.multiple_high,
        basis=method.basis,
    )


def _weighted(parts: Sequence[tuple[float, ValueRange]]) -> ValueRange:
    total = sum(w for w, _ in parts)
    return ValueRange(
        sum(w * r.low for w, r in parts) / total,
        sum(w * r.mid for w, r in parts) / total,
        sum(w * r.high for w, r in parts) / total,
    )


def _check_inputs(
    methods: Sequence[MethodRange],
    pre_offer_shares: float,
    primary_raise: float,
    discount: float,
    width: float,
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
    if not 0 <= width < 1:
        raise ValuationInputError("The offer range width must be at least 0 and below 1.")


def _warnings(
    price: ValueRange, discount: float, implied: float | None, peer_median: float | None
) -> list[tuple[str, str]]:
    found = []
    if price.low < ASX_MINIMUM_ISSUE_PRICE:
        found.append(
            (
                "PRICE_BELOW_ASX_MINIMUM",
                f"The offer range starts at A${price.low:.3f}, below the ASX minimum issue price "
                f"of A${ASX_MINIMUM_ISSUE_PRICE:.2f} (Listing Rule 2.1 condition 2): consider a "
                "share consolidation before listing.",
            )
        )
    if discount < 0.05 or discount > 0.30:
        found.append(
            ("UNUSUAL_IPO_DISCOUNT", f"An IPO discount of {discount:.0%} is outside 5-30 %.")
        )
    if implied is not None and peer_median:
        gap = implied / peer_median - 1
        if abs(gap) > 0.5:
            found.append(
                (
                    "OFFER_FAR_FROM_PEERS",
                    f"The offer implies EV/EBITDA {implied:.1f}x, {gap:+.0%} against the peer "
                    f"median {peer_median:.1f}x.",
                )
            )
    return found
