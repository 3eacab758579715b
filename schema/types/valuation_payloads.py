"""What the valuation mutations answer: the job, and errors with a code from a closed set per
mutation, so that clients can switch on them (the codes are part of the API)."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.bounds import MAX_IDEMPOTENCY_KEY_LENGTH
from schema.types.valuation import ValuationInputWarning, ValuationJob


@strawberry.enum(description="Why createValuation refused its input.")
class CreateValuationErrorCode(Enum):
    REQUIRED = strawberry.enum_value(
        "REQUIRED", description="A required list is empty (e.g. no historical year)."
    )
    INVALID = strawberry.enum_value(
        "INVALID", description="A value of the wrong form (e.g. an empty company name)."
    )
    OUT_OF_RANGE = strawberry.enum_value(
        "OUT_OF_RANGE", description="A number outside its plausible bounds (`field` names it)."
    )
    NEGATIVE = strawberry.enum_value("NEGATIVE", description="A figure that cannot be negative is.")
    NOT_POSITIVE = strawberry.enum_value(
        "NOT_POSITIVE", description="A figure that must be above zero is not."
    )
    NOT_IN_ORDER = strawberry.enum_value(
        "NOT_IN_ORDER", description="Fiscal years that are not consecutive and ascending."
    )
    TOO_MANY = strawberry.enum_value("TOO_MANY", description="A list longer than its limit.")
    INVALID_TICKER = strawberry.enum_value(
        "INVALID_TICKER", description="Not the form of an ASX code."
    )
    DUPLICATE_PEER = strawberry.enum_value("DUPLICATE_PEER", description="A peer named twice.")
    DUPLICATE_METHOD = strawberry.enum_value(
        "DUPLICATE_METHOD", description="A valuation method listed twice."
    )
    NO_WEIGHTED_METHOD = strawberry.enum_value(
        "NO_WEIGHTED_METHOD", description="No listed method has a positive weight."
    )
    PEER_EXCLUDED = strawberry.enum_value(
        "PEER_EXCLUDED", description="A peer also listed in `excludePeers`."
    )
    UNKNOWN_PEER = strawberry.enum_value(
        "UNKNOWN_PEER", description="Not the code of an ASX-listed company."
    )
    PEER_WITHOUT_INDUSTRY = strawberry.enum_value(
        "PEER_WITHOUT_INDUSTRY", description="A listing the ASX does not classify."
    )
    PEER_IS_SUBJECT = strawberry.enum_value(
        "PEER_IS_SUBJECT", description="The company itself, named as its own peer."
    )
    PEER_WITHOUT_DATA = strawberry.enum_value(
        "PEER_WITHOUT_DATA",
        description="A peer with no market data or statements to value against.",
    )
    TOO_FEW_PEERS_WITH_BETA = strawberry.enum_value(
        "TOO_FEW_PEERS_WITH_BETA", description="Fewer than 3 usable peers publish a beta."
    )
    INVALID_IDEMPOTENCY_KEY = strawberry.enum_value(
        "INVALID_IDEMPOTENCY_KEY",
        description=f"An idempotency key outside 1 to {MAX_IDEMPOTENCY_KEY_LENGTH} characters.",
    )
    IDEMPOTENCY_KEY_REUSED = strawberry.enum_value(
        "IDEMPOTENCY_KEY_REUSED", description="The key was used before with another input."
    )
    QUOTA_EXCEEDED = strawberry.enum_value(
        "QUOTA_EXCEEDED", description="The organisation's monthly valuations are used up."
    )
    DOCUMENT_NOT_FOUND = strawberry.enum_value(
        "DOCUMENT_NOT_FOUND",
        description="A documentIds entry is not a document of the organisation.",
    )
    DOCUMENT_NOT_COMPLETED = strawberry.enum_value(
        "DOCUMENT_NOT_COMPLETED",
        description="A document whose extraction is not COMPLETED (queued, running or failed).",
    )
    DOCUMENT_FIELD_MISSING = strawberry.enum_value(
        "DOCUMENT_FIELD_MISSING",
        description="A figure a valuation needs is in none of the documents for a year they "
        "give; the message names the figure and the year.",
    )
    DOCUMENT_CURRENCY = strawberry.enum_value(
        "DOCUMENT_CURRENCY", description="A document whose figures are not in AUD."
    )
    DUPLICATE_DOCUMENT = strawberry.enum_value(
        "DUPLICATE_DOCUMENT", description="A document listed twice in documentIds."
    )


@strawberry.type(description="Why createValuation did not queue a job.")
class CreateValuationError:
    field: list[str] | None = strawberry.field(
        description="Path of the offending input field, from `input`; null for the whole call."
    )
    code: CreateValuationErrorCode = strawberry.field(description="Stable code.")
    message: str = strawberry.field(description="Human-readable explanation.")


@strawberry.type(description="The result of createValuation.")
class CreateValuationPayload:
    job: ValuationJob | None = strawberry.field(description="The queued (or existing) job.")
    user_errors: list[CreateValuationError] = strawberry.field(
        description="Why it was not created."
    )
    warnings: list[ValuationInputWarning] = strawberry.field(
        description="Inputs that look implausible together; the job runs, and its result lists "
        "them too."
    )


@strawberry.enum(description="Why cancelValuation did not cancel.")
class CancelValuationErrorCode(Enum):
    NOT_FOUND = strawberry.enum_value("NOT_FOUND", description="No valuation of yours has this ID.")
    NOT_CANCELLABLE = strawberry.enum_value(
        "NOT_CANCELLABLE", description="The job has finished (its status says how)."
    )


@strawberry.type(description="Why cancelValuation did not cancel the job.")
class CancelValuationError:
    field: list[str] | None = strawberry.field(description="Path of the offending argument.")
    code: CancelValuationErrorCode = strawberry.field(description="Stable code.")
    message: str = strawberry.field(description="Human-readable explanation.")


@strawberry.type(description="The result of cancelValuation.")
class CancelValuationPayload:
    job: ValuationJob | None = strawberry.field(description="The job, now cancelled.")
    user_errors: list[CancelValuationError] = strawberry.field(
        description="Why it was not cancelled."
    )
