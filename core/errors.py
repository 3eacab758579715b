"""The error tree. Every expected failure is an `IpovalError` with a stable `code`.

A GraphQL error whose original exception is an `IpovalError` reaches the client with its message and
`extensions.code`; anything else is unexpected, so it is masked and logged with a correlation id.

    IpovalError
    ├── BadUserInput          BAD_USER_INPUT      an argument the caller can fix
    ├── ProviderUnavailable   PROVIDER_UNAVAILABLE an upstream could not answer; the field degrades
    └── ProviderError         PROVIDER_ERROR      an upstream answered with something we cannot read

A `BAD_USER_INPUT` names what to fix in `extensions.field`: its path, a list of names like a
mutation's `userErrors.field`, from the argument down through the input fields inside it, as the
caller wrote them (`["first"]`, `["filter", "search"]`, `["input", "riskFreeRate"]`). One key and
one shape for both kinds of input error, so a client maps either onto its form with one function;
a list needs no parsing and, like the GraphQL error's own `path`, can hold a list index.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    BAD_USER_INPUT = "BAD_USER_INPUT"
    PROVIDER_UNAVAILABLE = "PROVIDER_UNAVAILABLE"
    PROVIDER_ERROR = "PROVIDER_ERROR"
    INTERNAL_ERROR = "INTERNAL_ERROR"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    FEATURE_NOT_IN_TIER = "FEATURE_NOT_IN_TIER"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    INVALID_REFRESH_TOKEN = "INVALID_REFRESH_TOKEN"
    RATE_LIMITED = "RATE_LIMITED"
    MAX_COST_EXCEEDED = "MAX_COST_EXCEEDED"
    THROTTLED = "THROTTLED"
    QUOTA_EXCEEDED = "QUOTA_EXCEEDED"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"  # database or Redis unreachable: retry later
    # Transport refusals on /graphql (edge/http_transport.py): the request is not a GraphQL request.
    BAD_REQUEST = "BAD_REQUEST"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
    NOT_FOUND = "NOT_FOUND"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"


class IpovalError(Exception):
    code: ErrorCode = ErrorCode.INTERNAL_ERROR

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    @property
    def extensions(self) -> dict[str, Any]:
        # graphql-core copies `extensions` from the original error onto the GraphQL error.
        return {"code": self.code.value, **self.details}


class BadUserInput(IpovalError):
    """`field` is the path to the offending input (`extensions.field`); `argument` is short for
    the path of a top-level argument, `argument="first"` for `field=["first"]`."""

    code = ErrorCode.BAD_USER_INPUT

    def __init__(
        self,
        message: str,
        *,
        field: Sequence[str] | None = None,
        argument: str | None = None,
        **details: Any,
    ) -> None:
        if isinstance(field, str) or (field is not None and argument is not None):
            raise TypeError("name the input by a `field` path or by an `argument` name")
        path = list(field) if field is not None else [argument] if argument is not None else None
        super().__init__(message, **({} if path is None else {"field": path}), **details)


class ProviderUnavailable(IpovalError):
    """`partial` holds what a batched call could still answer (fresh, or stale from the cache):
    a loader serves those keys and fails only the others."""

    code = ErrorCode.PROVIDER_UNAVAILABLE

    def __init__(self, message: str, *, partial: Mapping[Any, Any] | None = None, **details: Any):
        super().__init__(message, **details)
        self.partial: Mapping[Any, Any] = partial or {}


class ProviderError(IpovalError):
    code = ErrorCode.PROVIDER_ERROR


class Unauthenticated(IpovalError):
    code = ErrorCode.UNAUTHENTICATED


class Forbidden(IpovalError):
    code = ErrorCode.FORBIDDEN


class FeatureNotInTier(IpovalError):
    code = ErrorCode.FEATURE_NOT_IN_TIER


class MaxCostExceeded(IpovalError):
    """The query's requested cost is over the single-query maximum; nothing was executed."""

    code = ErrorCode.MAX_COST_EXCEEDED


class Throttled(IpovalError):
    """The caller's query-cost bucket cannot pay for the query yet; nothing was executed."""

    code = ErrorCode.THROTTLED


class RateLimited(IpovalError):
    code = ErrorCode.RATE_LIMITED


class QuotaExceeded(IpovalError):
    """The organisation has used its tier's allowance for the period; nothing was started.
    `extensions` carry `limit`, `used` and `resetsAt` (ISO 8601, UTC)."""

    code = ErrorCode.QUOTA_EXCEEDED
