// With graphql-ws: a document with a syntax error, then `{ __typename }` on the same socket.
// Usage: node refused_document.mjs ws://host:port/graphql
// Prints two JSON lines: {"errors": [...]} as the client reported them, then the second result.
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const client = createClient({ url: process.argv[2], webSocketImpl: WebSocket, retryAttempts: 0 });

try {
  try {
    for await (const result of client.iterate({ query: "{ __typename" })) {
      throw new Error(`a result instead of an error: ${JSON.stringify(result)}`);
    }
    throw new Error("completed without an error");
  } catch (errors) {
    // An `error` message reaches the iterator as the array of GraphQL errors it carried.
    if (!Array.isArray(errors)) throw errors;
    console.log(JSON.stringify({ errors }));
  }
  for await (const result of client.iterate({ query: "{ __typename }" })) {
    console.log(JSON.stringify({ data: result.data }));
  }
} catch (error) {
  const detail = error instanceof Error ? error.message : `close ${error.code} ${error.reason}`;
  console.error(`graphql-ws: ${detail}`);
  process.exitCode = 1;
} finally {
  await client.dispose();
}
