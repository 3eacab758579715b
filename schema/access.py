"""Who may run an operation at all: in production, everything but signing in needs credentials.

Checked before validation, so that an anonymous caller learns nothing about the schema from
validation messages either.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import FieldNode, GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension

from core.errors import ErrorCode
from core.settings import Environment

PUBLIC_ROOT_FIELDS = frozenset({"login", "refreshToken", "__typename"})


def root_field_names(operation: OperationDefinitionNode) -> set[str] | None:
    """Names of the operation's root fields; None when a fragment hides them."""
    names: set[str] = set()
    for selection in operation.selection_set.selections:
        if not isinstance(selection, FieldNode):
            return None
        names.add(selection.name.value)
    return names


class RequireCredentials(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        request_context = context.context
        if (
            request_context.services.settings.env is Environment.PRODUCTION
            and not request_context.principal.is_authenticated
            and not self._is_public(context.operation_name)
        ):
            context.pre_execution_errors = [
                GraphQLError(
                    "Sign in or send an API key: this operation needs credentials.",
                    extensions={"code": ErrorCode.UNAUTHENTICATED.value},
                )
            ]
        yield

    def _is_public(self, operation_name: str | None) -> bool:
        document = self.execution_context.graphql_document
        if document is None:
            return False
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if operation_name is not None:
            operations = [o for o in operations if o.name and o.name.value == operation_name]
        if len(operations) != 1:
            return False
        names = root_field_names(operations[0])
        return names is not None and names <= PUBLIC_ROOT_FIELDS
