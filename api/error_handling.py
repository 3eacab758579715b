"""Error handling: expected errors keep their message and code, unexpected ones are masked.

An error is expected when it is a GraphQL document error (syntax, validation, limits, variable
values) or when its original exception is an `IpovalError`. Anything else is logged with the
correlation id and reaches the client as `INTERNAL_ERROR` carrying that id, never the exception
text.
"""

from __future__ import annotations

import logging

from graphql.error import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import MaskErrors
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError

from core.errors import ErrorCode, IpovalError
from core.logging import correlation_id
from core.outages import RETRY_AFTER_SECONDS, ServiceUnavailable, is_unreachable

log = logging.getLogger("ipoval.graphql")


# strawberry's own refusals of a document: no operation to run (only fragments, an unknown
# `operationName`) or an operation type the transport does not allow. The caller's to fix.
_DOCUMENT_REFUSALS = (CannotGetOperationTypeError, InvalidOperationTypeError)


def is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    # graphql-core wraps variable-coercion failures in a second GraphQLError: the caller's input.
    return original is not None and not isinstance(
        original, (IpovalError, GraphQLError, *_DOCUMENT_REFUSALS)
    )


def is_outage(error: GraphQLError) -> bool:
    """A resolver that could not reach Redis (or the database, below a wrapper): not a bug, and
    the same request may succeed shortly."""
    return is_unexpected(error) and is_unreachable(error.original_error)


def is_coercion_error(error: GraphQLError) -> bool:
    """A variable value that does not fit its type (graphql-core wraps it in a second error)."""
    return isinstance(error.original_error, GraphQLError)


def is_syntax_error(error: GraphQLError) -> bool:
    return isinstance(error, GraphQLSyntaxError)


def log_unexpected(errors: list[GraphQLError]) -> None:
    for error in errors:
        if is_outage(error):
            log.warning("service unreachable at %s: %r", _where(error), error.original_error)
        elif is_unexpected(error):
            original = error.original_error
            log.error(
                "unexpected error at %s",
                _where(error),
                exc_info=(type(original), original, original.__traceback__) if original else None,
            )


def _where(error: GraphQLError) -> str:
    return ".".join(map(str, error.path or ())) or "<operation>"


def give_expected_error_a_code(error: GraphQLError) -> None:
    """Variable values that do not fit their types are bad input; other document errors (syntax,
    validation, depth/alias/token limits) failed validation. Errors with a code keep it."""
    if error.extensions and "code" in error.extensions:
        return
    code = (
        ErrorCode.BAD_USER_INPUT
        if isinstance(error.original_error, GraphQLError)
        else ErrorCode.GRAPHQL_VALIDATION_FAILED
    )
    error.extensions = {**(error.extensions or {}), "code": code.value}


class MaskUnexpectedErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda _: True)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        if is_outage(error):
            outage = ServiceUnavailable(
                "A service this field needs is not answering; try again shortly.",
                retryAfter=RETRY_AFTER_SECONDS,
            )
            return GraphQLError(
                outage.message, nodes=error.nodes, path=error.path, extensions=outage.extensions
            )
        if is_unexpected(error):
            return GraphQLError(
                message="Internal server error.",
                nodes=error.nodes,
                path=error.path,
                extensions={
                    "code": ErrorCode.INTERNAL_ERROR.value,
                    "correlationId": correlation_id.get(),
                },
            )
        give_expected_error_a_code(error)
        return error
