"""What createValuation checks before it takes a quota slot: each field within plausible bounds,
and the peers the job would value against (the same selection the worker makes, on the data the
API's loaders read). Whatever the worker would refuse for its input is refused here instead."""

from __future__ import annotations

import re
import unicodedata

from strawberry.utils.str_converters import to_camel_case

from contracts.valuation_input import ValuationJobInput
from core.errors import ProviderError, ProviderUnavailable
from repositories.companies import candidate_tickers
from resolvers.valuation_input_errors import error, method_errors, optional_amount_errors

__all__ = ["error", "peer_errors", "validate", "warnings_for"]
from schema.bounds import (
    ASSUMPTION_BOUNDS,
    FISCAL_YEARS,
    MAX_COMPANY_NAME_LENGTH,
    MAX_EXCLUDED_PEERS,
    MAX_PEERS,
    MAX_YEARS,
    MONEY_LIMIT,
    SHARES,
)
from schema.context import Info
from schema.types.valuation import ValuationInputWarning
from schema.types.valuation_inputs import AssumptionsInput, ValuationInput
from schema.types.valuation_payloads import CreateValuationError
from valuation.engine import MINIMUM_PEERS_WITH_BETA
from valuation.money import aud
from valuation.peer_selection import choose_peers
from valuation.plausibility import PERIOD_AMOUNTS, input_warnings

TICKER = re.compile(r"[A-Za-z0-9]{1,6}")  # used with fullmatch
_COMPANY_SUFFIXES = {"limited", "ltd", "pty", "proprietary", "the", "holdings", "group"}


def validate(data: ValuationInput) -> list[CreateValuationError]:
    """Every field on its own and the shape of the input: no provider or database read."""
    errors = _name_errors(data.company_name)
    errors += _period_errors(data)
    errors += _amount_errors(data)
    errors += _ticker_errors("peers", data.peers, MAX_PEERS)
    errors += _ticker_errors("exclude_peers", data.exclude_peers, MAX_EXCLUDED_PEERS)
    errors += _assumption_errors(data.assumptions or AssumptionsInput())
    errors += optional_amount_errors(data)
    errors += method_errors(data)
    return errors


def warnings_for(inputs: ValuationJobInput) -> list[ValuationInputWarning]:
    """The implausibilities of stored inputs, as the result will list them."""
    return [
        ValuationInputWarning(
            field=["input", *(to_camel_case(part) for part in w.field)],
            code=w.code,
            message=w.message,
        )
        for w in input_warnings(inputs.valuation.to_engine())
    ]


async def peer_errors(info: Info, data: ValuationInput) -> list[CreateValuationError]:
    """The peers the job would use, checked as the job will: named peers that are listed, usable
    and not the company itself, and enough of them (named or chosen) with a beta. When a provider
    cannot answer now, the data checks are left to the job, which retries its upstreams."""
    named = [t.upper() for t in data.peers]
    excluded = {t.upper() for t in data.exclude_peers}
    errors = await _named_peer_errors(info, data.company_name, named, excluded)
    usable = [t for i, t in enumerate(named) if not any(_at(e, "peers", i) for e in errors)]
    if named and not usable:
        return errors
    loaders, services = info.context.loaders, info.context.services
    group = data.gics_industry_group.value
    async with services.sessions() as session:
        tickers = await candidate_tickers(session, group, usable, data.exclude_peers)
    try:
        market = dict(
            zip(tickers, await loaders.market_data_by_ticker.load_many(tickers), strict=True)
        )
        statements = dict(
            zip(tickers, await loaders.financials_by_ticker.load_many(tickers), strict=True)
        )
    except (ProviderUnavailable, ProviderError):
        return errors
    subject_revenue = data.history[-1].revenue
    chosen = [
        peer for peer, _ in choose_peers(tickers, market, statements, subject_revenue, bool(named))
    ]
    found = {peer.ticker for peer in chosen}
    for index, ticker in enumerate(named):
        if ticker in usable and ticker not in found:
            errors.append(
                error(
                    ("peers", str(index)),
                    "PEER_WITHOUT_DATA",
                    f"{ticker} has no market data or financial statements to value against.",
                )
            )
    with_beta = [peer.ticker for peer in chosen if peer.levered_beta is not None]
    # A caller's peer counts with its gearing, as the engine unlevers it (StoredCustomPeer).
    with_beta += [
        p.name
        for p in data.custom_peers
        if p.levered_beta is not None and p.debt_to_equity is not None
    ]
    if len(with_beta) < MINIMUM_PEERS_WITH_BETA:
        errors.append(
            _too_few_with_beta(data, named, chosen_count=len(chosen), with_beta=with_beta)
        )
    return errors


async def _named_peer_errors(
    info: Info, company_name: str, named: list[str], excluded: set[str]
) -> list[CreateValuationError]:
    errors: list[CreateValuationError] = []
    valid = [t for t in named if TICKER.fullmatch(t)]
    entries = dict(
        zip(valid, await info.context.loaders.company_by_ticker.load_many(valid), strict=True)
    )
    subject = _comparable_name(company_name)
    for index, ticker in enumerate(named):
        path = ("peers", str(index))
        entry = entries.get(ticker)
        if not TICKER.fullmatch(ticker):
            continue  # validate() has said so
        if ticker in named[:index]:
            errors.append(error(path, "DUPLICATE_PEER", f"{ticker} is named twice."))
        elif ticker in excluded:
            errors.append(error(path, "PEER_EXCLUDED", f"{ticker} is also in excludePeers."))
        elif entry is None:
            errors.append(
                error(path, "UNKNOWN_PEER", f"{ticker} is not the code of an ASX-listed company.")
            )
        elif entry.gics_industry_group is None:
            errors.append(
                error(
                    path,
                    "PEER_WITHOUT_INDUSTRY",
                    f"{ticker} ({entry.name}) has no GICS industry group (a trust, fund or class "
                    "pending quotation): not an operating company to compare with.",
                )
            )
        elif _comparable_name(entry.name) == subject:
            errors.append(
                error(path, "PEER_IS_SUBJECT", f"{ticker} is {entry.name}, the company itself.")
            )
    return errors


def _too_few_with_beta(
    data: ValuationInput, named: list[str], chosen_count: int, with_beta: list[str]
) -> CreateValuationError:
    needed = f"the beta is the peers' median and needs at least {MINIMUM_PEERS_WITH_BETA}"
    listed = f" ({', '.join(with_beta)})" if with_beta else ""
    if named:
        return error(
            ("peers",),
            "TOO_FEW_PEERS_WITH_BETA",
            f"{len(with_beta)} of the {chosen_count} usable named peers have a beta{listed}; "
            f"{needed}.",
        )
    if data.history[-1].revenue <= 0:
        reason = "peers are chosen by revenue, and the latest revenue is not positive"
    else:
        reason = (
            f"{len(with_beta)} of the {chosen_count} profitable companies chosen from it have a "
            f"beta{listed}; {needed}"
        )
    return error(
        ("gics_industry_group",),
        "TOO_FEW_PEERS_WITH_BETA",
        f"{data.gics_industry_group.value}: {reason}. Name the peers in `peers`.",
    )


def _at(user_error: CreateValuationError, *path: object) -> bool:
    expected = ["input", *(str(p) for p in path)]
    return user_error.field == expected


def _comparable_name(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", name.casefold())
    return " ".join(w for w in words if w not in _COMPANY_SUFFIXES)


def _name_errors(name: str) -> list[CreateValuationError]:
    if not name.strip() or len(name) > MAX_COMPANY_NAME_LENGTH:
        return [error(("company_name",), "INVALID", f"1 to {MAX_COMPANY_NAME_LENGTH} characters.")]
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in name):
        return [
            error(
                ("company_name",),
                "INVALID",
                "Control characters and lone surrogates are not allowed in a name.",
            )
        ]
    return []


def _period_errors(data: ValuationInput) -> list[CreateValuationError]:
    errors = []
    if not data.history:
        errors.append(error(("history",), "REQUIRED", "At least one historical fiscal year."))
    for name, periods in (("history", data.history), ("forecast", data.forecast)):
        if len(periods) > MAX_YEARS:
            errors.append(error((name,), "TOO_MANY", f"At most {MAX_YEARS} fiscal years."))
    years = [p.fiscal_year_end for p in [*data.history, *data.forecast]]
    if years != sorted(set(years)):
        errors.append(
            error(
                ("history",),
                "NOT_IN_ORDER",
                "Fiscal years must be distinct, oldest first, forecast after history.",
            )
        )
    low, high = FISCAL_YEARS
    for name, periods in (("history", data.history), ("forecast", data.forecast)):
        for index, period in enumerate(periods):
            if not low <= period.fiscal_year_end <= high:
                errors.append(
                    error(
                        (name, str(index), "fiscal_year_end"),
                        "OUT_OF_RANGE",
                        f"Between {low.isoformat()} and {high.isoformat()}; got "
                        f"{period.fiscal_year_end.isoformat()}.",
                    )
                )
    return errors


def _amount_errors(data: ValuationInput) -> list[CreateValuationError]:
    """Money within +-MONEY_LIMIT, shares within SHARES, every number finite (net debt and
    leases are filled in before, typed or from documents: resolvers/valuation_documents.py)."""
    amounts: list[tuple[tuple[str, ...], float]] = [
        (("net_debt",), data.net_debt or 0.0),
        (("lease_liabilities",), data.lease_liabilities or 0.0),
        (("primary_raise",), data.primary_raise),
    ]
    for name, periods in (("history", data.history), ("forecast", data.forecast)):
        for index, period in enumerate(periods):
            amounts += [((name, str(index), f), getattr(period, f)) for f in PERIOD_AMOUNTS]
    errors = [
        error(
            path,
            "OUT_OF_RANGE",
            f"A finite amount in A$ between {aud(-MONEY_LIMIT)} and {aud(MONEY_LIMIT)}; got "
            f"{value:.6g}.",
        )
        for path, value in amounts
        if not -MONEY_LIMIT <= value <= MONEY_LIMIT  # False for NaN, too
    ]
    for path, value in amounts:
        if path[-1] == "revenue" and value < 0:
            errors.append(error(path, "NEGATIVE", "Revenue cannot be negative."))
    for name, value in (
        ("primary_raise", data.primary_raise),
        ("lease_liabilities", data.lease_liabilities or 0.0),
    ):
        if value < 0:
            errors.append(error((name,), "NEGATIVE", "Cannot be negative."))
    shares = data.pre_offer_shares
    if not SHARES[0] <= shares <= SHARES[1]:
        code = "NOT_POSITIVE" if shares <= 0 else "OUT_OF_RANGE"
        errors.append(
            error(
                ("pre_offer_shares",),
                code,
                f"A count of shares between {SHARES[0]:,.0f} and {SHARES[1]:,.0f}; got "
                f"{shares:.6g}.",
            )
        )
    return errors


def _ticker_errors(name: str, tickers: list[str], limit: int) -> list[CreateValuationError]:
    if len(tickers) > limit:
        return [error((name,), "TOO_MANY", f"At most {limit} codes.")]
    return [
        error(
            (name, str(index)),
            "INVALID_TICKER",
            f"An ASX code is 1 to 6 letters or digits; got {ticker[:20]!r}.",
        )
        for index, ticker in enumerate(tickers)
        if not TICKER.fullmatch(ticker)
    ]


def _assumption_errors(a: AssumptionsInput) -> list[CreateValuationError]:
    errors = []
    for name, (low, high) in ASSUMPTION_BOUNDS.items():
        value = getattr(a, name)
        if value is not None and not low <= value <= high:  # False for NaN, too
            errors.append(
                error(
                    ("assumptions", name),
                    "OUT_OF_RANGE",
                    f"Between {low} and {high} (a decimal fraction: 0.05 is 5 %); got {value:.6g}.",
                )
            )
    return errors
