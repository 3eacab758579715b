"""ABN Lookup (the Australian Business Register's JSON web services), as JSONP.

Served under `/abr`, standing for https://abr.business.gov.au/json. Every refusal (wrong GUID,
invalid identifier) is HTTP 200 with a `Message`, as the live service answers.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import Response

from simulator import abr_entities
from simulator.recordings import recorded_json
from simulator.state import SimulatorState

_CALLBACK: Final = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")
_DEFAULT_MAX_RESULTS: Final = 10


class AbrRoutes:
    def __init__(self, state: SimulatorState) -> None:
        self._state = state

    async def abn_details(self, request: Request) -> Response:
        if not self._guid_ok(request):
            return _jsonp(request, recorded_json("abr/AbnDetails_error_bad_guid.jsonp"))
        return _jsonp(request, abr_entities.by_abn(_digits(request, "abn")))

    async def acn_details(self, request: Request) -> Response:
        if not self._guid_ok(request):
            return _jsonp(request, recorded_json("abr/AbnDetails_error_bad_guid.jsonp"))
        return _jsonp(request, abr_entities.by_acn(_digits(request, "acn")))

    async def matching_names(self, request: Request) -> Response:
        if not self._guid_ok(request):
            message = recorded_json("abr/AbnDetails_error_bad_guid.jsonp")["Message"]
            return _jsonp(request, {"Message": message, "Names": []})
        try:
            limit = int(request.query_params.get("maxResults", _DEFAULT_MAX_RESULTS))
        except ValueError:
            limit = _DEFAULT_MAX_RESULTS
        names = abr_entities.matching_names(request.query_params.get("name", ""), max(limit, 1))
        return _jsonp(request, {"Message": "", "Names": names})

    def _guid_ok(self, request: Request) -> bool:
        return request.query_params.get("guid", "") == self._state.credentials.abr_guid


def _digits(request: Request, name: str) -> str:
    return "".join(request.query_params.get(name, "").split())


def _jsonp(request: Request, payload: dict[str, Any]) -> Response:
    callback = request.query_params.get("callback", "callback")
    if not _CALLBACK.match(callback):
        callback = "callback"
    body = f"{callback}({json.dumps(payload, separators=(',', ':'))})"
    return Response(body, media_type="text/javascript")
