"""Organisation isolation, checked for every owned type: another organisation's object reads
exactly like a missing one, and no list shows it."""

from __future__ import annotations

import base64
import uuid

import httpx
import pytest
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table)
from models.accounts import UserAccount
from models.ownership import NOT_OWNED_OBJECTS, OWNED_TABLES
from runtime.services import Services
from schema.ids import encode_id
from tests.fixtures.accounts import as_caller, bearer_for_new_organisation
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.ownership_probes import PROBES


def test_every_table_with_an_organisation_is_declared_owned_or_exempt() -> None:
    with_organisation = {
        name for name, table in SQLModel.metadata.tables.items() if "organisation_id" in table.c
    }
    assert with_organisation - NOT_OWNED_OBJECTS == set(OWNED_TABLES)


def test_every_owned_type_has_an_isolation_probe() -> None:
    assert set(PROBES) == set(OWNED_TABLES)


def owned_type_name(opaque_id: str) -> str:
    return base64.urlsafe_b64decode(opaque_id + "=" * (-len(opaque_id) % 4)).decode().split(":")[0]


@pytest.mark.parametrize("owned_type", sorted(PROBES))
async def test_owned_object_is_invisible_to_other_organisations(
    owned_type: str, services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    probe = PROBES[owned_type]
    owner_org, owner = await bearer_for_new_organisation(services, gql)
    _, stranger = await bearer_for_new_organisation(services, gql)
    object_id = await probe.create(services, owner_org)

    mine = await as_caller(client, owner, probe.single_query, id=object_id)
    theirs = await as_caller(client, stranger, probe.single_query, id=object_id)
    unknown_id = encode_id(owned_type_name(object_id), uuid.uuid4())
    missing = await as_caller(client, stranger, probe.single_query, id=unknown_id)
    malformed = await as_caller(client, stranger, probe.single_query, id=object_id[:-2] + "xx")
    assert mine["object"] == {"id": object_id}
    assert theirs == missing == malformed == {"object": None}

    owner_list = await as_caller(client, owner, probe.list_query)
    stranger_list = await as_caller(client, stranger, probe.list_query)
    assert {"id": object_id} in owner_list["objects"]  # type: ignore[operator]
    assert stranger_list["objects"] == []


async def test_owned_reads_refuse_undeclared_tables(services: Services) -> None:
    from repositories.owned import get_owned

    async with services.sessions() as session:
        with pytest.raises(TypeError, match="not declared"):
            await get_owned(session, UserAccount, uuid.uuid4(), uuid.uuid4())
