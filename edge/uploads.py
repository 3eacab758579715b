"""File uploads on `/graphql`: the GraphQL multipart request spec, with CSRF protection and limits.

The spec (jaydenseric/graphql-multipart-request-spec, v2.1) sends a `multipart/form-data` body
of an `operations` part (the JSON request, each file a `null` placeholder), a `map` part
(`{"0": ["variables.file"]}`: which file goes where), then the files. Apollo Upload clients,
`gql`'s upload support and curl speak it.

CSRF. A browser sends `multipart/form-data` cross-site without a preflight (it is a "simple"
request in the Fetch standard), so an upload from another site's form would carry the user's
cookies. A cross-site request with a custom header needs a CORS preflight, which this server
never grants, so an upload must carry `Apollo-Require-Preflight` (Apollo Server's convention) or
`X-Requested-With`; without either it is refused (400, `PREFLIGHT_REQUIRED`) before its body is
read. JSON posts are unchanged: `application/json` is not a simple content type.

Limits. The whole body is bounded by `BodySizeLimitMiddleware` at the document limit plus the
JSON body limit, refused with 413 when its Content-Length says so or as it streams past it,
never after buffering it. Starlette's parser (python-multipart, streaming) spools each file to a
temporary file past 1 MiB; `operations` and `map` are bounded like a JSON body, as are the number
of files (`IPOVAL_MAX_UPLOAD_FILES`) and of `map` paths (`IPOVAL_MAX_UPLOAD_MAP_ENTRIES`).
"""

from __future__ import annotations

from contextvars import ContextVar
from enum import StrEnum
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from strawberry.http import GraphQLRequestData

from core.errors import ErrorCode
from core.settings import Settings
from edge.http_transport import RequestRefused, decode_json, request_data

MULTIPART = "multipart/form-data"
PREFLIGHT_HEADERS = ("apollo-require-preflight", "x-requested-with")


class UploadRefusal(StrEnum):
    """Refusals of a multipart request before any GraphQL runs (beside core/errors' codes)."""

    PREFLIGHT_REQUIRED = "PREFLIGHT_REQUIRED"


# The request parsed from a multipart body, for the view's parse_http_body (strawberry hands
# that method its own adapter, not the Starlette request).
parsed_upload: ContextVar[GraphQLRequestData | None] = ContextVar("parsed_upload", default=None)


def is_multipart(content_type: str | None) -> bool:
    return (content_type or "").split(";", 1)[0].strip().lower() == MULTIPART


def require_preflight(request: Request) -> None:
    if not any(request.headers.get(name, "").strip() for name in PREFLIGHT_HEADERS):
        raise RequestRefused(
            400,
            UploadRefusal.PREFLIGHT_REQUIRED,
            "A multipart upload needs the header `Apollo-Require-Preflight: true` (or "
            "`X-Requested-With`), which a browser sends cross-site only after a CORS preflight: "
            "it protects against cross-site request forgery.",
        )


def _bad(message: str) -> RequestRefused:
    return RequestRefused(400, ErrorCode.BAD_REQUEST, message)


async def read_multipart(
    request: Request, settings: Settings
) -> tuple[GraphQLRequestData, FormData]:
    """The GraphQL request of a multipart body, each mapped file in its variable's place. The
    form is returned for the caller to close (its spooled files) after the response."""
    require_preflight(request)
    try:
        form = await request.form(
            max_files=settings.max_upload_files,
            max_fields=2,  # `operations` and `map`
            max_part_size=settings.max_body_bytes,
        )
    except (MultiPartException, StarletteHTTPException) as error:
        detail = getattr(error, "message", None) or getattr(error, "detail", "") or str(error)
        raise _bad(f"The multipart body cannot be read: {detail}") from error
    try:
        return _request_with_files(form, settings), form
    except BaseException:
        await form.close()
        raise


def _request_with_files(form: FormData, settings: Settings) -> GraphQLRequestData:
    operations, files_map = form.get("operations"), form.get("map")
    if not isinstance(operations, str):
        raise _bad("A multipart request needs an `operations` field (the JSON request) first.")
    if not isinstance(files_map, str):
        raise _bad("A multipart request needs a `map` field after `operations`.")
    operation = decode_json(operations)
    request_data(operation)  # the same checks as a JSON body, before the files are placed
    mapping = decode_json(files_map)
    if not isinstance(mapping, dict):
        raise _bad('`map` must be an object of file names to paths: {"0": ["variables.file"]}.')
    paths = sum(len(v) if isinstance(v, list) else 1 for v in mapping.values())
    if paths > settings.max_upload_map_entries:
        raise _bad(f"`map` lists {paths} paths; at most {settings.max_upload_map_entries}.")
    names = {key for key, value in form.multi_items() if isinstance(value, UploadFile)}
    unmapped = names - set(mapping)
    if unmapped:
        raise _bad(f"File part(s) not named in `map`: {', '.join(sorted(unmapped))}.")
    for name, targets in mapping.items():
        upload = form.get(name)
        if not isinstance(upload, UploadFile):
            raise _bad(f"`map` names the file {name!r}, which the request does not carry.")
        if not isinstance(targets, list) or not targets:
            raise _bad(f"`map[{name!r}]` must be a non-empty list of paths.")
        for path in targets:
            _place(operation, path, upload)
    return request_data(operation)


def _place(operation: dict[str, Any], path: object, upload: UploadFile) -> None:
    """Put a file where `path` (`variables.file`, `variables.files.0`) says: only inside
    `variables`, only where the operation has its `null` placeholder."""
    if not isinstance(path, str) or not path.startswith("variables."):
        raise _bad(f"A `map` path must start with `variables.`: {str(path)[:100]!r}.")
    keys = path.split(".")
    target: Any = operation
    for key in keys[:-1]:
        target = _step(target, key, path)
    last = keys[-1]
    if isinstance(target, list) and last.isdigit() and int(last) < len(target):
        index = int(last)
        if target[index] is not None:
            raise _bad(f"`{path}` must be null in `operations` (the file's placeholder).")
        target[index] = upload
    elif isinstance(target, dict) and last in target and target[last] is None:
        target[last] = upload
    else:
        raise _bad(f"`{path[:100]}` is not a null placeholder in `operations`.")


def _step(target: Any, key: str, path: str) -> Any:
    if isinstance(target, dict) and key in target:
        return target[key]
    if isinstance(target, list) and key.isdigit() and int(key) < len(target):
        return target[int(key)]
    raise _bad(f"`{path[:100]}` does not lead to a variable of the operation.")
