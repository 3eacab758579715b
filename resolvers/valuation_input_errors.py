"""The user errors of createValuation's newer inputs: the optional amounts and shares, the
methods and the caller's peers. Each names its field as the caller wrote it."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

from strawberry.utils.str_converters import to_camel_case

from schema.bounds import (
    BETA,
    DIVIDEND_YIELD,
    FISCAL_YEARS,
    MAX_CUSTOM_PEER_TEXT,
    MAX_CUSTOM_PEERS,
    MAX_HOLDERS,
    METHOD_WEIGHT,
    MONEY_LIMIT,
    MULTIPLE,
    SHARE_OF_ONE,
    TARGET_DEBT_TO_EQUITY,
    YIELD_RANGE,
    Bounds,
)
from schema.types.valuation_inputs import CustomPeerInput, RangeInput, ValuationInput
from schema.types.valuation_inputs import ValuationMethod as Method
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
                bounds = YIELD_RANGE if m.method is Method.DIVIDEND_YIELD else MULTIPLE
                errors += _range_errors((*at, "multiple_range"), m.multiple_range, bounds)
        if methods and all(m.weight <= 0 for m in methods):
            errors.append(error(path, "NO_WEIGHTED_METHOD", "Give one method a positive weight."))
    if len(data.custom_peers) > MAX_CUSTOM_PEERS:
        return [*errors, error(("custom_peers",), "TOO_MANY", f"At most {MAX_CUSTOM_PEERS}.")]
    names: list[str] = []
    for index, peer in enumerate(data.custom_peers):
        where = ("custom_peers", str(index))
        errors += _peer_text_errors(where, peer)
        if peer.name in names:
            errors.append(
                error((*where, "name"), "DUPLICATE_PEER", f"{peer.name[:40]!r} is named twice.")
            )
        names.append(peer.name)
        for name in ("ev_to_ebitda", "ev_to_ebit", "price_to_earnings", "price_to_book"):
            errors += _outside((*where, name), getattr(peer, name), MULTIPLE)
        errors += _outside((*where, "dividend_yield"), peer.dividend_yield, DIVIDEND_YIELD)
        errors += _outside((*where, "levered_beta"), peer.levered_beta, BETA)
        errors += _outside((*where, "debt_to_equity"), peer.debt_to_equity, TARGET_DEBT_TO_EQUITY)
    return errors


def _peer_text_errors(where: tuple[str, ...], peer: CustomPeerInput) -> list[CreateValuationError]:
    """As companyName: 1 to MAX_CUSTOM_PEER_TEXT characters, no control characters (an escape
    sequence would reach every report that prints the name)."""
    errors = []
    for name in ("name", "country", "currency", "source"):
        text = getattr(peer, name)
        if text is None:
            continue
        if not 0 < len(text.strip()) <= MAX_CUSTOM_PEER_TEXT:
            errors.append(
                error((*where, name), "INVALID", f"1 to {MAX_CUSTOM_PEER_TEXT} characters.")
            )
        elif any(unicodedata.category(c) in ("Cc", "Cs") for c in text):
            errors.append(error((*where, name), "INVALID", "Control characters are not allowed."))
    return errors


def _range_errors(
    path: tuple[str, ...], given: RangeInput, bounds: Bounds
) -> list[CreateValuationError]:
    low, high = given.low, given.high
    errors = _outside((*path, "low"), low, bounds) + _outside((*path, "high"), high, bounds)
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
