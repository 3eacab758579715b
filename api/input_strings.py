"""Strings that cannot be stored: a NUL character (PostgreSQL text refuses it) or a lone surrogate
(not UTF-8, so neither the database driver nor the JSON encoder can write it).

They are refused once for every field, as `BAD_USER_INPUT` with the path to the argument
(`extensions.field`, into input objects too: `["filter", "search"]`; see core/errors.py):
- in literals, by a validation rule (so the verdict is cached with the document's validation);
- in variable values, by `RefuseUnstorableVariables` before execution, which also keeps the
  values out of graphql-core's coercion messages, which would echo them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    Node,
    ObjectFieldNode,
    StringValueNode,
    ValidationRule,
    VariableNode,
    Visitor,
    visit,
)
from strawberry.extensions import SchemaExtension

from core.errors import ErrorCode

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
MESSAGE = "`{}` contains a NUL character or a lone surrogate, which cannot be stored."


def refusal(
    path: list[str], nodes: list[Node] | None = None, *, variable: str | None = None
) -> GraphQLError:
    """`path` is empty when no argument holds the string (a variable's default value, a variable
    the document does not use): there is no field to name, only the variable, if any."""
    shown = ".".join(path) or (f"${variable}" if variable else "<document>")
    extensions: dict[str, object] = {"code": ErrorCode.BAD_USER_INPUT.value}
    if path:
        extensions["field"] = path
    if variable:
        extensions["variable"] = variable
    return GraphQLError(MESSAGE.format(shown), nodes, extensions=extensions)


def argument_path(ancestors: Any, parent: Any) -> list[str]:
    """`name` of the enclosing argument, then of each enclosing input-object field (graphql-core's
    `ancestors` stop before the node's own parent)."""
    return [
        node.name.value
        for node in [*ancestors, parent]
        if isinstance(node, ArgumentNode | ObjectFieldNode)
    ]


class UnstorableStringLiteralRule(ValidationRule):
    def enter_string_value(
        self, node: StringValueNode, _key: Any, parent: Any, _path: Any, ancestors: Any
    ) -> None:
        if UNSTORABLE.search(node.value):
            self.report_error(refusal(argument_path(ancestors, parent), [node]))


def has_unstorable_string(value: object) -> bool:
    """Walks JSON values without recursion: variables may nest as deep as the JSON parser allows."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if UNSTORABLE.search(item):
                return True
        elif isinstance(item, Mapping):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def where_variable_is_used(document: DocumentNode, variable: str) -> list[str]:
    """The path of the first argument the variable is used in; empty when it is not used."""

    class Finder(Visitor):
        found: list[str] = []  # noqa: RUF012 (one Finder class per call)

        def enter_variable(
            self, node: VariableNode, _key: Any, parent: Any, _path: Any, ancestors: Any
        ) -> None:
            if node.name.value == variable and not Finder.found:
                Finder.found = argument_path(ancestors, parent)

    visit(document, Finder())
    return Finder.found


class RefuseUnstorableVariables(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        variables = context.variables
        if variables and not context.pre_execution_errors:
            for name, value in variables.items():
                if has_unstorable_string(value):
                    document = context.graphql_document
                    used = where_variable_is_used(document, name) if document else []
                    context.pre_execution_errors = [refusal(used, variable=name)]
                    break
        yield
