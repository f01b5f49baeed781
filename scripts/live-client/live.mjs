// Subscribes to a running careergraph as a browser app does: with graphql-ws over a WebSocket
// (sending the page's Origin, as browsers do) and with graphql-sse over Server-Sent Events, each
// to a session's seats. It prints one JSON line with the first event of each, then, once the test
// has registered a learner, one with the next event of each, and exits.
//
//   node live.mjs http://127.0.0.1:8080 <session ID> https://app.example
import { createClient as createWSClient } from 'graphql-ws';
import { createClient as createSSEClient } from 'graphql-sse';
import WebSocket from 'ws';

const [base, session, origin] = process.argv.slice(2);
const query = 'subscription Seats($s: ID!) { sessionSeats(sessionId: $s) { seatsLeft } }';

// Node's WebSocket sends no Origin; a browser always sends the page's.
class BrowserWebSocket extends WebSocket {
  constructor(url, protocols) {
    super(url, protocols, { origin });
  }
}

const ws = createWSClient({
  url: base.replace(/^http/, 'ws') + '/graphql',
  webSocketImpl: BrowserWebSocket,
  retryAttempts: 0,
});
const sse = createSSEClient({ url: base + '/graphql', retryAttempts: 0 });

const viaWS = ws.iterate({ query, variables: { s: session } });
const viaSSE = sse.iterate({ query, variables: { s: session } });

async function step(name) {
  const [a, b] = await Promise.all([viaWS.next(), viaSSE.next()]);
  console.log(JSON.stringify({ step: name, ws: a.value, sse: b.value }));
}

try {
  await step('first');
  await step('next');
} finally {
  await viaWS.return?.();
  await viaSSE.return?.();
  await ws.dispose();
  sse.dispose();
}
