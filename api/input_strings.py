"""Strings that cannot be stored: a NUL character (PostgreSQL text refuses it) or a lone surrogate
(not UTF-8, so neither the database driver nor the JSON encoder can write it).

They are refused once for every field, as `BAD_USER_INPUT` naming the argument
(`extensions.argument`, dotted into input objects: `filter.search`):
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


def refusal(argument: str, nodes: list[Node] | None = None) -> GraphQLError:
    return GraphQLError(
        MESSAGE.format(argument),
        nodes,
        extensions={"code": ErrorCode.BAD_USER_INPUT.value, "argument": argument},
    )


def argument_path(ancestors: Any, parent: Any) -> str:
    """`name` of the enclosing argument, then of each enclosing input-object field (graphql-core's
    `ancestors` stop before the node's own parent)."""
    names = [
        node.name.value
        for node in [*ancestors, parent]
        if isinstance(node, ArgumentNode | ObjectFieldNode)
    ]
    return ".".join(names) or "<document>"


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


def where_variable_is_used(document: DocumentNode, variable: str) -> str | None:
    class Finder(Visitor):
        found: str | None = None

        def enter_variable(
            self, node: VariableNode, _key: Any, parent: Any, _path: Any, ancestors: Any
        ) -> None:
            if node.name.value == variable and Finder.found is None:
                names = argument_path(ancestors, parent)
                Finder.found = None if names == "<document>" else names

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
                    used = where_variable_is_used(document, name) if document else None
                    error = refusal(used or f"${name}")
                    error.extensions = {**(error.extensions or {}), "variable": name}
                    context.pre_execution_errors = [error]
                    break
        yield
