"""Wraps every upstream route: counts the call, then adds latency and the fault drawn for it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from simulator.faults import Fault
from simulator.state import SimulatorState

Endpoint = Callable[[Request], Awaitable[Response]]

_GATEWAY_PAGE = (
    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{status} {reason}</h1></center>\r\n</body>\r\n</html>\r\n"
)
_REASONS = {502: "Bad Gateway", 503: "Service Temporarily Unavailable", 504: "Gateway Time-out"}


def guarded(state: SimulatorState, upstream: str, route: str, handler: Endpoint) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        faults = state.faults.effective(upstream)
        fault = state.dice.draw(faults)
        state.stats.record(upstream, route, fault)
        if faults.latency_ms:
            await asyncio.sleep(faults.latency_ms / 1000)
        if fault is Fault.DOWN:
            return gateway_error(503)
        if fault is Fault.TIMEOUT:
            await state.hang(request, faults.hang_seconds)
            return gateway_error(504)
        if fault is Fault.RATE_LIMITED:
            return JSONResponse(
                {"message": "Too Many Requests"},
                status_code=429,
                headers={"Retry-After": str(faults.retry_after)},
            )
        if fault is Fault.ERROR:
            status = state.dice.error_status()
            if status == 500:
                return PlainTextResponse("Internal Server Error", status_code=500)
            return gateway_error(status)
        response = await handler(request)
        if fault is Fault.MALFORMED:
            return malformed(response, state.dice.fraction())
        return response

    return endpoint


def gateway_error(status: int) -> Response:
    """The HTML page a gateway in front of an upstream answers with."""
    page = _GATEWAY_PAGE.format(status=status, reason=_REASONS[status])
    return Response(page, status_code=status, media_type="text/html")


def malformed(response: Response, fraction: float) -> Response:
    """The same answer broken in transit: JSON cut short, CSV garbled and cut short; status 200."""
    body = bytes(response.body)
    content_type = response.headers.get("content-type", "application/octet-stream")
    keep = max(1, int(len(body) * (0.3 + 0.4 * fraction)))
    broken = body[:keep]
    if "csv" in content_type:
        # A changed delimiter leaves no row a CSV reader can split into the expected columns.
        broken = broken.replace(b",", b";")
    return Response(broken, status_code=200, headers={"content-type": content_type})
