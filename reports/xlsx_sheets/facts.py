"""What the model is built from, read once from a completed valuation: the input with the engine's
defaults filled in, the peers in the engine's order, each bar of the football field with the
method choice behind it, and the peer statistics the bars used."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from contracts.valuation_result import StoredMethod
from providers.models import Transaction
from reports.model import ReportData
from valuation.inputs import Assumptions, Peer, ValuationInputs
from valuation.method_set import PEER_MULTIPLE, ValuationMethod

# The EV multiples, which leave out peers whose accounts predate AASB 16 (valuation/lease_basis.py).
ENTERPRISE_METHODS = frozenset({ValuationMethod.EV_TO_EBITDA, ValuationMethod.EV_TO_EBIT})


@dataclass(frozen=True, slots=True)
class Statistic:
    """One peer statistic: a multiple over the peers measured on one period."""

    multiple: str  # a TradingMultiples field: "ev_to_ebitda"
    period: str  # LTM, FY1 or FY2
    enterprise: bool  # an EV multiple: pre-AASB 16 peers are left out

    @property
    def name(self) -> str:
        return f"peers_{self.multiple}_{self.period.lower()}"


LTM_EV_TO_EBITDA = Statistic("ev_to_ebitda", "LTM", True)  # the headline, exit multiple, size
LTM_PRICE_TO_EARNINGS = Statistic("price_to_earnings", "LTM", False)  # size, when EV/EBITDA fails


@dataclass(frozen=True, slots=True)
class Choice:
    """A method as the valuation chose it (the caller's list or the sector model's)."""

    method: ValuationMethod
    weight: float
    period: str
    multiple_range: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of the football field, as stored, with its choice and what priced it."""

    stored: StoredMethod
    choice: Choice
    statistic: Statistic | None  # the peers' statistic; None for the DCF, a caller's range, ...
    from_transactions: bool  # priced on the precedent transactions' statistic

    @property
    def method(self) -> ValuationMethod:
        return ValuationMethod(self.stored.method)

    @property
    def slug(self) -> str:
        return self.stored.method.lower()


@dataclass(frozen=True, slots=True)
class ModelFacts:
    data: ReportData
    inputs: ValuationInputs  # the engine's view of the input: defaults filled in
    peers: tuple[Peer, ...]  # the providers', then the caller's, as the engine takes them
    transactions: tuple[Transaction, ...]
    choices: tuple[Choice, ...]
    bars: tuple[Bar, ...]
    statistics: tuple[Statistic, ...]

    @property
    def assumptions(self) -> Assumptions:
        return self.inputs.assumptions

    @property
    def payload(self) -> dict[str, Any]:
        return self.data.payload

    @property
    def dcf(self) -> dict[str, Any] | None:
        dcf: dict[str, Any] | None = self.payload.get("dcf")
        return dcf

    @property
    def projected(self) -> bool:
        return bool(self.dcf and self.dcf.get("projected"))

    def bar_of(self, method: ValuationMethod) -> Bar | None:
        return next((b for b in self.bars if b.method is method), None)

    def left_out_reason(self, choice: Choice) -> str:
        """Why the engine made no bar of a chosen method, from its notices."""
        for notice in self.data.result.notices:
            if notice.message.startswith(f"{choice.method.value} left out"):
                return notice.message
        return "left out by the engine (see the warnings on the Sources sheet)"


class ModelNotAvailable(ValueError):
    """A result stored before the engine recorded what the model is built from."""


def model_facts(data: ReportData) -> ModelFacts:
    missing = [k for k in ("methods_chosen", "risk", "comparables") if k not in data.payload]
    if missing or data.result.pricing.valuation_range is None:
        raise ModelNotAvailable(
            "This valuation was stored before its result recorded the methods chosen and the "
            "valuation range: run it again to build its model."
        )
    inputs = data.inputs.to_engine(data.valuation_date)
    result = data.result
    choices = tuple(
        Choice(
            ValuationMethod(c["method"]),
            float(c["weight"]),
            str(c["period"]),
            (float(c["multiple_range"][0]), float(c["multiple_range"][1]))
            if c.get("multiple_range")
            else None,
        )
        for c in data.payload["methods_chosen"]
    )
    by_method = {c.method: c for c in choices}
    bars = tuple(_bar(m, by_method[ValuationMethod(m.method)]) for m in result.pricing.methods)
    wanted = [LTM_EV_TO_EBITDA, LTM_PRICE_TO_EARNINGS]
    wanted += [b.statistic for b in bars if b.statistic is not None]
    return ModelFacts(
        data=data,
        inputs=inputs,
        peers=(*result.peers, *result.custom_peers),
        transactions=tuple(result.precedent_transactions),
        choices=choices,
        bars=bars,
        statistics=tuple(dict.fromkeys(wanted)),
    )


def _bar(stored: StoredMethod, choice: Choice) -> Bar:
    method = ValuationMethod(stored.method)
    own_range = choice.multiple_range is not None
    statistic = None
    if method in PEER_MULTIPLE and not own_range:
        statistic = Statistic(
            PEER_MULTIPLE[method], stored.period or "LTM", method in ENTERPRISE_METHODS
        )
    return Bar(
        stored=stored,
        choice=choice,
        statistic=statistic,
        from_transactions=method is ValuationMethod.PRECEDENT_TRANSACTIONS and not own_range,
    )
