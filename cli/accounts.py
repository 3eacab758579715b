"""`ipoval user ...` and `ipoval apikey ...`: operator commands on accounts."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

from accounts.operators import create_api_key, create_user, revoke_api_key
from accounts.tiers import Tier
from cli.errors import CommandError
from cli.reachability import require_services
from core.errors import IpovalError
from core.migrate import upgrade_to_head
from core.secret_box import SecretBox
from core.settings import Settings
from repositories.connections import reencrypt_all
from runtime.services import Services, open_services

T = TypeVar("T")


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    user = commands.add_parser("user", help="manage users").add_subparsers(
        dest="action", required=True
    )
    create = user.add_parser("create", help="create a user (and its organisation if new)")
    create.add_argument("--email", required=True)
    create.add_argument("--organisation", required=True)
    create.add_argument("--tier", choices=[t.value for t in Tier], default=Tier.BASIC.value)
    password = create.add_mutually_exclusive_group()
    password.add_argument(
        "--password", help="the password (visible to other local users: prefer the prompt)"
    )
    password.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts)",
    )

    apikey = commands.add_parser("apikey", help="manage partner API keys").add_subparsers(
        dest="action", required=True
    )
    issue = apikey.add_parser("create", help="issue a key; it is shown once")
    issue.add_argument("--organisation", required=True)
    issue.add_argument("--name", default="partner integration")
    revoke = apikey.add_parser("revoke", help="revoke a key by its prefix")
    revoke.add_argument("--prefix", required=True)

    secrets = commands.add_parser("secrets", help="secrets at rest").add_subparsers(
        dest="action", required=True
    )
    secrets.add_parser(
        "rotate", help="re-encrypt stored provider tokens with the first IPOVAL_ENCRYPTION_KEYS key"
    )


def run(settings: Settings, args: argparse.Namespace) -> int:
    if args.command == "user":
        password = _password(args)
        user = _with_services(
            settings,
            lambda s: create_user(s, args.email, password, args.organisation, Tier(args.tier)),
        )
        if user is None:
            return 1
        print(f"created user {user.email} in {args.organisation}")
        return 0
    if args.command == "secrets":
        return _rotate_secrets(settings)
    if args.action == "create":
        created = _with_services(
            settings, lambda s: create_api_key(s, args.organisation, args.name)
        )
        if created is None:
            return 1
        print(f"API key for {args.organisation} (shown once; store it now):\n{created[1]}")
        return 0
    revoked = _with_services(settings, lambda s: revoke_api_key(s, args.prefix))
    if revoked is None:
        return 1
    print(f"revoked API key {args.prefix}")
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password is not None:
        return str(args.password)
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise CommandError("--password-stdin: standard input held no password")
        return line
    if not sys.stdin.isatty():
        raise CommandError(
            "no terminal to ask for the password on: pipe it in with --password-stdin",
            exit_code=2,
        )
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise CommandError("the two passwords differ; nothing was created")
    return first


def _rotate_secrets(settings: Settings) -> int:
    async def rotate(services: Services) -> tuple[int, list[uuid.UUID]]:
        async with services.sessions.begin() as session:
            return await reencrypt_all(session, SecretBox(settings))

    outcome = _with_services(settings, rotate)
    if outcome is None:
        return 1
    rotated, unreadable = outcome
    print(f"re-encrypted {rotated} provider connection(s) with the first key")
    for connection_id in unreadable:
        print(f"ipoval: no configured key reads connection {connection_id}", file=sys.stderr)
    return 1 if unreadable else 0


def _with_services(settings: Settings, action: Callable[[Services], Awaitable[T]]) -> T | None:
    require_services(settings)

    async def main() -> T:
        async with open_services(settings) as services:
            if settings.is_sqlite:
                await upgrade_to_head(services.engine)
            return await action(services)

    try:
        return asyncio.run(main())
    except IpovalError as error:
        print(f"ipoval: {error.message}", file=sys.stderr)
        return None
