"""`X-Forwarded-For` names the client only when it comes from a proxy given to `ipoval serve`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest

from tests.fixtures.command_line import serving

FORWARDED = {"X-Forwarded-For": "203.0.113.9"}
# A bad token is counted against its address's anonymous allowance (60 an hour), so the figure
# in X-RateLimit-Remaining shows which address the server saw.
BAD_TOKEN = {"Authorization": "Bearer not-a-token"}


def remaining_after(base: str, headers: dict[str, str]) -> int:
    response = httpx.post(
        f"{base}/graphql", json={"query": "{ __typename }"}, headers={**BAD_TOKEN, **headers}
    )
    assert response.status_code == 401
    return int(response.headers["X-RateLimit-Remaining"])


def counts(base: str) -> list[int]:
    """Two forwarded requests, then one plain request, all from 127.0.0.1."""
    return [
        remaining_after(base, FORWARDED),
        remaining_after(base, FORWARDED),
        remaining_after(base, {}),
    ]


def test_by_default_a_local_caller_cannot_choose_its_address(tmp_path: Path) -> None:
    with serving(tmp_path) as base:
        assert counts(base) == [59, 58, 57]


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--forwarded-allow-ips", "127.0.0.1"), {}), ((), {"FORWARDED_ALLOW_IPS": "127.0.0.0/8"})],
    ids=["option", "environment"],
)
def test_a_trusted_proxy_names_the_client(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    with serving(tmp_path, *args, **env) as base:
        assert counts(base) == [59, 58, 59]


@pytest.mark.parametrize(
    ("args", "recorded"),
    [((), "127.0.0.1"), (("--forwarded-allow-ips", "127.0.0.1"), "203.0.113.9")],
    ids=["untrusted", "trusted"],
)
def test_the_audit_log_records_the_forwarded_address_only_from_a_trusted_proxy(
    tmp_path: Path, args: tuple[str, ...], recorded: str
) -> None:
    login = 'mutation { login(email: "nobody@example.com", password: "wrong") { user { id } } }'
    with serving(tmp_path, *args) as base:
        httpx.post(f"{base}/graphql", json={"query": login}, headers=FORWARDED)
    with sqlite3.connect(tmp_path / "ipoval.db") as database:
        addresses = database.execute(
            "SELECT client_ip FROM audit_event WHERE event = 'sign_in.failed'"
        ).fetchall()
    assert addresses == [(recorded,)]
