"""Who may run an operation at all. The refusal replaces the validation errors, so a caller who may
not run the operation learns nothing about the schema from validation messages either; anonymous
production callers whose operation may run get validation errors collapsed into one generic error.

- In production, everything but signing in needs credentials (`UNAUTHENTICATED`).
- Introspection (`__schema`, `__type`) is for development, and in production for callers whose
  tier includes API access: partners, and users on such a tier (`FORBIDDEN` otherwise).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Visitor,
    visit,
)
from strawberry.extensions import SchemaExtension

from accounts.principal import Principal
from accounts.tiers import Feature, policy_for
from core.errors import ErrorCode
from core.settings import Environment

PUBLIC_ROOT_FIELDS = frozenset({"login", "refreshToken", "__typename"})
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


SIGN_IN_FIELDS = frozenset({"login", "refreshToken"})


def root_field_names(operation: OperationDefinitionNode) -> list[str] | None:
    """Names of the operation's root fields, repeats included; None when a fragment hides them."""
    names: list[str] = []
    for selection in operation.selection_set.selections:
        if not isinstance(selection, FieldNode):
            return None
        names.append(selection.name.value)
    return names


def root_fields_through_fragments(
    selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]
) -> list[str]:
    """Names of the root fields an operation selects, inline fragments and fragment spreads
    included (each named fragment once: a cycle is a validation error, not a loop here)."""
    names: list[str] = []
    pending, seen = [selection_set], set[str]()
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                names.append(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in fragments and name not in seen:
                    seen.add(name)
                    pending.append(fragments[name].selection_set)
    return names


def uses_introspection(document: DocumentNode) -> bool:
    class Finder(Visitor):
        found = False

        def enter_field(self, node: FieldNode, *_: object) -> None:
            if node.name.value in INTROSPECTION_FIELDS:
                Finder.found = True

    visit(document, Finder())
    return Finder.found


def may_introspect(principal: Principal, environment: Environment) -> bool:
    if environment is Environment.DEVELOPMENT:
        return True
    return principal.tier is not None and policy_for(principal.tier).allows(Feature.API_ACCESS)


def may_read_document_errors(context: Any) -> bool:
    """Validation messages name types and fields, and which names do not exist: enough to map the
    schema one probe at a time. Anonymous production callers get a generic message instead."""
    settings = context.services.settings
    principal: Principal = context.principal
    return settings.env is Environment.DEVELOPMENT or principal.is_authenticated


GENERIC_DOCUMENT_ERROR = "The document is not valid for this API."


def collapsed(errors: list[GraphQLError]) -> list[GraphQLError]:
    """One generic error in place of validation errors (ten unknown directives must not give ten
    answers), keeping the first about the caller's own values (`BAD_USER_INPUT`), which names
    the argument, and only that one: a hundred NUL literals must not give a hundred answers
    either. New error objects: the validation cache shares its lists and errors between
    requests."""
    kept = [e for e in errors if (e.extensions or {}).get("code") == ErrorCode.BAD_USER_INPUT][:1]
    generic = GraphQLError(
        GENERIC_DOCUMENT_ERROR,
        extensions={"code": ErrorCode.GRAPHQL_VALIDATION_FAILED.value},
    )
    return [*kept, generic] if len(kept) < len(errors) else kept


class AccessPolicy(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        request_context = context.context
        environment = request_context.services.settings.env
        principal: Principal = request_context.principal
        document = context.graphql_document
        refusal: GraphQLError | None = None
        if document is not None and self._signs_in_more_than_once(document):
            # Aliased `login` fields would try many passwords for the price of one request.
            refusal = GraphQLError(
                "One `login` or `refreshToken` per request.",
                extensions={"code": ErrorCode.BAD_USER_INPUT.value},
            )
        elif (
            environment is Environment.PRODUCTION
            and not principal.is_authenticated
            and not self._is_public(context.operation_name)
        ):
            refusal = GraphQLError(
                "Sign in or send an API key: this operation needs credentials.",
                extensions={"code": ErrorCode.UNAUTHENTICATED.value},
            )
        elif (
            document is not None
            and not may_introspect(principal, environment)
            and uses_introspection(document)
        ):
            refusal = GraphQLError(
                "Introspection needs a tier with API access.",
                extensions={"code": ErrorCode.FORBIDDEN.value},
            )
        if refusal is not None:
            context.pre_execution_errors = [refusal]
        elif context.pre_execution_errors and not may_read_document_errors(request_context):
            context.pre_execution_errors = collapsed(context.pre_execution_errors)
        yield

    @staticmethod
    def _signs_in_more_than_once(document: DocumentNode) -> bool:
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                names = root_fields_through_fragments(definition.selection_set, fragments)
                if sum(name in SIGN_IN_FIELDS for name in names) > 1:
                    return True
        return False

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
        return names is not None and set(names) <= PUBLIC_ROOT_FIELDS
