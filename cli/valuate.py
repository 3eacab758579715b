"""`ipoval valuate --input company.json`: value a company through the API, following its progress
live over the websocket, and print the result as a table."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import websockets
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from cli.errors import CommandError

CREATE = """mutation ($input: ValuationInput!) { createValuation(input: $input) {
  job { id } userErrors { field code message } } }"""
PROGRESS = (
    """subscription ($id: ID!) { valuationProgress(id: $id) { status stage percent message } }"""
)
RESULT = """query ($id: ID!) { valuation(id: $id) { status error { code message } result {
  priceRange { low mid high } valuationRange { low mid high } enterpriseValue { mid }
  equityValue { mid } targetMultiple peerMedianEvToEbitda wacc ipoDiscount effectiveDiscount
  peers { ticker excluded } customPeers { ticker } warnings
  admissionChecks { name outcome }
  methods { method period weight multipleLow multipleMid multipleHigh
    perShare { low mid high } } } } }"""


TIMEOUT_S = 30.0


def run(input_file: Path, url: str, token: str | None, api_key: str | None) -> int:
    """Value the company in `input_file` through the API at `url` (a base URL or its /graphql)."""
    endpoint = graphql_endpoint(url)
    company = load_company(input_file)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if api_key:
        headers["X-API-Key"] = api_key
    init = (
        {"authorization": f"Bearer {token}"} if token else ({"apiKey": api_key} if api_key else {})
    )
    return asyncio.run(_valuate(company, endpoint, headers, init))


def graphql_endpoint(url: str) -> str:
    """The GraphQL endpoint for `--url`: `http://host:8000` and `http://host:8000/graphql` alike."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CommandError(
            f"--url must be an http:// or https:// address such as http://127.0.0.1:8000, "
            f"got {url!r}",
            exit_code=2,
        )
    path = parts.path.rstrip("/")
    if not path.endswith("/graphql"):
        path += "/graphql"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def load_company(path: Path) -> dict[str, Any]:
    """The ValuationInput in `path`, or a CommandError saying why it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not UTF-8 text") from None
    try:
        company = json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{path} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    if not isinstance(company, dict):
        raise CommandError(
            f"{path} must hold one JSON object (a ValuationInput), not a {type(company).__name__}"
        )
    return company


async def _valuate(
    company: dict[str, Any], endpoint: str, headers: dict[str, str], init: dict[str, str]
) -> int:
    async with httpx.AsyncClient(headers=headers, timeout=TIMEOUT_S) as http:
        created = (await _post(http, endpoint, CREATE, input=company))["createValuation"]
        if created["userErrors"]:
            for error in created["userErrors"]:
                field = ".".join(error["field"] or [])
                print(f"ipoval: {field} {error['code']}: {error['message']}", file=sys.stderr)
            return 1
        job_id = created["job"]["id"]
        await _follow(_websocket_url(endpoint), job_id, init)
        job = (await _post(http, endpoint, RESULT, id=job_id))["valuation"]
    if job["status"] != "COMPLETED":
        error = job["error"] or {}
        reason = f"{error.get('code')}: {error.get('message')}" if error else "no error recorded"
        raise CommandError(f"valuation {job['status']}: {reason}")
    _print_result(str(company.get("companyName", "")), job["result"])
    return 0


async def _post(
    http: httpx.AsyncClient, endpoint: str, query: str, **variables: Any
) -> dict[str, Any]:
    try:
        response = await http.post(endpoint, json={"query": query, "variables": variables})
    except httpx.ConnectError:
        raise CommandError(
            f"cannot connect to {endpoint}: is `ipoval serve` running there? (--url)"
        ) from None
    except httpx.TimeoutException:
        raise CommandError(f"no answer from {endpoint} within {TIMEOUT_S:g} s") from None
    except httpx.TransportError as error:
        raise CommandError(f"cannot reach {endpoint}: {error}") from None
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or not ("data" in answer or "errors" in answer):
        raise CommandError(
            f"{endpoint} answered HTTP {response.status_code} without a GraphQL response: "
            "is --url the ipoval API?"
        )
    if answer.get("errors"):
        raise CommandError(_describe_errors(answer["errors"]))
    return answer["data"]  # type: ignore[no-any-return]


def _describe_errors(errors: list[dict[str, Any]]) -> str:
    first = errors[0]
    code = (first.get("extensions") or {}).get("code")
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{code + ': ' if code else ''}{first.get('message')}{more}"


def _websocket_url(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    return urlunsplit(parts._replace(scheme="wss" if parts.scheme == "https" else "ws"))


async def _follow(ws_url: str, job_id: str, init: dict[str, str]) -> None:
    try:
        async with websockets.connect(ws_url, subprotocols=["graphql-transport-ws"]) as socket:  # type: ignore[list-item]
            await _receive_progress(socket, job_id, init)
    except InvalidStatus as error:
        raise CommandError(
            f"{ws_url} refused the websocket with HTTP {error.response.status_code}"
        ) from None
    except ConnectionClosed as error:
        reason = f" ({error.rcvd.reason})" if error.rcvd and error.rcvd.reason else ""
        code = error.rcvd.code if error.rcvd else "without a close frame"
        raise CommandError(f"the server closed the progress websocket: {code}{reason}") from None
    except (InvalidHandshake, OSError) as error:
        raise CommandError(f"cannot open the progress websocket {ws_url}: {error}") from None
    print()


async def _receive_progress(
    socket: websockets.ClientConnection, job_id: str, init: dict[str, str]
) -> None:
    await socket.send(json.dumps({"type": "connection_init", "payload": init}))
    acknowledged = json.loads(await socket.recv())
    if acknowledged.get("type") != "connection_ack":
        raise CommandError(f"the server did not accept the websocket: {acknowledged}")
    payload = {"query": PROGRESS, "variables": {"id": job_id}}
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
    while True:
        message = json.loads(await socket.recv())
        if message["type"] == "ping":
            await socket.send(json.dumps({"type": "pong"}))
            continue
        if message["type"] == "error":
            raise CommandError(_describe_errors(message["payload"]))
        if message["type"] != "next":
            return
        if message["payload"].get("errors"):
            raise CommandError(_describe_errors(message["payload"]["errors"]))
        event = message["payload"]["data"]["valuationProgress"]
        bar = "#" * (event["percent"] // 5)
        stage = event["stage"].lower().replace("_", " ")  # GATHERING_DATA -> gathering data
        print(f"\r[{bar:<20}] {event['percent']:>3}% {stage:<16}", end="", flush=True)


def _print_result(name: str, result: dict[str, Any]) -> None:
    print(f"\n{name}: indicative IPO pricing support (not an independent expert's report)")
    print(f"  offer range per share  {_span(result['priceRange'])}")
    print(f"  valuation range        {_span(result['valuationRange'])}")
    print(f"  enterprise value (mid) A${result['enterpriseValue']['mid'] / 1e6:,.1f}m")
    print(f"  equity value (mid)     A${result['equityValue']['mid'] / 1e6:,.1f}m")
    print(f"  WACC                   {result['wacc']:.2%}")
    discount, effective = result.get("ipoDiscount"), result.get("effectiveDiscount")
    if discount is not None and effective is not None:
        print(
            f"  IPO discount           {discount:.1%} to pre-money ({effective:.1%} post-listing)"
        )
    multiple, median = result["targetMultiple"], result["peerMedianEvToEbitda"]
    if multiple is not None and median is not None:
        print(f"  EV/EBITDA at the offer {multiple:.1f}x (peer median {median:.1f}x)")
    print(
        f"\n  {'method':<24}{'period':<7}{'multiple (low/mid/high)':<25}{'A$ per share':<22}weight"
    )
    for m in result["methods"]:
        multiples = ""
        if m["multipleMid"] is not None:
            multiples = f"{m['multipleLow']:.3g} / {m['multipleMid']:.3g} / {m['multipleHigh']:.3g}"
        share = m["perShare"]
        bar = f"{share['low']:.3f}-{share['high']:.3f}" if share else ""
        print(f"  {m['method']:<24}{m['period'] or '':<7}{multiples:<25}{bar:<22}{m['weight']:g}")
    peers = [p["ticker"] + (" (excluded)" if p["excluded"] else "") for p in result["peers"]]
    print(f"\n  peers: {', '.join(peers)}")
    if result["customPeers"]:
        print(f"  your peers: {', '.join(p['ticker'] for p in result['customPeers'])}")
    checks = ", ".join(f"{c['name']} {c['outcome']}" for c in result["admissionChecks"])
    print(f"  ASX admission: {checks}")
    for warning in result["warnings"]:
        print(f"  warning: {warning}")


def _span(value: dict[str, float]) -> str:
    return f"A${value['low']:.3f} / A${value['mid']:.3f} / A${value['high']:.3f}"
