"""Ordinary mistakes on the command line, said in one line instead of a traceback."""

from __future__ import annotations

from pydantic import ValidationError


class CommandError(Exception):
    """A mistake the operator can fix (a wrong flag, file or URL, a service that is not up):
    `ipoval` prints `ipoval: <message>` on stderr and exits with `exit_code`."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


# Settings read from variables without the IPOVAL_ prefix (see core/settings.py).
_UNPREFIXED = {"database_url": "DATABASE_URL", "redis_url": "REDIS_URL"}


def invalid_settings(error: ValidationError) -> CommandError:
    """The first invalid environment variable, named as the operator wrote it."""
    first = error.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else ""
    variable = _UNPREFIXED.get(field, f"IPOVAL_{field.upper()}")
    given = first.get("input")
    shown = f" (got {given!r})" if isinstance(given, str | int | float | bool) else ""
    return CommandError(f"invalid setting {variable}: {first['msg']}{shown}", exit_code=2)
