"""The business registers through the API: the imported ASIC snapshot in sample mode."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from cli.registry import import_snapshot
from runtime.services import Services
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.paths import fixture_path

DATASET = fixture_path("upstream/abr/asic_company_dataset_excerpt.tsv")
ENTITY = """query ($id: String!) { registryEntity(identifier: $id) {
  acn abn entityName entityType status provenance { source asOf } } }"""
SEARCH = """query ($name: String!) { registrySearch(name: $name) { acn name nameType } }"""


async def test_an_imported_company_is_found_by_acn_with_spaces(
    services: Services, gql: GraphQLClient
) -> None:
    written, report = await import_snapshot(services.settings, DATASET, date(2026, 11, 20))
    assert written == 2 and report.bad_rows == 0
    answer = await gql.execute(ENTITY, id="000 000 019")
    assert answer["data"]["registryEntity"] == {
        "acn": "000000019",
        "abn": "89000000019",
        "entityName": "MONAKA PTY LTD",  # the line of a former name carries the current one
        "entityType": "Australian Proprietary Company",
        "status": "REGD",
        "provenance": {"source": "ASIC", "asOf": "2026-11-20"},
    }


async def test_an_imported_company_is_found_by_abn_and_by_name(
    services: Services, gql: GraphQLClient
) -> None:
    await import_snapshot(services.settings, DATASET, date(2026, 11, 20))
    by_abn = await gql.execute(ENTITY, id="91 000 000 028")
    assert by_abn["data"]["registryEntity"]["acn"] == "000000028"
    found = await gql.execute(SEARCH, name="christensen")
    assert found["data"]["registrySearch"] == [
        {"acn": "000000028", "name": "CHRISTENSEN & ASSOCIATES PTY LTD", "nameType": "Entity Name"}
    ]


async def test_a_number_with_wrong_check_digits_is_bad_user_input(gql: GraphQLClient) -> None:
    answer = await gql.execute(ENTITY, id="51 824 753 557")
    assert answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert answer["data"] == {"registryEntity": None}


async def test_a_valid_number_no_register_knows_is_null(gql: GraphQLClient) -> None:
    answer = await gql.execute(ENTITY, id="51 824 753 556")  # the ATO's example ABN
    assert answer["data"] == {"registryEntity": None} and "errors" not in answer


def test_the_import_command_reports_what_it_loaded(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "registry", "import", str(DATASET)],
        env={"PATH": "/usr/bin:/bin", "IPOVAL_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "imported 2 companies from 2 lines (0 unreadable)" in done.stdout
