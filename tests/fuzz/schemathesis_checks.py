"""Checks that schemathesis adds to its own when it fuzzes the API (`SCHEMATHESIS_HOOKS`).

A GraphQL server answers most failures with HTTP 200 and an `errors` list, so a status check alone
cannot see an unexpected exception: ours masks it as `INTERNAL_ERROR`. This check fails on one.
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis


@schemathesis.check
def no_internal_error(ctx: Any, response: Any, case: Any) -> bool | None:
    try:
        body = json.loads(response.content)
    except ValueError as error:
        raise AssertionError(f"the response is not JSON: {response.content[:200]!r}") from error
    bodies = body if isinstance(body, list) else [body]
    for item in bodies:
        for graphql_error in (item.get("errors") or []) if isinstance(item, dict) else []:
            code = (graphql_error.get("extensions") or {}).get("code")
            if code == "INTERNAL_ERROR" or code is None:
                raise AssertionError(f"an error without an expected code: {graphql_error}")
    return None
