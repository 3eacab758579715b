"""Query cost in the style of Shopify's calculated query cost: pure functions, no I/O.

A document is first compiled into a *cost plan* for one operation (`build_plan`): the tree of the
fields that can cost anything, with fragments expanded and page sizes resolved. The requested cost
is computed from the plan alone, before execution; the actual cost from the plan and the data that
execution returned.

Collecting fields
    Fields are collected the way execution collects them: named fragments, inline fragments and
    fragment spreads are expanded, `@skip` and `@include` are honoured (literals or variables), and
    fields with the same response key (alias, else name) are merged, their sub-selections united,
    so a field selected twice is paid for once. Only the selected operation counts: the one named
    by `operation_name`, or the document's only operation (none, so cost 0, when the name matches
    nothing or several operations are unnamed; execution refuses those anyway). A fragment spread
    inside its own expansion is ignored, so a cyclic fragment (which validation already refuses)
    cannot recurse forever. On an interface or union every fragment is collected whatever its type
    condition (an upper bound), and a response key is costed by the first field that claims it.

Requested cost (before execution)
    * an introspection field (`__schema`, `__type`, `__typename`) costs 0, whatever it selects;
    * a field whose type, unwrapped of non-null and list, is a scalar or an enum costs 0;
    * a field whose unwrapped type is an object, interface or union costs
      1 + m * (the requested cost of its sub-selection), where m is the field's `first` argument
      when the field defines one and 1 otherwise. `first` is read from the literal, else from the
      variable (or, when the variable is not given, the variable's default), else from the
      argument's default in the schema (`companies` 20, `Company.filings` 10, `Company.peers` 10);
      a negative value counts as 0, and an unreadable one as 1. A list field without `first`
      counts once (m = 1): only pagination multiplies.

    Worked examples:

    `{ company(ticker: "BHP") { name marketData { price } } }`
        company 1 + marketData (1 + price 0) = 2
    `{ companies(first: 20) { edges { node { ticker marketData { price } } } } }`
        companies 1 + 20 * edges (1 + node (1 + marketData 1)) = 1 + 20 * 3 = 61
    `{ company(ticker: "BHP") { peers { company { ticker } } } }`  (peers defaults to 10)
        company 1 + peers (1 + 10 * company 1) = 1 + 11 = 12
    `{ companies(first: 100) { edges { node { peers(first: 50) { company { ticker } } } } } }`
        1 + 100 * (edges 1 + node 1 + peers (1 + 50 * 1)) = 1 + 100 * 53 = 5,301

Actual cost (after execution)
    The same plan applied to the data returned: page sizes are replaced by what really came back,
    and what came back null costs nothing. For a costed field and the value `v` at its response key:

    * `v` is null (or absent: a skipped type condition, an error) -> 0, sub-selection included;
    * `v` is an object -> 1 + the actual cost of its sub-selection over `v`;
    * `v` is a list returned by a field with `first` (the page: `peers`) ->
      1 + the sum, over its non-null items, of the actual cost of the sub-selection over the item
      (the field is paid once, as in the requested cost, and its children once per item returned);
    * `v` is any other list (`edges`, `periods`) -> the sum over its items, each item costing as if
      it were the field's only value (1 + its sub-selection; null items 0).

    So a full page with no nulls costs exactly what was requested (`companies(first: 20)` above
    returns 20 edges: 1 + 20 * (1 + 1 + 1) = 61), a short page or a null costs less, and only a
    list without `first` can cost more than requested (`financials { periods { ... } }` is
    requested as 1 period and returns 5). One pass over the returned data: O(size of the result).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    BooleanValueNode,
    DocumentNode,
    FieldNode,
    FloatValueNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    NullValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionNode,
    SelectionSetNode,
    StringValueNode,
    ValueNode,
    VariableNode,
    get_named_type,
    is_composite_type,
)
from graphql.pyutils import Undefined

PAGE_ARGUMENT = "first"


@dataclass(frozen=True, slots=True)
class CostNode:
    """A field that costs: its response key, its page size (`first`) if it takes one, and its
    costed children."""

    key: str
    page_size: int | None
    children: tuple[CostNode, ...]


@dataclass(frozen=True, slots=True)
class CostPlan:
    """The costed fields of one operation's root selection set."""

    fields: tuple[CostNode, ...]

    @property
    def requested(self) -> int:
        return requested_cost(self)


def build_plan(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
) -> CostPlan:
    operation = select_operation(document, operation_name)
    if operation is None:
        return CostPlan(())
    root = _root_type(schema, operation.operation)
    if root is None:
        return CostPlan(())
    return CostPlan(_Compiler(schema, document, operation, variables).plan(root, operation))


def requested_cost(plan: CostPlan) -> int:
    return sum(_requested(node) for node in plan.fields)


def actual_cost(plan: CostPlan, data: Mapping[str, Any] | None) -> int:
    if not data:
        return 0
    return sum(_actual(node, data.get(node.key)) for node in plan.fields)


def calculate_requested_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
) -> int:
    return requested_cost(build_plan(schema, document, variables, operation_name))


def select_operation(
    document: DocumentNode, operation_name: str | None
) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        return operations[0] if len(operations) == 1 else None
    return next((op for op in operations if op.name and op.name.value == operation_name), None)


def _requested(node: CostNode) -> int:
    multiplier = 1 if node.page_size is None else node.page_size
    return 1 + multiplier * sum(_requested(child) for child in node.children)


def _actual(node: CostNode, value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, list):
        if node.page_size is not None:
            return 1 + sum(_actual_children(node, item) for item in value)
        return sum(_actual_unpaged(node, item) for item in value)
    return 1 + _actual_children(node, value)


def _actual_unpaged(node: CostNode, value: Any) -> int:
    # An item of a list without `first`: costs as the field's only value would (nested lists
    # flatten).
    if value is None:
        return 0
    if isinstance(value, list):
        return sum(_actual_unpaged(node, item) for item in value)
    return 1 + _actual_children(node, value)


def _actual_children(node: CostNode, value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, list):
        return sum(_actual_children(node, item) for item in value)
    if not isinstance(value, Mapping):
        return 0
    return sum(_actual(child, value.get(child.key)) for child in node.children)


@dataclass(frozen=True, slots=True)
class _Occurrence:
    """A field node as collected: the type it was written on, and the fragments expanded to reach
    it (a spread of one of those again would be a cycle)."""

    node: FieldNode
    owner: GraphQLNamedType
    fragments: frozenset[str]


class _Compiler:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any] | None,
    ) -> None:
        self.schema = schema
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.variables = variables or {}
        self.variable_defaults = {
            d.variable.name.value: d.default_value
            for d in operation.variable_definitions or ()
            if d.default_value is not None
        }

    def plan(
        self, root: GraphQLNamedType, operation: OperationDefinitionNode
    ) -> tuple[CostNode, ...]:
        return self._nodes(self._collect(root, [(operation.selection_set, frozenset())]))

    def _nodes(self, collected: dict[str, list[_Occurrence]]) -> tuple[CostNode, ...]:
        nodes = []
        for key, occurrences in collected.items():
            node = self._node(key, occurrences)
            if node is not None:
                nodes.append(node)
        return tuple(nodes)

    def _node(self, key: str, occurrences: list[_Occurrence]) -> CostNode | None:
        first = occurrences[0]
        name = first.node.name.value
        if name.startswith("__"):
            return None  # introspection is free
        field = _field(first.owner, name)
        if field is None:
            return None  # unknown field: validation refuses it
        named = get_named_type(field.type)
        if not is_composite_type(named):
            return None  # scalars and enums are free
        page_size = self._page_size(field, first.node) if PAGE_ARGUMENT in field.args else None
        sub_selections = [
            (o.node.selection_set, o.fragments) for o in occurrences if o.node.selection_set
        ]
        children = self._nodes(self._collect(named, sub_selections))
        return CostNode(key, page_size, children)

    def _collect(
        self,
        owner: GraphQLNamedType,
        selection_sets: Iterable[tuple[SelectionSetNode, frozenset[str]]],
    ) -> dict[str, list[_Occurrence]]:
        collected: dict[str, list[_Occurrence]] = {}
        for selection_set, fragments in selection_sets:
            self._collect_into(collected, owner, selection_set, fragments)
        return collected

    def _collect_into(
        self,
        collected: dict[str, list[_Occurrence]],
        owner: GraphQLNamedType,
        selection_set: SelectionSetNode,
        fragments: frozenset[str],
    ) -> None:
        for selection in selection_set.selections:
            if not self._included(selection):
                continue
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                collected.setdefault(key, []).append(_Occurrence(selection, owner, fragments))
            elif isinstance(selection, InlineFragmentNode):
                condition = self._condition(selection.type_condition, owner)
                self._collect_into(collected, condition, selection.selection_set, fragments)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in fragments:
                    continue  # unknown, or a cycle
                condition = self._condition(fragment.type_condition, owner)
                self._collect_into(collected, condition, fragment.selection_set, fragments | {name})

    def _condition(self, type_condition: Any, owner: GraphQLNamedType) -> GraphQLNamedType:
        if type_condition is None:
            return owner
        return self.schema.get_type(type_condition.name.value) or owner

    def _included(self, selection: SelectionNode) -> bool:
        for directive in selection.directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            condition = next(
                (self._value(a.value) for a in directive.arguments or () if a.name.value == "if"),
                Undefined,
            )
            if name == "skip" and condition is True:
                return False
            if name == "include" and condition is False:
                return False
        return True

    def _page_size(self, field: GraphQLField, node: FieldNode) -> int:
        value: Any = Undefined
        argument = next((a for a in node.arguments or () if a.name.value == PAGE_ARGUMENT), None)
        if argument is not None:
            value = self._value(argument.value)
        if value is Undefined or value is None:
            value = field.args[PAGE_ARGUMENT].default_value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            return 1
        return max(0, value)

    def _value(self, node: ValueNode) -> Any:
        if isinstance(node, VariableNode):
            name = node.name.value
            if name in self.variables:
                return self.variables[name]
            default = self.variable_defaults.get(name)
            return Undefined if default is None else self._value(default)
        if isinstance(node, IntValueNode):
            return int(node.value)
        if isinstance(node, FloatValueNode):
            return float(node.value)
        if isinstance(node, BooleanValueNode):
            return node.value
        if isinstance(node, StringValueNode):
            return node.value
        if isinstance(node, NullValueNode):
            return None
        return Undefined


def _root_type(schema: GraphQLSchema, operation: OperationType) -> GraphQLNamedType | None:
    if operation is OperationType.QUERY:
        return schema.query_type
    if operation is OperationType.MUTATION:
        return schema.mutation_type
    return schema.subscription_type


def _field(owner: GraphQLNamedType, name: str) -> GraphQLField | None:
    fields: Mapping[str, GraphQLField] | None = getattr(owner, "fields", None)
    return fields.get(name) if fields else None
