"""The schema's closed sets are the domain's enums, and its connections one generic type."""

from __future__ import annotations

from enum import StrEnum

import pytest
from graphql import GraphQLEnumType, GraphQLObjectType

from accounts.principal import Role
from accounts.tiers import Feature, Tier
from api.schema import build_schema
from core.errors import ErrorCode
from providers.models import DataSource
from schema import enums


@pytest.mark.parametrize("domain", [Tier, Feature, Role, DataSource])
def test_a_domain_enum_is_exposed_as_itself_with_its_values_as_names(
    domain: type[StrEnum],
) -> None:
    assert getattr(enums, domain.__name__) is domain
    graphql_type = build_schema()._schema.type_map[domain.__name__]
    assert isinstance(graphql_type, GraphQLEnumType)
    # The GraphQL names are the strings these fields answered before they were enums.
    assert list(graphql_type.values) == [member.value for member in domain]


def test_a_domain_enum_without_a_description_for_every_value_is_refused() -> None:
    class Colour(StrEnum):
        RED = "red"
        BLUE = "blue"

    with pytest.raises(ValueError, match="BLUE"):
        enums.expose(Colour, "A colour.", {Colour.RED: "Red."})


def test_account_error_codes_are_error_codes() -> None:
    assert {code.value for code in enums.AccountErrorCode} <= {code.value for code in ErrorCode}


def test_every_connection_keeps_its_name_and_shape() -> None:
    type_map = build_schema()._schema.type_map
    for node in ("Company", "Filing"):
        connection, edge = type_map[f"{node}Connection"], type_map[f"{node}Edge"]
        assert isinstance(connection, GraphQLObjectType)
        assert isinstance(edge, GraphQLObjectType)
        assert list(connection.fields) == ["edges", "pageInfo", "totalCount"]
        assert list(edge.fields) == ["cursor", "node"]
        assert str(edge.fields["node"].type) == f"{node}!"
