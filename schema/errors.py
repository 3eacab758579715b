"""Error handling: expected errors keep their message and code, unexpected ones are masked.

An error is expected when it is a GraphQL document error (syntax, validation, limits, variable
values) or when its original exception is an `IpovalError`. Anything else is logged with the
correlation id and reaches the client as `INTERNAL_ERROR` carrying that id, never the exception
text.
"""

from __future__ import annotations

import logging

from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

from core.errors import ErrorCode, IpovalError
from core.logging import correlation_id

log = logging.getLogger("ipoval.graphql")


def is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    # graphql-core wraps variable-coercion failures in a second GraphQLError: the caller's input.
    return original is not None and not isinstance(original, IpovalError | GraphQLError)


def is_document_error(error: GraphQLError) -> bool:
    """Syntax, validation and variable errors: about the document, not raised by our code."""
    return error.original_error is None or isinstance(error.original_error, GraphQLError)


def log_unexpected(errors: list[GraphQLError]) -> None:
    for error in errors:
        if is_unexpected(error):
            original = error.original_error
            log.error(
                "unexpected error at %s",
                ".".join(map(str, error.path or ())) or "<operation>",
                exc_info=(type(original), original, original.__traceback__) if original else None,
            )


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
