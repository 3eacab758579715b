"""GraphQL over HTTP on `/graphql`: the media type, the status codes, and refusals as JSON.

- The response media type follows `Accept`: `application/graphql-response+json` when the client
  lists it first, `application/json` for `application/json`, `*/*` and a missing `Accept` (what
  graphql-http's audit expects), 406 when nothing listed is supported.
- Status codes follow the GraphQL-over-HTTP spec: a response that executed (data, even null, or
  field errors with a path) is 200; a request error (parse, validation, variables, a refusal before
  execution) is 400 for `application/graphql-response+json`, without a `data` entry, and 200 for
  `application/json`. Refusals of credentials are 401 / 403 for both media types, like the
  authentication middleware's.
- A request that is not a well-formed GraphQL-over-HTTP request never reaches strawberry's
  plain-text answers: it gets a 4xx with `{"errors": [{"message", "extensions": {"code"}}]}`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import lru_cache
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError

from api.input_strings import UNSTORABLE
from core.errors import ErrorCode
from core.logging import correlation_id
from schema.context import Context

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"

# A request error with one of these codes keeps its status whatever the media type.
_CREDENTIAL_STATUS = {ErrorCode.UNAUTHENTICATED.value: 401, ErrorCode.FORBIDDEN.value: 403}
_REQUEST_ERROR_STATUS = {
    ErrorCode.THROTTLED.value: 429,
    ErrorCode.INTERNAL_ERROR.value: 500,
    ErrorCode.SERVICE_UNAVAILABLE.value: 503,
}


class RequestRefused(Exception):
    """The request is not a well-formed GraphQL-over-HTTP request; nothing was executed."""

    def __init__(
        self,
        status: int,
        code: StrEnum,  # an ErrorCode, or a transport's own (edge/uploads.UploadRefusal)
        message: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def error_body(message: str, code: StrEnum, **extensions: Any) -> bytes:
    """The JSON body of every refusal: one GraphQL error with a stable code."""
    extensions = {"code": code.value, **extensions, "correlationId": correlation_id.get()}
    return orjson.dumps({"errors": [{"message": message, "extensions": extensions}]})


@lru_cache(maxsize=256)
def negotiate(accept: str | None) -> str | None:
    """The media type to answer in for this `Accept` header; None when none listed is served."""
    if not accept or not accept.strip():
        return JSON
    offers: list[tuple[float, int, str]] = []
    for index, entry in enumerate(accept.split(",")):
        media_type, *parameters = (part.strip() for part in entry.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            offers.append((-quality, index, media_type.lower()))
    for _, _, media_type in sorted(offers):
        if media_type == GRAPHQL_RESPONSE_JSON:
            return GRAPHQL_RESPONSE_JSON
        if media_type in (JSON, "application/*", "*/*"):
            return JSON
    return None


def media_type_of(headers: Mapping[str, str]) -> str:
    """The negotiated media type, refusing with 406 when `Accept` lists none we serve."""
    media_type = negotiate(headers.get("accept"))
    if media_type is None:
        raise RequestRefused(
            406,
            ErrorCode.NOT_ACCEPTABLE,
            f"Accept lists neither {GRAPHQL_RESPONSE_JSON} nor {JSON}.",
        )
    return media_type


UNSTORABLE_OPERATION_NAME = (
    "`operationName` contains a NUL character or a lone surrogate, which no operation is named."
)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_json_leniently(text: str) -> Any:
    """The standard library's parser for what orjson refused: it keeps lone surrogates (refused
    later, by argument). It raises `RecursionError` for deep nesting and `ValueError` for the rest:
    malformed JSON, NaN/Infinity, an integer over the interpreter's digit limit (4,300)."""
    return json.loads(text, parse_constant=_refuse_constant)


def decode_json(data: str | bytes) -> Any:
    """JSON from the caller. orjson first (fast); what it refuses is parsed again by the standard
    library, which accepts lone surrogates (refused later, by argument) and tells the caller why
    the rest is malformed. Deep nesting is refused instead of overflowing the stack."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as error:
        raise RequestRefused(400, ErrorCode.BAD_REQUEST, "The body is not valid UTF-8.") from error
    try:
        return parse_json_leniently(text)
    except RecursionError as error:
        raise _bad_request("The JSON is nested too deeply.") from error
    except json.JSONDecodeError as error:
        raise RequestRefused(
            400, ErrorCode.BAD_REQUEST, f"The body is not valid JSON: {error.msg} at {error.pos}."
        ) from error
    except ValueError as error:  # NaN, Infinity, an integer with too many digits
        raise _bad_request(f"The body is not valid JSON: {_sentence(str(error))}") from error


def request_data(data: object) -> GraphQLRequestData:
    """One GraphQL request from a decoded JSON body, or a refusal that says what is wrong."""
    if isinstance(data, list):
        raise _bad_request("Batches are not supported: send one operation per request.")
    if not isinstance(data, dict):
        raise _bad_request("The body must be a JSON object with a `query` string.")
    query = data.get("query")
    if query is None or (isinstance(query, str) and not query.strip()):
        raise _bad_request("The request has no GraphQL `query`.")
    if not isinstance(query, str):
        raise _bad_request("`query` must be a string.")
    for name in ("variables", "extensions"):
        if not isinstance(data.get(name), dict | None):
            raise _bad_request(f"`{name}` must be an object or null.")
    operation_name = data.get("operationName")
    if not isinstance(operation_name, str | None):
        raise _bad_request("`operationName` must be a string or null.")
    if operation_name is not None and UNSTORABLE.search(operation_name):
        # graphql-core would echo it in "Unknown operation named ...", which cannot be encoded.
        raise RequestRefused(400, ErrorCode.BAD_USER_INPUT, UNSTORABLE_OPERATION_NAME)
    return GraphQLRequestData(
        query=query,
        variables=data.get("variables"),
        operation_name=operation_name,
        extensions=data.get("extensions"),
    )


def require_json_content(content_type: str) -> None:
    if content_type.split(";", 1)[0].strip().lower() != JSON:
        raise RequestRefused(
            415,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            "POST bodies must be application/json (form and multipart posts are not accepted).",
        )


class NegotiatedResponse(Response):
    """strawberry's sub-response (resolvers may add headers to it) carrying the media type."""

    graphql_media_type: str = JSON


def sub_response_for(request: Request) -> NegotiatedResponse:
    sub_response = NegotiatedResponse()
    sub_response.status_code = None  # type: ignore[assignment]  # "not set by a resolver"
    del sub_response.headers["content-length"]
    sub_response.graphql_media_type = negotiate(request.headers.get("accept")) or JSON
    return sub_response


def is_request_error(response_data: Mapping[str, Any]) -> bool:
    """No data and no error from a field: nothing executed (the spec's "request error")."""
    errors = response_data.get("errors")
    return (
        response_data.get("data") is None
        and bool(errors)
        and not any(isinstance(error, dict) and "path" in error for error in errors or ())
    )


def status_for(response_data: Mapping[str, Any], media_type: str) -> int:
    if not is_request_error(response_data):
        return 200
    first = response_data["errors"][0]
    extensions = first.get("extensions") if isinstance(first, dict) else None
    code = str((extensions or {}).get("code"))
    if code in _CREDENTIAL_STATUS:
        return _CREDENTIAL_STATUS[code]
    if media_type == JSON:
        return 200
    return _REQUEST_ERROR_STATUS.get(code, 400)


def graphql_response(
    encode: Callable[[object], str | bytes],
    response_data: GraphQLHTTPResponse,
    sub_response: Response,
) -> Response:
    media_type = getattr(sub_response, "graphql_media_type", JSON)
    status = status_for(response_data, media_type)
    body: Mapping[str, Any] = response_data
    if media_type == GRAPHQL_RESPONSE_JSON and is_request_error(response_data):
        body = {key: value for key, value in response_data.items() if key != "data"}
    response = Response(encode(body), status_code=status)
    response.headers["content-type"] = f"{media_type}; charset=utf-8"
    response.headers.raw.extend(sub_response.headers.raw)
    if sub_response.background:
        response.background = sub_response.background
    if sub_response.status_code:
        response.status_code = sub_response.status_code
    return response


def refusal_response(request: Request, refusal: RequestRefused) -> Response:
    media_type = negotiate(request.headers.get("accept")) or JSON
    response = Response(error_body(refusal.message, refusal.code), refusal.status)
    response.headers["content-type"] = f"{media_type}; charset=utf-8"
    response.headers.update(refusal.headers)
    return response


def refusal_from(error: HTTPException) -> RequestRefused | None:
    """strawberry's own refusal as ours; None for an undeterminable operation, which is a GraphQL
    request error (`http_error_response` answers it with the media type's status)."""
    cause = error.__cause__
    if isinstance(cause, CannotGetOperationTypeError):
        return None
    if isinstance(cause, InvalidOperationTypeError) or error.status_code == 405:
        return RequestRefused(
            405, ErrorCode.METHOD_NOT_ALLOWED, _sentence(error.reason), {"Allow": "POST"}
        )
    if isinstance(cause, MissingQueryError):
        return _bad_request("The request has no GraphQL `query`.")
    if error.status_code == 404:
        return RequestRefused(404, ErrorCode.NOT_FOUND, "Not found.")
    return _bad_request(_sentence(error.reason))


def http_error_response(
    request: Request, error: HTTPException, encode: Callable[[object], str | bytes]
) -> Response:
    refusal = refusal_from(error)
    if refusal is not None:
        return refusal_response(request, refusal)
    sub_response = sub_response_for(request)
    extensions = {"code": ErrorCode.GRAPHQL_VALIDATION_FAILED.value}
    data: GraphQLHTTPResponse = {
        "data": None,
        "errors": [{"message": _sentence(error.reason), "extensions": extensions}],
    }
    return graphql_response(encode, data, sub_response)


def _bad_request(message: str) -> RequestRefused:
    return RequestRefused(400, ErrorCode.BAD_REQUEST, message)


def _sentence(reason: str) -> str:
    reason = reason.strip()
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")


class GraphQLOverHTTP(GraphQL[Context, None]):
    """strawberry's ASGI view with the HTTP side described above; websockets are unchanged."""

    # strawberry's own value, restated so that subclasses may override it as they could
    # override GraphQL's (strawberry's annotation is narrower than its own adapter).
    websocket_adapter_class = ASGIWebSocketAdapter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            response = await self.run(request)
        except RequestRefused as refusal:
            response = refusal_response(request, refusal)
        except HTTPException as error:
            response = http_error_response(request, error, self.encode_json)
        await response(scope, receive, send)

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        assert isinstance(request, Request)  # strawberry asks for one on HTTP only
        return sub_response_for(request)

    async def parse_http_body(self, request: Any) -> GraphQLRequestData:
        media_type_of(request.headers)
        if request.method == "GET":
            parsed = await super().parse_http_body(request)
            assert isinstance(parsed, GraphQLRequestData)  # GET has no batches
            return parsed
        require_json_content(request.content_type or "")
        return request_data(decode_json(await request.get_body()))

    def parse_json(self, data: str | bytes) -> Any:
        return decode_json(data)

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        assert not isinstance(response_data, list)  # batches are refused while parsing
        return graphql_response(self.encode_json, response_data, sub_response)
