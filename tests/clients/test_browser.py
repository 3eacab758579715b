"""A browser (Debian's Chromium, headless): its own `WebSocket` against the server's endpoint."""

from __future__ import annotations

from typing import Any

import httpx
from starlette.applications import Starlette

from tests.fixtures.documents import CREATE
from tests.fixtures.reference_clients import chromium, jobs_running
from tests.fixtures.servers import serve_in_background
from tests.fixtures.valuation_inputs import company

# Runs in the page: graphql-transport-ws by hand, as a browser application without a library
# would. Each frame is recorded with its JavaScript type before JSON.parse reads it.
FOLLOW_IN_PAGE = """async ({ url, jobId }) => {
  const socket = new WebSocket(url, "graphql-transport-ws");
  const frames = [];
  const query = `subscription ($id: ID!) {
    valuationProgress(id: $id) { seq status percent } }`;
  await new Promise((resolve, reject) => {
    socket.onopen = () => socket.send(JSON.stringify({ type: "connection_init" }));
    socket.onerror = () => reject(new Error("websocket error"));
    socket.onclose = (event) => reject(new Error(`closed ${event.code} ${event.reason}`));
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      frames.push({ kind: typeof event.data, message });
      if (message.type === "connection_ack") {
        socket.send(JSON.stringify({
          id: "progress", type: "subscribe", payload: { query, variables: { id: jobId } },
        }));
      } else if (message.type === "complete" || message.type === "error") {
        resolve();
      }
    };
  });
  socket.onclose = null;
  socket.close(1000);
  return frames;
}"""


async def test_a_browser_websocket_follows_a_valuation_through_text_frames(
    app: Starlette,
) -> None:
    async with (
        serve_in_background(app) as host,
        httpx.AsyncClient(base_url=f"http://{host}") as http,
        chromium() as browser,
    ):
        response = await http.post(
            "/graphql", json={"query": CREATE, "variables": {"input": company()}}
        )
        job_id = response.json()["data"]["createValuation"]["job"]["id"]
        page = await browser.new_page()
        await page.goto(f"http://{host}/healthz")  # the server's own origin, as its pages have
        async with jobs_running(app):
            frames: list[dict[str, Any]] = await page.evaluate(
                FOLLOW_IN_PAGE, {"url": f"ws://{host}/graphql", "jobId": job_id}
            )
    assert {frame["kind"] for frame in frames} == {"string"}  # a binary frame would be "object"
    messages = [frame["message"] for frame in frames]
    assert messages[0] == {"type": "connection_ack"}
    assert messages[-1] == {"id": "progress", "type": "complete"}
    events = [m["payload"]["data"]["valuationProgress"] for m in messages[1:-1]]
    assert [m["type"] for m in messages[1:-1]] == ["next"] * len(events)
    assert events[-1]["status"] == "COMPLETED"
    assert events[-1]["percent"] == 100
