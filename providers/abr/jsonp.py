"""Parsers for ABN Lookup's JSON web services (AbnDetails, AcnDetails, MatchingNames).

Every answer is JSONP, `callback({...})`, with HTTP 200 even for errors: an error is a non-empty
`Message` beside empty fields. Messages fall into four groups:

- no such entity ("No records found", "Search text is not a valid ABN or ACN", the name-search
  complaints): the identifier is absent, the search has no matches;
- the GUID is not accepted (unknown, or its registration cancelled): a configuration problem,
  `ProviderError`;
- "System problems have prevented this request from completing": `ProviderUnavailable`;
- anything else: `ProviderError`, since we cannot tell what it means.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from core.errors import ProviderError, ProviderUnavailable
from providers.models import DataSource, NameMatch, Provenance, RegistryEntity

UPSTREAM = "ABR"

_JSONP = re.compile(r"^\s*[A-Za-z_$][\w$.]*\s*\((.*)\)\s*;?\s*$", re.DOTALL)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

_NOT_FOUND = (
    "no records found",
    "no record found",
    "not a valid abn",
    "not a valid acn",
    "is invalid in name search",
    "no name search criteria",
    "name search type cannot be determined",
)
_CONFIGURATION = ("guid", "registered party", "registration for the party")
_UNAVAILABLE = ("system problems", "temporarily unavailable", "try again later")


def unwrap_jsonp(text: str, endpoint: str) -> dict[str, Any]:
    """The object inside `callback(...)`; ProviderError when the text is not JSONP of an object."""
    match = _JSONP.match(text)
    if match is None:
        raise _malformed(endpoint, "not JSONP")
    try:
        payload = json.loads(match.group(1))
    except ValueError:
        raise _malformed(endpoint, "the JSONP holds no valid JSON") from None
    if not isinstance(payload, dict):
        raise _malformed(endpoint, "the JSONP holds no JSON object")
    return payload


def parse_entity(text: str, *, endpoint: str, as_of: date) -> RegistryEntity | None:
    """An AbnDetails or AcnDetails answer as a RegistryEntity; None when there is no such entity."""
    payload = unwrap_jsonp(text, endpoint)
    if not _message_allows_data(payload, endpoint):
        return None
    abn = _text(payload, "Abn", endpoint)
    name = _text(payload, "EntityName", endpoint)
    if not abn and not name:
        return None
    if not name:
        raise _malformed(endpoint, f"record {abn} has no EntityName")
    return RegistryEntity(
        abn=abn or None,
        acn=_text(payload, "Acn", endpoint) or None,
        entity_name=name,
        entity_type=_text(payload, "EntityTypeName", endpoint) or None,
        status=_text(payload, "AbnStatus", endpoint) or None,
        status_from=_date(payload, "AbnStatusEffectiveFrom", endpoint),
        gst_registered_from=_date(payload, "Gst", endpoint),
        state=_text(payload, "AddressState", endpoint) or None,
        postcode=_text(payload, "AddressPostcode", endpoint) or None,
        business_names=_business_names(payload.get("BusinessName"), endpoint),
        provenance=Provenance(DataSource.ABR, as_of),
    )


def parse_matching_names(text: str) -> list[NameMatch]:
    """A MatchingNames answer, in the register's order (best first)."""
    endpoint = "MatchingNames"
    payload = unwrap_jsonp(text, endpoint)
    if not _message_allows_data(payload, endpoint):
        return []
    names = payload.get("Names")
    if names is None:
        return []
    if not isinstance(names, list):
        raise _malformed(endpoint, "Names is not a list")
    matches = []
    for index, item in enumerate(names):
        if not isinstance(item, dict):
            raise _malformed(endpoint, f"Names[{index}] is not an object")
        where = f"{endpoint} Names[{index}]"
        abn = _text(item, "Abn", where)
        name = _text(item, "Name", where)
        if not abn or not name:
            raise _malformed(where, "a match without Abn or Name")
        matches.append(
            NameMatch(
                abn=abn,
                name=name,
                name_type=_text(item, "NameType", where) or None,
                score=_score(item.get("Score"), where),
                state=_text(item, "State", where) or None,
                postcode=_text(item, "Postcode", where) or None,
                is_current=_flag(item.get("IsCurrent"), where),
            )
        )
    return matches


def _message_allows_data(payload: Mapping[str, Any], endpoint: str) -> bool:
    """False for "no such entity"; raises for the other error messages; True when there is none."""
    message = payload.get("Message")
    if message is None or message == "":
        return True
    if not isinstance(message, str):
        raise _malformed(endpoint, "Message is not text")
    lowered = message.lower()
    if any(marker in lowered for marker in _NOT_FOUND):
        return False
    if any(marker in lowered for marker in _CONFIGURATION):
        raise ProviderError(
            f"ABR {endpoint}: the ABN Lookup GUID was refused ({message.strip()}); "
            "check the configured GUID",
            upstream=UPSTREAM,
        )
    if any(marker in lowered for marker in _UNAVAILABLE):
        raise ProviderUnavailable(f"ABR {endpoint}: {message.strip()}", upstream=UPSTREAM)
    raise _malformed(endpoint, f"unexpected message {message.strip()!r}")


def _text(payload: Mapping[str, Any], key: str, where: str) -> str:
    value = payload.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _malformed(where, f"{key} is not text")
    return value.strip()


def _date(payload: Mapping[str, Any], key: str, where: str) -> date | None:
    text = _text(payload, key, where)
    if not text:
        return None
    match = _ISO_DATE.match(text)
    try:
        if match is None:
            raise ValueError(text)
        parsed = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise _malformed(where, f"{key} is not a date: {text!r}") from None
    # The register writes 0001-01-01 where it has no date.
    return None if parsed.year == 1 else parsed


def _business_names(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _malformed(where, "BusinessName is not a list")
    names: list[str] = []
    for item in value:
        # The JSON service lists plain strings; its XML sibling has {"OrganisationName": ...}.
        name = item.get("OrganisationName") if isinstance(item, dict) else item
        if not isinstance(name, str):
            raise _malformed(where, "a BusinessName is not text")
        if name.strip() and name.strip() not in names:
            names.append(name.strip())
    return tuple(names)


def _score(value: Any, where: str) -> int:
    if isinstance(value, bool):
        raise _malformed(where, "Score is not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise _malformed(where, "Score is not a number")


def _flag(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "y", "yes"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"false", "n", "no", ""}:
        return False
    if value is None:
        return False
    raise _malformed(where, "IsCurrent is not a flag")


def _malformed(where: str, what: str) -> ProviderError:
    return ProviderError(f"ABR {where}: {what}", upstream=UPSTREAM)
