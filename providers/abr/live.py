"""The live registry adapter: ABN Lookup's JSON web services.

Requests (under the base URL, by default `DEFAULT_BASE_URL`):

    GET /AbnDetails.aspx?abn=<11 digits>&callback=c&guid=<GUID>
    GET /AcnDetails.aspx?acn=<9 digits>&callback=c&guid=<GUID>
    GET /MatchingNames.aspx?name=<text>&maxResults=<n>&callback=c&guid=<GUID>

The GUID travels in the query string, so it is kept out of every message this adapter raises: an
error from the `Upstream` that mentions it anywhere in its chain is replaced by a scrubbed copy.
httpx logs each request's URL (at INFO, on the "httpx" logger); a filter on that logger replaces
the GUID in those records.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, NoReturn, TypeVar
from zoneinfo import ZoneInfo

import httpx

from core.errors import IpovalError, ProviderError, ProviderUnavailable
from providers.abr.identifiers import IdentifierKind, classify, normalise
from providers.abr.jsonp import UPSTREAM, parse_entity, parse_matching_names
from providers.http.upstream import Upstream
from providers.models import NameMatch, RegistryEntity

T = TypeVar("T")

DEFAULT_BASE_URL = "https://abr.business.gov.au/json"
_SYDNEY = ZoneInfo("Australia/Sydney")
_CALLBACK = "c"
_REDACTED = "<guid>"
_ENDPOINTS = {
    IdentifierKind.ABN: ("AbnDetails", "/AbnDetails.aspx", "abn"),
    IdentifierKind.ACN: ("AcnDetails", "/AcnDetails.aspx", "acn"),
}


class _RedactSecrets(logging.Filter):
    """Replaces registered secrets in the records of the logger it is attached to."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        redacted = message
        for secret in self.secrets:
            redacted = redacted.replace(secret, _REDACTED)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


_HTTPX_REDACTION = _RedactSecrets()
logging.getLogger("httpx").addFilter(_HTTPX_REDACTION)


def _sydney_today() -> date:
    return datetime.now(UTC).astimezone(_SYDNEY).date()


class AbrProvider:
    """RegistryProvider over ABN Lookup. `today` gives the provenance date (Sydney's date)."""

    def __init__(
        self,
        upstream: Upstream,
        guid: str,
        *,
        max_concurrency: int = 8,
        today: Callable[[], date] = _sydney_today,
    ) -> None:
        if not guid.strip():
            raise ValueError("an ABN Lookup GUID is required")
        self._upstream = upstream
        self._guid = guid.strip()
        _HTTPX_REDACTION.secrets.add(self._guid)
        self._today = today
        self._slots = asyncio.Semaphore(max(1, max_concurrency))

    def __repr__(self) -> str:
        return f"AbrProvider(upstream={self._upstream.name!r})"

    async def entities(self, identifiers: Sequence[str]) -> Mapping[str, RegistryEntity]:
        """Entities by ABN or ACN. Identifiers whose check digits fail are absent without a call;
        each valid one is looked up concurrently. When some lookups cannot be made, raises
        ProviderUnavailable whose `partial` holds the ones that could."""
        keys_by_number: dict[str, list[str]] = {}
        for identifier in identifiers:
            number = normalise(identifier)
            if classify(number) is not None:
                keys_by_number.setdefault(number, []).append(identifier)
        numbers = list(keys_by_number)
        as_of = self._today()
        outcomes = await asyncio.gather(
            *(self._entity(number, as_of) for number in numbers), return_exceptions=True
        )

        found: dict[str, RegistryEntity] = {}
        unavailable: list[ProviderUnavailable] = []
        for number, outcome in zip(numbers, outcomes, strict=True):
            if isinstance(outcome, ProviderUnavailable):
                unavailable.append(outcome)
            elif isinstance(outcome, BaseException):
                raise outcome
            elif outcome is not None:
                for key in keys_by_number[number]:
                    found[key] = outcome
        if unavailable:
            first = unavailable[0]
            raise ProviderUnavailable(
                f"ABN Lookup could not answer for {len(unavailable)} of {len(numbers)} "
                f"identifiers: {first.message}",
                partial=found,
                **{**first.details, "upstream": UPSTREAM},
            )
        return found

    async def search_names(self, name: str, limit: int) -> Sequence[NameMatch]:
        """Registered names matching `name`, best first, at most `limit`."""
        query = " ".join(name.split())
        if not query or limit <= 0:
            return []
        matches = await self._call(
            "MatchingNames",
            "/MatchingNames.aspx",
            {"name": query, "maxResults": str(limit)},
            parse_matching_names,
        )
        # The register already ranks by score; a stable sort keeps its order among equal scores.
        matches.sort(key=lambda match: match.score, reverse=True)
        return matches[:limit]

    async def _entity(self, number: str, as_of: date) -> RegistryEntity | None:
        kind = classify(number)
        assert kind is not None  # filtered by the caller
        endpoint, path, parameter = _ENDPOINTS[kind]
        async with self._slots:
            return await self._call(
                endpoint,
                path,
                {parameter: number},
                lambda text: parse_entity(text, endpoint=endpoint, as_of=as_of),
            )

    async def _call(
        self, endpoint: str, path: str, params: dict[str, str], parse: Callable[[str], T]
    ) -> T:
        query = {**params, "callback": _CALLBACK, "guid": self._guid}
        try:
            response = await self._upstream.get(path, params=query)
            if response.status_code != httpx.codes.OK:
                raise ProviderError(
                    f"ABR {endpoint}: HTTP {response.status_code}", upstream=UPSTREAM
                )
            try:
                text = response.text
            except (UnicodeDecodeError, LookupError):
                raise ProviderError(
                    f"ABR {endpoint}: undecodable body", upstream=UPSTREAM
                ) from None
            return parse(text)
        except IpovalError as exc:
            if self._mentions_guid(exc):
                self._raise_scrubbed(exc)
            raise

    def _mentions_guid(self, exc: BaseException) -> bool:
        seen: set[int] = set()
        current: BaseException | None = exc
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            if self._guid in str(current) or self._guid in repr(getattr(current, "details", "")):
                return True
            current = current.__cause__ or current.__context__
        return False

    def _raise_scrubbed(self, exc: IpovalError) -> NoReturn:
        message = exc.message.replace(self._guid, _REDACTED)
        details = {key: self._scrub(value) for key, value in exc.details.items()}
        if isinstance(exc, ProviderUnavailable):
            raise ProviderUnavailable(message, partial=exc.partial, **details) from None
        raise type(exc)(message, **details) from None

    def _scrub(self, value: Any) -> Any:
        return value.replace(self._guid, _REDACTED) if isinstance(value, str) else value
