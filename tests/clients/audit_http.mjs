// Runs graphql-http's GraphQL-over-HTTP server audit against the URL given as the only argument
// and prints one JSON line: the counts per status and every audit that did not pass.
import { auditServer } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit_http.mjs http://host:port/graphql");
  process.exit(2);
}

const results = await auditServer({ url });
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
const failed = [];
for (const result of results) {
  counts[result.status] += 1;
  if (result.status !== "ok") {
    failed.push({ id: result.id, name: result.name, status: result.status, reason: result.reason });
  }
}
console.log(JSON.stringify({ total: results.length, counts, failed }));
