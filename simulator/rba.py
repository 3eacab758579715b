"""The Reserve Bank of Australia's statistical tables, one CSV file per table.

Served under `/rba`, standing for https://www.rba.gov.au/statistics/tables/csv.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from simulator.rba_tables import table_bytes

_NOT_FOUND = (
    "<!DOCTYPE html><html lang='en'><head><title>Page Not Found | RBA</title></head>"
    "<body><h1>Page Not Found</h1></body></html>"
)


async def table(request: Request) -> Response:
    body = table_bytes(request.path_params["table"].lower())
    if body is None:
        return HTMLResponse(_NOT_FOUND, status_code=404)
    return Response(body, headers={"content-type": "text/csv"})
