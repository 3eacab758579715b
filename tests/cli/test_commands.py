"""The `ipoval` command line, run as a user would run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx

from tests.fixtures.command_line import IPOVAL, embedded_env, serving
from tests.fixtures.command_line import ipoval as run_ipoval


def ipoval(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_ipoval(embedded_env(data_dir), *args)


def test_serve_answers_a_company_query_in_embedded_mode(tmp_path: Path) -> None:
    query = (
        '{ company(ticker: "BHP") { name peers(first: 3) { company { ticker } } '
        "marketData { marketCap provenance { synthetic } } } }"
    )
    with serving(tmp_path) as base:
        response = httpx.post(f"{base}/graphql", json={"query": query})
    company = response.json()["data"]["company"]
    assert company["name"] == "BHP GROUP LIMITED"
    assert len(company["peers"]) == 3
    assert company["marketData"]["provenance"]["synthetic"] is True
    assert (tmp_path / "ipoval.db").exists()


def test_graphiql_is_served_in_development(tmp_path: Path) -> None:
    with serving(tmp_path) as base:
        page = httpx.get(f"{base}/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()


def test_migrate_creates_the_embedded_database(tmp_path: Path) -> None:
    result = ipoval(tmp_path, "migrate")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ipoval.db").exists()


def test_worker_without_redis_explains_why_it_cannot_run(tmp_path: Path) -> None:
    result = ipoval(tmp_path, "worker")
    assert result.returncode == 2
    assert "REDIS_URL" in result.stderr


def test_console_script_is_installed() -> None:
    assert Path(IPOVAL) == Path(sys.executable).parent / "ipoval"
    result = subprocess.run([IPOVAL, "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "serve" in result.stdout


def test_operator_creates_a_user_who_can_sign_in(tmp_path: Path) -> None:
    created = ipoval(
        tmp_path,
        "user",
        "create",
        "--email",
        "cfo@example.com",
        "--organisation",
        "Acme",
        "--tier",
        "professional",
        "--password",
        "a long enough password",
    )
    assert created.returncode == 0, created.stderr
    login = (
        'mutation { login(email: "cfo@example.com", password: "a long enough password") '
        "{ accessToken } }"
    )
    with serving(tmp_path) as base:
        response = httpx.post(f"{base}/graphql", json={"query": login})
    assert response.json()["data"]["login"]["accessToken"]


def test_api_key_is_shown_once_and_can_be_revoked(tmp_path: Path) -> None:
    ipoval(
        tmp_path,
        "user",
        "create",
        "--email",
        "p@example.com",
        "--organisation",
        "Partner",
        "--tier",
        "enterprise",
        "--password",
        "a long enough password",
    )
    issued = ipoval(tmp_path, "apikey", "create", "--organisation", "Partner")
    key = issued.stdout.strip().splitlines()[-1]
    assert issued.returncode == 0 and key.startswith("ipv_")
    with serving(tmp_path) as base:
        ok = httpx.post(
            f"{base}/graphql", json={"query": "{ me { role } }"}, headers={"X-API-Key": key}
        )
        revoked = ipoval(tmp_path, "apikey", "revoke", "--prefix", key.split(".")[0])
        refused = httpx.post(
            f"{base}/graphql", json={"query": "{ me { role } }"}, headers={"X-API-Key": key}
        )
    assert ok.json()["data"]["me"]["role"] == "partner"
    assert revoked.returncode == 0
    assert refused.status_code == 401


def test_short_password_is_refused_with_a_reason(tmp_path: Path) -> None:
    result = ipoval(
        tmp_path,
        "user",
        "create",
        "--email",
        "x@example.com",
        "--organisation",
        "X",
        "--password",
        "short",
    )
    assert result.returncode == 1
    assert "12 characters" in result.stderr


def test_valuate_prints_a_price_range_for_the_example_company(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "company.json"
    with serving(tmp_path) as base:
        result = ipoval(tmp_path, "valuate", "--input", str(example), "--url", base)
    assert result.returncode == 0, result.stderr
    assert "100% done" in result.stdout
    assert "offer range per share" in result.stdout
    assert "valuation range" in result.stdout
    assert "PRICE_TO_EARNINGS       LTM" in result.stdout
    assert "ASX admission: PROFIT_TEST PASS" in result.stdout
    assert "not an independent expert's report" in result.stdout
