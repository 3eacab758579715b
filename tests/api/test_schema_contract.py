"""The schema is a product: it is committed, described throughout, and drifts only on purpose."""

from __future__ import annotations

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType

from api.export import input_bounds_text
from api.input_bounds import INPUT_BOUNDS_FILE
from api.schema import SCHEMA_FILE, build_schema


def test_committed_schema_matches_the_code() -> None:
    # On purpose changes: `python -m api.export` rewrites schema/schema.graphql; review the diff.
    assert build_schema().as_str() + "\n" == SCHEMA_FILE.read_text()


def test_committed_input_bounds_match_the_code() -> None:
    # The web app's form checks read schema/input-bounds.json; `python -m api.export` rewrites it.
    assert input_bounds_text() == INPUT_BOUNDS_FILE.read_text()


def test_every_type_field_and_argument_has_a_description() -> None:
    undocumented: list[str] = []
    for name, graphql_type in build_schema()._schema.type_map.items():
        if name.startswith("__") or name in {
            "String",
            "Int",
            "Float",
            "Boolean",
            "ID",
            "Date",
            "DateTime",
        }:
            continue
        if not graphql_type.description:
            undocumented.append(name)
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInputObjectType):
            for field_name, field in graphql_type.fields.items():
                if not field.description:
                    undocumented.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        undocumented.append(f"{name}.{field_name}({arg_name})")
        if isinstance(graphql_type, GraphQLEnumType):
            undocumented += [
                f"{name}.{value_name}"
                for value_name, value in graphql_type.values.items()
                if not value.description
            ]
    assert undocumented == []
