"""Validation rules for limits strawberry does not ship."""

from __future__ import annotations

from typing import Any

from graphql import DirectiveNode, GraphQLError, ValidationContext, ValidationRule


class MaxDirectivesRule(ValidationRule):
    """Refuses documents with more than `maximum` directives: repeated directives are cheap to
    send and expensive to validate."""

    maximum = 50

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.count = 0

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        self.count += 1
        if self.count == self.maximum + 1:
            self.report_error(
                GraphQLError(f"More than {self.maximum} directives in one document.", node)
            )

    @classmethod
    def bounded(cls, maximum: int) -> type[MaxDirectivesRule]:
        """The rule class for one limit, built once per schema (see `build_schema`)."""
        return type(f"MaxDirectivesRule{maximum}", (cls,), {"maximum": maximum})
