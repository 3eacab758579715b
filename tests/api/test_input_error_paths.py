"""`extensions.field` is the path to the input to fix, a list like `userErrors.field`, whether a
resolver or the unstorable-string check refuses it."""

from __future__ import annotations

import httpx
import pytest

from core.errors import BadUserInput


def test_an_argument_is_a_path_of_one_and_a_field_the_full_path() -> None:
    assert BadUserInput("m", argument="first", maximum=100).extensions == {
        "code": "BAD_USER_INPUT",
        "field": ["first"],
        "maximum": 100,
    }
    assert BadUserInput("m", field=("filter", "search")).extensions == {
        "code": "BAD_USER_INPUT",
        "field": ["filter", "search"],
    }
    assert BadUserInput("m").extensions == {"code": "BAD_USER_INPUT"}


@pytest.mark.parametrize(
    "names", [{"field": "search"}, {"field": ["filter", "search"], "argument": "filter"}]
)
def test_a_path_given_as_one_string_or_twice_is_a_mistake(names: dict[str, object]) -> None:
    with pytest.raises(TypeError):
        BadUserInput("m", **names)  # type: ignore[arg-type]


async def test_registry_search_names_its_argument(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": '{ registrySearch(name: " a ") { name } }'}
    )
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": ["name"]}


async def test_an_undeclared_variable_with_a_nul_names_the_variable_and_no_field(
    client: httpx.AsyncClient,
) -> None:
    # No argument holds it, so there is no field to name; it is refused all the same.
    response = await client.post(
        "/graphql", json={"query": "{ __typename }", "variables": {"unused": "a\x00b"}}
    )
    error = response.json()["errors"][0]
    assert error["message"].startswith("`$unused` contains a NUL character")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "variable": "unused"}
