"""The user errors of createValuation's newer inputs: the optional amounts and shares, the
methods and the caller's peers. Each names its field as the caller wrote it."""

from __future__ import annotations

import math
from collections.abc import Sequence

from strawberry.utils.str_converters import to_camel_case

from schema.bounds import (
    BETA,
    FISCAL_YEARS,
    MAX_CUSTOM_PEER_TEXT,
    MAX_CUSTOM_PEERS,
    MAX_HOLDERS,
    METHOD_WEIGHT,
    MONEY_LIMIT,
    MULTIPLE,
    SHARE_OF_ONE,
    TARGET_DEBT_TO_EQUITY,
)
from schema.types.valuation_inputs import RangeInput, ValuationInput
from schema.types.valuation_payloads import CreateValuationError, CreateValuationErrorCode
from valuation.money import aud


def error(path: Sequence[str], code: str, message: str) -> CreateValuationError:
    """A user error on `input.<path>` (camel case, as the caller wrote it); no path: the call."""
    field = ["input", *(to_camel_case(part) for part in path)] if path else None
    return CreateValuationError(field=field, code=CreateValuationErrorCode(code), message=message)


def optional_amount_errors(data: ValuationInput) -> list[CreateValuationError]:
    """The optional amounts in A$ (not negative, within +-MONEY_LIMIT), the shares of one, the
    holder count and the valuation date."""
    amounts: list[tuple[tuple[str, ...], float | None]] = [
        ((name,), getattr(data, name))
        for name in (
            "lease_payments",
            "book_equity",
            "net_tangible_assets",
            "embedded_value",
            "offer_costs",
        )
    ]
    for name, periods in (("history", data.history), ("forecast", data.forecast)):
        amounts += [((name, str(i), "dividends"), p.dividends) for i, p in enumerate(periods)]
    errors = []
    for path, value in amounts:
        if value is None:
            continue
        if not -MONEY_LIMIT <= value <= MONEY_LIMIT:
            errors.append(
                error(path, "OUT_OF_RANGE", f"A finite amount in A$ within {aud(MONEY_LIMIT)}.")
            )
        elif value < 0 and path[-1] not in ("book_equity", "net_tangible_assets"):
            errors.append(error(path, "NEGATIVE", "Cannot be negative."))
    for name in ("franking_percentage", "free_float"):
        errors += _outside((name,), getattr(data, name), SHARE_OF_ONE)
    holders = data.expected_holders
    if holders is not None and not 0 <= holders <= MAX_HOLDERS:
        errors.append(error(("expected_holders",), "OUT_OF_RANGE", f"0 to {MAX_HOLDERS:,}."))
    low, high = FISCAL_YEARS
    when = data.valuation_date
    if when is not None and not low <= when <= high:
        errors.append(
            error(("valuation_date",), "OUT_OF_RANGE", f"Between {low} and {high}; got {when}.")
        )
    return errors


def method_errors(data: ValuationInput) -> list[CreateValuationError]:
    """The caller's methods (each once, one weighted, ranges ordered) and peers (bounded)."""
    errors = []
    methods = data.assumptions.methods if data.assumptions else None
    if methods is not None:
        path = ("assumptions", "methods")
        if not methods:
            errors.append(error(path, "REQUIRED", "List at least one method, or leave it out."))
        seen: set[str] = set()
        for index, m in enumerate(methods):
            at = (*path, str(index))
            name = m.method.name
            if name in seen:
                errors.append(error(at, "DUPLICATE_METHOD", f"{name} is listed twice."))
            seen.add(name)
            errors += _outside((*at, "weight"), m.weight, METHOD_WEIGHT)
            if m.multiple_range is not None:
                errors += _range_errors((*at, "multiple_range"), m.multiple_range)
        if methods and all(m.weight <= 0 for m in methods):
            errors.append(error(path, "NO_WEIGHTED_METHOD", "Give one method a positive weight."))
    if len(data.custom_peers) > MAX_CUSTOM_PEERS:
        return [*errors, error(("custom_peers",), "TOO_MANY", f"At most {MAX_CUSTOM_PEERS}.")]
    for index, peer in enumerate(data.custom_peers):
        where = ("custom_peers", str(index))
        for name in ("name", "country", "currency", "source"):
            text = getattr(peer, name)
            if text is not None and not 0 < len(text.strip()) <= MAX_CUSTOM_PEER_TEXT:
                errors.append(
                    error((*where, name), "INVALID", f"1 to {MAX_CUSTOM_PEER_TEXT} characters.")
                )
        for name in ("ev_to_ebitda", "ev_to_ebit", "price_to_earnings", "price_to_book"):
            errors += _outside((*where, name), getattr(peer, name), MULTIPLE)
        errors += _outside((*where, "dividend_yield"), peer.dividend_yield, SHARE_OF_ONE)
        errors += _outside((*where, "levered_beta"), peer.levered_beta, BETA)
        errors += _outside((*where, "debt_to_equity"), peer.debt_to_equity, TARGET_DEBT_TO_EQUITY)
    return errors


def _range_errors(path: tuple[str, ...], given: RangeInput) -> list[CreateValuationError]:
    low, high = given.low, given.high
    errors = _outside((*path, "low"), low, MULTIPLE) + _outside((*path, "high"), high, MULTIPLE)
    if not errors and low > high:
        errors.append(error(path, "NOT_IN_ORDER", f"low {low} is above high {high}."))
    return errors


def _outside(
    path: tuple[str, ...], value: float | None, bounds: tuple[float, float]
) -> list[CreateValuationError]:
    low, high = bounds
    if value is None or (math.isfinite(value) and low <= value <= high):
        return []
    return [error(path, "OUT_OF_RANGE", f"Between {low:g} and {high:g}; got {value:.6g}.")]
