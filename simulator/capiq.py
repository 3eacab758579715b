"""S&P Capital IQ's GDS API: a token for a username and password, then batched requests.

Served under `/capiq`, standing for https://api-ciq.marketintelligence.spglobal.com/gdsapi/rest.
Each answer element has the keys and defaults of the recorded one; every value is a string.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from functools import cache
from typing import Any, Final
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from simulator.capiq_values import CapiqValues, Lookup
from simulator.recordings import recorded_json
from simulator.state import SimulatorState
from simulator.transactions import TransactionBook

TOKEN_LIFETIME_SECONDS: Final = 3600


class CapiqRoutes:
    def __init__(self, state: SimulatorState) -> None:
        self._state = state
        self._values = CapiqValues(state.directory, TransactionBook(state.directory))

    async def token(self, request: Request) -> Response:
        form = parse_qs((await request.body()).decode("utf-8", errors="replace"))
        username = form.get("username", [""])[0]
        password = form.get("password", [""])[0]
        credentials = self._state.credentials
        if (username, password) != (credentials.capiq_username, credentials.capiq_password):
            return _unauthorized("Invalid username or password.")
        answer = recorded_json("capiq/auth_token_response_shape.json")
        answer["access_token"] = secrets.token_urlsafe(32)
        answer["refresh_token"] = secrets.token_urlsafe(32)
        answer["expires_in_seconds"] = str(TOKEN_LIFETIME_SECONDS)
        expiry = asyncio.get_running_loop().time() + TOKEN_LIFETIME_SECONDS
        self._state.capiq.tokens[answer["access_token"]] = expiry
        return JSONResponse(answer)

    async def clientservice(self, request: Request) -> Response:
        if not self._authorised(request):
            return _unauthorized("A valid bearer token is required.")
        try:
            body = json.loads(await request.body())
            requests = body["inputRequests"]
            if not isinstance(requests, list) or not all(isinstance(r, dict) for r in requests):
                raise TypeError("inputRequests must be a list of objects")
        except (ValueError, KeyError, TypeError) as exc:
            return JSONResponse(
                {"error": "Bad Request", "message": f"unreadable request body: {exc}"},
                status_code=400,
            )
        session = self._state.capiq
        limit = self._state.faults.capiq_daily_limit
        if limit is not None and session.requests_today + len(requests) > limit:
            answer = recorded_json("capiq/clientservice_response_daily_limit.json")
            answer["GDSSDKResponse"][0]["ErrMsg"] = f"Daily Request Limit of {limit} Exceeded"
            return JSONResponse(answer)
        session.requests_today += len(requests)
        elements = [_element(r, await self._values.lookup(r)) for r in requests]
        return JSONResponse({"GDSSDKResponse": elements})

    def _authorised(self, request: Request) -> bool:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        expiry = self._state.capiq.tokens.get(token.strip())
        if scheme.lower() != "bearer" or expiry is None:
            return False
        return asyncio.get_running_loop().time() < expiry


def _element(request: dict[str, Any], lookup: Lookup) -> dict[str, Any]:
    element = dict(_element_template())  # every nested value is replaced below
    mnemonic = str(request.get("mnemonic", ""))
    properties = request.get("properties")
    element.update(
        Headers=[mnemonic],
        Rows=[{"Row": [value]} for value in lookup.rows],
        NumCols=1,
        NumRows=len(lookup.rows),
        Mnemonic=mnemonic,
        Function=str(request.get("function", "")),
        ErrMsg=lookup.error,
        Properties=properties if isinstance(properties, dict) else {},
        Identifier=str(request.get("identifier", "")),
    )
    return element


@cache
def _element_template() -> dict[str, Any]:
    template: dict[str, Any] = recorded_json("capiq/clientservice_response_gdst_fixture.json")[
        "GDSSDKResponse"
    ][0]
    return template


def _unauthorized(message: str) -> JSONResponse:
    return JSONResponse(
        {"error": "Unauthorized", "message": message},
        status_code=401,
        headers={"WWW-Authenticate": "Bearer"},
    )
