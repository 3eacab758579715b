"""Price to book for banks and insurers, adjusted for return on equity; price to NTA for REITs and
price to embedded value for life insurers.

A financial firm's balance sheet is mostly financial assets and liabilities carried near market
value, so book equity measures the capital it earns on, and debt is raw material rather than
financing: equity is valued directly, with no enterprise-value bridge.

The justified P/B of a firm in stable growth (Damodaran, Investment Valuation, 2nd ed., Wiley
2002, ch. 19 "Book Value Multiples"): with P0 = DPS1 / (ke - g), DPS1 = BV0 x ROE x payout and
the stable payout 1 - g / ROE,

    P0 / BV0 = (ROE - g) / (ke - g)

ROE being the expected return on the opening book equity. A firm earning more than its cost of
equity trades above book, one earning less below, one earning exactly ke at book, whatever its
growth; so comparing P/Bs while ignoring ROE would take low-ROE banks for cheap ones.

ROE adjustment. Peers' P/Bs are scaled to the subject's ROE by the ratio of the justified P/Bs,

    P/B subject = P/B peers x (ROE subject - g) / (ROE peers - g),

which assumes the subject and the peers share one cost of equity and one growth rate (ke cancels
in the ratio; it is still needed to check ke > g, without which there is no justified P/B).

Non-positive book equity, NTA or embedded value raises `MethodNotApplicable`: a multiple of a
deficit says nothing about value.
"""

from __future__ import annotations

from typing import Final

from valuation.errors import ValuationInputError
from valuation.method_value import (
    MethodValue,
    MultipleRange,
    multiple_method_value,
    range_text,
    require_finite,
    require_positive_metric,
)
from valuation.money import aud

BOOK_EQUITY_NOT_POSITIVE: Final = "BOOK_EQUITY_NOT_POSITIVE"
NTA_NOT_POSITIVE: Final = "NTA_NOT_POSITIVE"
EMBEDDED_VALUE_NOT_POSITIVE: Final = "EMBEDDED_VALUE_NOT_POSITIVE"
ROE_ADJUSTMENT_INCOMPLETE: Final = "ROE_ADJUSTMENT_INCOMPLETE"
ROE_ADJUSTMENT_NOT_APPLIED: Final = "ROE_ADJUSTMENT_NOT_APPLIED"


def justified_price_to_book(roe: float, cost_of_equity: float, growth: float) -> float:
    """(ROE - g) / (ke - g), decimal fractions; 1 when ROE = ke (see the module docstring).

    Negative when ROE < g: growth then costs more equity than it earns, and the model says only
    that the firm should not grow. Raises `ValuationInputError` unless ke > g.
    """
    for name, value in (("ROE", roe), ("The cost of equity", cost_of_equity), ("Growth", growth)):
        require_finite(name, value)
    if cost_of_equity <= growth:
        raise ValuationInputError(
            f"The cost of equity {cost_of_equity:.2%} must exceed growth {growth:.2%}: the "
            "Gordon growth model has no finite value otherwise."
        )
    return (roe - growth) / (cost_of_equity - growth)


def value_by_price_to_book(
    book_equity: float,
    multiples: MultipleRange,
    subject_roe: float | None = None,
    peer_median_roe: float | None = None,
    cost_of_equity: float | None = None,
    growth: float | None = None,
) -> MethodValue:
    """Equity value = book equity x P/B at each of low / mid / high.

    With all of `subject_roe`, `peer_median_roe`, `cost_of_equity` and `growth`, the peers' P/Bs
    are first scaled by (ROE subject - g) / (ROE peers - g); `multiples` of the result are the
    scaled ones, and `details` hold the factor, both justified P/Bs and the peers' unscaled
    range. With only some of them, or an ROE not above g (the ratio would be meaningless), the
    peers' P/Bs apply unscaled, with a warning.

    Raises `MethodNotApplicable` (`BOOK_EQUITY_NOT_POSITIVE`) for zero or negative book equity
    and `ValuationInputError` for figures that are not numbers or ke not above g.
    """
    require_positive_metric(
        "Book equity",
        book_equity,
        BOOK_EQUITY_NOT_POSITIVE,
        "a P/B applies only to positive book equity; value the company by another method.",
    )
    inputs = {
        "subject ROE": subject_roe,
        "peer median ROE": peer_median_roe,
        "cost of equity": cost_of_equity,
        "growth": growth,
    }
    on_book = f"on book equity {aud(book_equity)}"
    missing = [name for name, value in inputs.items() if value is None]
    if missing and len(missing) < len(inputs):
        warning = (
            ROE_ADJUSTMENT_INCOMPLETE,
            f"The peers' P/B is not adjusted for ROE: {', '.join(missing)} not given (the "
            "adjustment needs the subject and peer ROE, the cost of equity and growth).",
        )
        return _unadjusted(book_equity, multiples, on_book, (warning,))
    if subject_roe is None or peer_median_roe is None or cost_of_equity is None or growth is None:
        return _unadjusted(book_equity, multiples, on_book, ())
    subject_pb = justified_price_to_book(subject_roe, cost_of_equity, growth)
    peer_pb = justified_price_to_book(peer_median_roe, cost_of_equity, growth)
    if subject_roe <= growth or peer_median_roe <= growth:
        warning = (
            ROE_ADJUSTMENT_NOT_APPLIED,
            f"The peers' P/B is not adjusted for ROE: with ROE of {subject_roe:.1%} (subject) "
            f"and {peer_median_roe:.1%} (peers) against growth of {growth:.1%}, a justified P/B "
            "is not positive and their ratio means nothing.",
        )
        return _unadjusted(book_equity, multiples, on_book, (warning,))
    factor = subject_pb / peer_pb
    adjusted = MultipleRange(
        multiples.low * factor, multiples.mid * factor, multiples.high * factor
    )
    return multiple_method_value(
        gives="equity",
        metric=book_equity,
        multiples=adjusted,
        basis=(
            f"P/B {range_text(adjusted, decimals=2)} {on_book}: the peers' "
            f"{range_text(multiples, decimals=2)} scaled by {factor:.2f} for ROE "
            f"{subject_roe:.1%} against the peer median {peer_median_roe:.1%} "
            f"((ROE - g) / (peer ROE - g), g {growth:.1%} and ke {cost_of_equity:.1%} for both)"
        ),
        details={
            "roe_adjustment_factor": factor,
            "subject_roe": subject_roe,
            "peer_median_roe": peer_median_roe,
            "cost_of_equity": cost_of_equity,
            "growth": growth,
            "subject_justified_price_to_book": subject_pb,
            "peer_justified_price_to_book": peer_pb,
            "peer_price_to_book_low": multiples.low,
            "peer_price_to_book_mid": multiples.mid,
            "peer_price_to_book_high": multiples.high,
        },
    )


def value_by_price_to_nta(net_tangible_assets: float, multiples: MultipleRange) -> MethodValue:
    """Equity value = NTA x P/NTA, for REITs.

    A REIT's assets are investment properties carried at fair value (AASB 140), independently
    valued in rotation, so net tangible assets approximate the value of what it owns and REITs
    trade at a premium or discount to NTA rather than on earnings. Raises `MethodNotApplicable`
    (`NTA_NOT_POSITIVE`) for zero or negative NTA.
    """
    require_positive_metric(
        "Net tangible assets",
        net_tangible_assets,
        NTA_NOT_POSITIVE,
        "a P/NTA applies only to positive net tangible assets.",
    )
    return multiple_method_value(
        gives="equity",
        metric=net_tangible_assets,
        multiples=multiples,
        basis=(
            f"P/NTA {range_text(multiples, decimals=2)} on net tangible assets "
            f"{aud(net_tangible_assets)}"
        ),
    )


def value_by_price_to_embedded_value(
    embedded_value: float, multiples: MultipleRange
) -> MethodValue:
    """Equity value = embedded value x P/EV, for life insurers that report one.

    Embedded value is the adjusted net worth plus the present value of future shareholder profits
    from the business in force (CFO Forum, European Embedded Value Principles, 2004): a life
    insurer's book equity leaves out most of the value of policies already written, which EV
    counts. Raises `MethodNotApplicable` (`EMBEDDED_VALUE_NOT_POSITIVE`) for zero or negative EV.
    """
    require_positive_metric(
        "Embedded value",
        embedded_value,
        EMBEDDED_VALUE_NOT_POSITIVE,
        "a P/EV applies only to a positive embedded value.",
    )
    return multiple_method_value(
        gives="equity",
        metric=embedded_value,
        multiples=multiples,
        basis=(f"P/EV {range_text(multiples, decimals=2)} on embedded value {aud(embedded_value)}"),
    )


def _unadjusted(
    book_equity: float,
    multiples: MultipleRange,
    on_book: str,
    warnings: tuple[tuple[str, str], ...],
) -> MethodValue:
    return multiple_method_value(
        gives="equity",
        metric=book_equity,
        multiples=multiples,
        basis=f"P/B {range_text(multiples, decimals=2)} {on_book}",
        warnings=warnings,
    )
