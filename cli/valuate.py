"""`ipoval valuate --input company.json`: value a company through the API, following its progress
live over the websocket, and print the result as a table."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import httpx
import websockets

CREATE = """mutation ($input: ValuationInput!) { createValuation(input: $input) {
  job { id } userErrors { field code message } } }"""
PROGRESS = (
    """subscription ($id: ID!) { valuationProgress(id: $id) { status stage percent message } }"""
)
RESULT = """query ($id: ID!) { valuation(id: $id) { status error { code message } result {
  priceRange { low mid high } enterpriseValue { mid } equityValue { mid } targetMultiple
  peerMedianEvToEbitda wacc peers { ticker } warnings
  methods { method low mid high weight } } } }"""


def run(input_file: Path, url: str, token: str | None, api_key: str | None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if api_key:
        headers["X-API-Key"] = api_key
    init = (
        {"authorization": f"Bearer {token}"} if token else ({"apiKey": api_key} if api_key else {})
    )
    return asyncio.run(_valuate(json.loads(input_file.read_text()), url, headers, init))


async def _valuate(
    company: dict[str, Any], url: str, headers: dict[str, str], init: dict[str, str]
) -> int:
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as http:
        created = (await _post(http, CREATE, input=company))["createValuation"]
        if created["userErrors"]:
            for error in created["userErrors"]:
                field = ".".join(error["field"] or [])
                print(f"ipoval: {field} {error['code']}: {error['message']}", file=sys.stderr)
            return 1
        job_id = created["job"]["id"]
        await _follow(url.replace("http", "ws", 1) + "/graphql", job_id, init)
        job = (await _post(http, RESULT, id=job_id))["valuation"]
    if job["status"] != "COMPLETED":
        print(f"ipoval: valuation {job['status']}: {job['error']}", file=sys.stderr)
        return 1
    _print_result(company["companyName"], job["result"])
    return 0


async def _post(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    answer = (await http.post("/graphql", json={"query": query, "variables": variables})).json()
    if answer.get("errors"):
        raise SystemExit(f"ipoval: {answer['errors'][0]['message']}")
    return answer["data"]  # type: ignore[no-any-return]


async def _follow(ws_url: str, job_id: str, init: dict[str, str]) -> None:
    async with websockets.connect(ws_url, subprotocols=["graphql-transport-ws"]) as socket:  # type: ignore[list-item]
        await socket.send(json.dumps({"type": "connection_init", "payload": init}))
        await socket.recv()
        payload = {"query": PROGRESS, "variables": {"id": job_id}}
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        while True:
            message = json.loads(await socket.recv())
            if message["type"] != "next":
                break
            event = message["payload"]["data"]["valuationProgress"]
            bar = "#" * (event["percent"] // 5)
            print(f"\r[{bar:<20}] {event['percent']:>3}% {event['stage']:<16}", end="", flush=True)
    print()


def _print_result(name: str, result: dict[str, Any]) -> None:
    price = result["priceRange"]
    print(f"\n{name}: indicative IPO pricing support (not an independent expert's report)")
    low, mid, high = price["low"], price["mid"], price["high"]
    print(f"  offer price per share  A${low:.3f} / A${mid:.3f} / A${high:.3f}")
    print(f"  enterprise value (mid) A${result['enterpriseValue']['mid'] / 1e6:,.1f}m")
    print(f"  equity value (mid)     A${result['equityValue']['mid'] / 1e6:,.1f}m")
    print(f"  WACC                   {result['wacc']:.2%}")
    multiple, median = result["targetMultiple"], result["peerMedianEvToEbitda"]
    if multiple is not None and median is not None:
        print(f"  EV/EBITDA at the offer {multiple:.1f}x (peer median {median:.1f}x)")
    print(f"\n  {'method':<24}{'low':>12}{'mid':>12}{'high':>12}{'weight':>8}")
    for m in result["methods"]:
        print(
            f"  {m['method']:<24}{m['low'] / 1e6:>11,.1f}m{m['mid'] / 1e6:>11,.1f}m"
            f"{m['high'] / 1e6:>11,.1f}m{m['weight']:>8g}"
        )
    print(f"\n  peers: {', '.join(p['ticker'] for p in result['peers'])}")
    for warning in result["warnings"]:
        print(f"  warning: {warning}")
