"""An ordinary mistake gets one clear line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from tests.fixtures.command_line import assert_one_clear_line, embedded_env, ipoval, serving
from tests.fixtures.servers import free_port

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "company.json"
DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/ipoval_test")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def services_env(tmp_path: Path, **urls: str) -> dict[str, str]:
    env = embedded_env(tmp_path, DATABASE_URL=DATABASE_URL, REDIS_URL=REDIS_URL)
    return {**env, "IPOVAL_ENV": "development", **urls}


def postgres_url(database: str, user: str | None = None) -> str:
    url = make_url(DATABASE_URL).set(drivername="postgresql", database=database)
    if user is not None:
        url = url.set(username=user)
    return url.render_as_string(hide_password=False)


async def admin() -> asyncpg.Connection:
    return await asyncpg.connect(postgres_url("postgres"))


# ipoval valuate


def test_valuate_without_a_running_server_says_so(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    result = ipoval(embedded_env(tmp_path), "valuate", "--input", str(EXAMPLE), "--url", url)
    assert_one_clear_line(result, "cannot connect to", f"{url}/graphql", "ipoval serve")


def test_valuate_refuses_a_url_without_a_scheme(tmp_path: Path) -> None:
    result = ipoval(
        embedded_env(tmp_path), "valuate", "--input", str(EXAMPLE), "--url", "127.0.0.1:8000"
    )
    assert_one_clear_line(result, "--url must be an http:// or https:// address", exit_code=2)


@pytest.fixture
def not_the_api() -> Iterator[str]:
    """A web server that is not the API: every path is a 404 page."""

    class NotFound(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<h1>Not Found</h1>")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), NotFound)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_valuate_against_a_server_that_is_not_the_api_says_so(
    tmp_path: Path, not_the_api: str
) -> None:
    result = ipoval(
        embedded_env(tmp_path), "valuate", "--input", str(EXAMPLE), "--url", not_the_api
    )
    assert_one_clear_line(result, "HTTP 404", "without a GraphQL response", "--url")


def test_valuate_accepts_the_graphql_endpoint_as_url(tmp_path: Path) -> None:
    with serving(tmp_path) as base:
        result = ipoval(
            embedded_env(tmp_path), "valuate", "--input", str(EXAMPLE), "--url", f"{base}/graphql/"
        )
    assert result.returncode == 0, result.stderr
    assert "offer range per share" in result.stdout


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (None, "No such file or directory"),
        ("{ not json", "is not valid JSON"),
        ("[1, 2]", "must hold one JSON object"),
        (b"\xff\xfe{}", "is not UTF-8 text"),
    ],
    ids=["missing", "invalid-json", "not-an-object", "not-utf8"],
)
def test_valuate_explains_an_unusable_input_file(
    tmp_path: Path, content: str | bytes | None, phrase: str
) -> None:
    path = tmp_path / "company.json"
    if isinstance(content, str):
        path.write_text(content)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    result = ipoval(embedded_env(tmp_path), "valuate", "--input", str(path))
    assert_one_clear_line(result, str(path), phrase)


def test_valuate_explains_an_unreadable_input_file(tmp_path: Path) -> None:
    # A directory cannot be read as a file, even by root (who reads a chmod 000 file).
    result = ipoval(embedded_env(tmp_path), "valuate", "--input", str(tmp_path))
    assert_one_clear_line(result, f"cannot read {tmp_path}", "Is a directory")


def test_valuate_help_shows_the_default_url(tmp_path: Path) -> None:
    result = ipoval(embedded_env(tmp_path), "valuate", "--help")
    assert result.returncode == 0
    assert "(default: http://127.0.0.1:8000)" in " ".join(result.stdout.split())


# ipoval user create


def test_user_create_without_a_terminal_asks_for_password_stdin(tmp_path: Path) -> None:
    result = ipoval(
        embedded_env(tmp_path), "user", "create", "--email", "a@example.com", "--organisation", "A"
    )
    assert_one_clear_line(result, "no terminal", "--password-stdin", exit_code=2)
    assert not (tmp_path / "ipoval.db").exists(), "nothing is touched before the password"


def test_user_create_reads_the_password_from_stdin(tmp_path: Path) -> None:
    env = embedded_env(tmp_path)
    args = ["user", "create", "--email", "s@example.com", "--organisation", "S"]
    created = ipoval(env, *args, "--password-stdin", stdin="a long enough password\n")
    assert created.returncode == 0, created.stderr
    assert "created user s@example.com" in created.stdout
    empty = ipoval(env, *args, "--password-stdin", stdin="")
    assert_one_clear_line(empty, "standard input held no password")


# ipoval migrate


async def test_migrate_creates_a_missing_database(tmp_path: Path) -> None:
    name = f"ipoval_e_cli_{uuid.uuid4().hex[:8]}_test"
    try:
        result = ipoval(services_env(tmp_path, DATABASE_URL=postgres_url(name)), "migrate")
        assert result.returncode == 0, result.stderr
        assert f'created database "{name}"' in result.stdout
        connection = await asyncpg.connect(postgres_url(name))
        try:
            assert await connection.fetchval("SELECT count(*) FROM alembic_version") == 1
        finally:
            await connection.close()
    finally:
        connection = await admin()
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        finally:
            await connection.close()


async def test_migrate_says_how_to_create_a_database_it_may_not_create(tmp_path: Path) -> None:
    role = f"ipoval_e_cli_{uuid.uuid4().hex[:8]}"
    name = f"{role}_test"
    connection = await admin()
    try:
        await connection.execute(f'CREATE ROLE "{role}" LOGIN NOCREATEDB')
        env = services_env(tmp_path, DATABASE_URL=postgres_url(name, user=role))
        result = ipoval(env, "migrate")
        assert_one_clear_line(result, f'database "{name}" does not exist', "CREATE DATABASE")
    finally:
        await connection.execute(f'DROP ROLE IF EXISTS "{role}"')
        await connection.close()


def test_migrate_without_a_reachable_postgresql_says_so(tmp_path: Path) -> None:
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/ipoval"
    result = ipoval(services_env(tmp_path, DATABASE_URL=url), "migrate")
    assert_one_clear_line(result, "cannot reach PostgreSQL", "connection refused", "DATABASE_URL")


# unreachable Redis, unsafe production, invalid settings


@pytest.mark.parametrize(
    "command",
    # Not `worker`: it waits for Redis (tests/workers/test_redis_outage.py).
    [["apikey", "revoke", "--prefix", "ipv_0000"], ["secrets", "rotate"]],
    ids=["apikey", "secrets"],
)
def test_commands_that_need_redis_say_when_it_is_unreachable(
    tmp_path: Path, command: list[str]
) -> None:
    env = services_env(tmp_path, REDIS_URL=f"redis://127.0.0.1:{free_port()}/6")
    result = ipoval(env, *command)
    assert_one_clear_line(result, "cannot reach Redis", "connection refused", "REDIS_URL")


@pytest.mark.parametrize("command", ["serve", "worker"])
def test_production_with_the_development_secrets_is_refused_in_one_line(
    tmp_path: Path, command: str
) -> None:
    env = {**services_env(tmp_path), "IPOVAL_ENV": "production"}
    result = ipoval(env, command)
    assert_one_clear_line(
        result, "IPOVAL_ENV=production needs its own IPOVAL_JWT_KEYS", exit_code=2
    )


def test_serve_without_a_reachable_database_says_so(tmp_path: Path) -> None:
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/ipoval"
    result = ipoval(services_env(tmp_path, DATABASE_URL=url), "serve", "--port", str(free_port()))
    assert_one_clear_line(result, "cannot reach PostgreSQL", "DATABASE_URL")


def test_an_invalid_setting_is_named(tmp_path: Path) -> None:
    result = ipoval(embedded_env(tmp_path, IPOVAL_ENV="staging"), "migrate")
    assert_one_clear_line(result, "invalid setting IPOVAL_ENV", "'staging'", exit_code=2)


def test_serve_refuses_a_forwarded_allow_ips_that_is_not_an_address(tmp_path: Path) -> None:
    result = ipoval(embedded_env(tmp_path), "serve", "--forwarded-allow-ips", "proxy.internal")
    assert_one_clear_line(result, "'proxy.internal' is not an IP address", exit_code=2)


async def test_a_command_before_migrate_says_to_run_it(tmp_path: Path) -> None:
    name = f"ipoval_e_cli_{uuid.uuid4().hex[:8]}_test"
    connection = await admin()
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
        env = services_env(tmp_path, DATABASE_URL=postgres_url(name))
        result = ipoval(env, "apikey", "create", "--organisation", "Acme")
        assert_one_clear_line(result, f'database "{name}"', "no tables yet", "ipoval migrate")
    finally:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await connection.close()
