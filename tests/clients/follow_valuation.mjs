// With graphql-ws, the protocol's reference client: create a valuation with `createValuation` over
// the socket, then follow `valuationProgress` of that job until the server completes it.
// Usage: node follow_valuation.mjs ws://host:port/graphql '<ValuationInput as JSON>'
// Prints one JSON line per result ({"created": ...}, then {"event": ...}) and {"completed": true}.
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const [url, input] = process.argv.slice(2);
if (!url || !input) {
  console.error("usage: node follow_valuation.mjs ws://host:port/graphql '<input JSON>'");
  process.exit(2);
}

const CREATE = `mutation ($input: ValuationInput!) {
  createValuation(input: $input) { job { id status } userErrors { field code message } } }`;
const PROGRESS = `subscription ($id: ID!) {
  valuationProgress(id: $id) { seq status stage percent message } }`;

const client = createClient({
  url,
  webSocketImpl: WebSocket, // Node 20 has no global WebSocket
  retryAttempts: 0, // a refused or dropped socket is a failure here, not something to ride out
});

// Each result of one operation, in order; throws what the client reports (a close, an error).
async function results(payload) {
  const seen = [];
  for await (const result of client.iterate(payload)) {
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    seen.push(result.data);
  }
  return seen;
}

try {
  const [created] = await results({ query: CREATE, variables: { input: JSON.parse(input) } });
  console.log(JSON.stringify({ created: created.createValuation }));
  const jobId = created.createValuation.job.id;
  for await (const result of client.iterate({ query: PROGRESS, variables: { id: jobId } })) {
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    console.log(JSON.stringify({ event: result.data.valuationProgress }));
  }
  console.log(JSON.stringify({ completed: true }));
} catch (error) {
  // A CloseEvent is not an Error: print its code and reason.
  const detail = error instanceof Error ? error.message : `close ${error.code} ${error.reason}`;
  console.error(`graphql-ws: ${detail}`);
  process.exitCode = 1;
} finally {
  await client.dispose();
}
