// Runs every graphql-http server audit against the GraphQL endpoint given as the only argument
// and prints one JSON object per audit: {id, name, status, reason}. The Go test in
// internal/httpapi starts a server, runs this, and fails on any MUST or SHOULD that does not pass.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
const results = await auditServer({ url });
for (const r of results) {
  console.log(JSON.stringify({ id: r.id, name: r.name, status: r.status, reason: r.reason ?? '' }));
}
