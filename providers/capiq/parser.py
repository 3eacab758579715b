"""Capital IQ request and response shapes, and the readers of its string values.

A `clientservice.json` answer is `{"GDSSDKResponse": [...]}` with one element per input request, in
the order sent. Each element carries `Headers`, `Rows` (`[{"Row": ["value", ...]}, ...]`, every
value a string), `Mnemonic`, `Identifier` and `ErrMsg`: null when the item has data, a message such
as "Data Unavailable" or "Invalid Identifier" when it has none (that item is None here, not an
error). A call refused as a whole comes back as a single element holding only `ErrMsg`, e.g.
"Daily Request Limit of 10000 Exceeded".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from core.errors import ProviderError

UPSTREAM = "CAPIQ"

# Values Capital IQ writes where a figure does not exist or is not meaningful.
NO_VALUE = frozenset(
    {"", "nm", "na", "n/a", "-", "--", "null", "data unavailable", "capabilityneeded"}
)
_LIMIT = re.compile(r"\blimit\b", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True, slots=True)
class InputRequest:
    function: str
    identifier: str
    mnemonic: str
    properties: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "function": self.function,
            "identifier": self.identifier,
            "mnemonic": self.mnemonic,
            "properties": dict(self.properties),
        }


@dataclass(frozen=True, slots=True)
class ResultItem:
    """The answer to one input request."""

    mnemonic: str
    identifier: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def value(self) -> str | None:
        """The single value of a GDSP answer; None when it is empty or a no-value marker."""
        if not self.rows or not self.rows[0]:
            return None
        text = self.rows[0][0].strip()
        return None if text.lower() in NO_VALUE else text

    @property
    def column(self) -> list[str]:
        """The first value of every row of a GDSHE answer, no-value markers left out."""
        values = (row[0].strip() for row in self.rows if row)
        return [value for value in values if value.lower() not in NO_VALUE]


class RequestLimitReached(Exception):
    """Capital IQ refused the whole call because a request quota is used up."""


def parse_clientservice(body: Any, requests: Sequence[InputRequest]) -> list[ResultItem | None]:
    """One entry per request, in order: the item, or None where its ErrMsg says it has no data.

    Raises RequestLimitReached for a call refused for its quota, ProviderError for anything that
    is not the documented shape.
    """
    if not isinstance(body, dict) or not isinstance(body.get("GDSSDKResponse"), list):
        raise _malformed("no GDSSDKResponse list")
    elements: list[Any] = body["GDSSDKResponse"]
    if len(elements) == 1 and _is_bare_error(elements[0]):
        message = elements[0]["ErrMsg"].strip()
        if _LIMIT.search(message):
            raise RequestLimitReached(message)
        if len(requests) != 1:
            raise _malformed(f"the call was refused: {message}")
    if len(elements) != len(requests):
        raise _malformed(f"{len(elements)} answers to {len(requests)} requests")
    return [
        _item(element, request, index)
        for index, (element, request) in enumerate(zip(elements, requests, strict=True))
    ]


def parse_token(body: Any) -> tuple[str, int]:
    """The access token and its lifetime in seconds (sent as a string, "3600")."""
    if not isinstance(body, dict):
        raise _malformed("the token answer is not a JSON object", "authentication")
    token = body.get("access_token")
    if not isinstance(token, str) or not token.strip():
        raise _malformed("the token answer has no access_token", "authentication")
    lifetime = body.get("expires_in_seconds")
    if isinstance(lifetime, bool) or not isinstance(lifetime, str | int):
        raise _malformed("the token answer has no expires_in_seconds", "authentication")
    text = str(lifetime).strip()
    if not text.isascii() or not text.isdigit() or int(text) <= 0:
        raise _malformed("expires_in_seconds is not a positive whole number", "authentication")
    return token.strip(), int(text)


def parse_number(text: str | None, mnemonic: str) -> float | None:
    """A Capital IQ number: "1,234.5" -> 1234.5, "(12.5)" -> -12.5, "NM" and "" -> None."""
    if text is None:
        return None
    cleaned = text.strip()
    if cleaned.lower() in NO_VALUE:
        return None
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    if negative:
        cleaned = cleaned[1:-1]
    cleaned = cleaned.replace(",", "").removesuffix("%").strip()
    if not _NUMBER.match(cleaned):
        raise _malformed(f"{mnemonic} is not a number: {text!r}")
    number = float(cleaned)
    return -number if negative else number


def parse_date(text: str | None, mnemonic: str) -> date | None:
    """A Capital IQ date, "MM/DD/YYYY" (a trailing time is ignored)."""
    if text is None or text.strip().lower() in NO_VALUE:
        return None
    try:
        return datetime.strptime(text.strip().split()[0], "%m/%d/%Y").date()
    except ValueError:
        raise _malformed(f"{mnemonic} is not a MM/DD/YYYY date: {text!r}") from None


def _is_bare_error(element: Any) -> bool:
    if not isinstance(element, dict) or not isinstance(element.get("ErrMsg"), str):
        return False
    return element["ErrMsg"].strip() != "" and set(element) <= {"ErrMsg"}


def _item(element: Any, request: InputRequest, index: int) -> ResultItem | None:
    where = f"answer {index} ({request.mnemonic})"
    if not isinstance(element, dict):
        raise _malformed(f"{where} is not an object")
    error = element.get("ErrMsg")
    if error is not None and not isinstance(error, str):
        raise _malformed(f"{where}: ErrMsg is not text")
    mnemonic = element.get("Mnemonic")
    if mnemonic is not None and not isinstance(mnemonic, str):
        raise _malformed(f"{where}: Mnemonic is not text")
    if mnemonic and mnemonic.strip().upper() != request.mnemonic.upper():
        raise _malformed(f"{where} is for {mnemonic}: answers out of order")
    if error and error.strip():
        return None
    identifier = element.get("Identifier")
    return ResultItem(
        mnemonic=request.mnemonic,
        identifier=identifier if isinstance(identifier, str) else request.identifier,
        headers=_headers(element.get("Headers"), where),
        rows=_rows(element.get("Rows"), where),
    )


def _headers(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(header, str) for header in value):
        raise _malformed(f"{where}: Headers is not a list of text")
    return tuple(value)


def _rows(value: Any, where: str) -> tuple[tuple[str, ...], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _malformed(f"{where}: Rows is not a list")
    rows = []
    for row in value:
        cells = row.get("Row") if isinstance(row, dict) else None
        if not isinstance(cells, list):
            raise _malformed(f"{where}: a row has no Row list")
        rows.append(tuple(_cell(cell, where) for cell in cells))
    return tuple(rows)


def _cell(value: Any, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    raise _malformed(f"{where}: a value is neither text nor a number")


def _malformed(what: str, endpoint: str = "clientservice") -> ProviderError:
    return ProviderError(f"CAPIQ {endpoint}: {what}", upstream=UPSTREAM)
