// Serves PostGraphile over the `pgl` views of DATABASE_URL on HOST:PORT with WORKERS processes
// (node:cluster; Node has no SO_REUSEPORT, so the primary accepts and hands the connections to
// the workers in turn), each with a pool of POOL_SIZE connections, read-only.
//
// The primary prints one JSON line once every worker listens:
//   {"msg":"listening","addr":"127.0.0.1:PORT","control":"127.0.0.1:PORT","pids":[…]}
// pids are the workers' process IDs; GET http://control/statements answers the number of SQL
// statements the workers have sent so far (transaction control aside), summed over the workers.
import cluster from 'node:cluster';
import http from 'node:http';

const env = (name, fallback) => process.env[name] ?? fallback;
// Grafast's production mode, said explicitly (it warns when it has to assume it).
process.env.GRAPHILE_ENV ??= 'production';

if (cluster.isPrimary) {
  await primary();
} else {
  await worker();
}

async function primary() {
  const workers = Number(env('WORKERS', '2'));
  cluster.setupPrimary({ silent: false });
  const started = [];
  let addr = null;
  for (let i = 0; i < workers; i++) {
    const w = cluster.fork();
    started.push(
      new Promise((resolve, reject) => {
        w.once('listening', (a) => {
          addr = `${a.address}:${a.port}`;
          resolve();
        });
        w.once('exit', (code) => reject(new Error(`worker ${w.process.pid} exited with ${code} before listening`)));
      }),
    );
  }
  cluster.on('exit', (w, code, signal) => {
    if (!stopping) {
      console.error(`worker ${w.process.pid} died (${signal ?? code}); stopping`);
      process.exit(1);
    }
  });
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers)) w.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers).length === 0) process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  try {
    await Promise.all(started);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }

  const control = http.createServer(async (req, res) => {
    if (req.url !== '/statements') {
      res.writeHead(404).end();
      return;
    }
    try {
      const counts = await Promise.all(Object.values(cluster.workers).map(ask));
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(String(counts.reduce((a, b) => a + b, 0)));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  control.listen(0, '127.0.0.1', () => {
    const c = control.address();
    const pids = Object.values(cluster.workers).map((w) => w.process.pid);
    console.log(JSON.stringify({ msg: 'listening', addr, control: `${c.address}:${c.port}`, pids }));
  });
}

// ask returns worker w's count of statements.
let asked = 0;
function ask(w) {
  const id = ++asked;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${w.process.pid} did not answer`)), 5000);
    const onMessage = (m) => {
      if (m && m.id === id) {
        clearTimeout(timer);
        w.off('message', onMessage);
        resolve(m.statements);
      }
    };
    w.on('message', onMessage);
    w.send({ id, ask: 'statements' });
  });
}

async function worker() {
  const [{ default: pg }, { postgraphile }, { grafserv }, { makePgService }, { default: preset }] = await Promise.all([
    import('pg'),
    import('postgraphile'),
    import('postgraphile/grafserv/node'),
    import('postgraphile/adaptors/pg'),
    import('./graphile.config.mjs'),
  ]);
  const pool = new pg.Pool({
    connectionString: env('DATABASE_URL'),
    max: Number(env('POOL_SIZE', '10')),
    // Idle connections stay five minutes, as in careergraph's pool (pg's default is ten seconds:
    // between two measurements the pool would connect again, and set up each connection anew).
    idleTimeoutMillis: 300_000,
    // Read-only at the database too, whatever the schema offers.
    options: '-c default_transaction_read_only=on',
  });
  pool.on('error', (e) => console.error('idle client error', e.message));
  // Statements are counted below PostGraphile, as careergraph counts its own below database/sql:
  // every statement a client sends, transaction control aside.
  let statements = 0;
  pool.on('connect', (client) => {
    const query = client.query;
    client.query = function (q, ...rest) {
      const text = typeof q === 'string' ? q : q?.text;
      if (typeof text !== 'string' || !/^\s*(begin|commit|rollback)\b/i.test(text)) statements++;
      return query.call(this, q, ...rest);
    };
  });
  process.on('message', (m) => {
    if (m && m.ask === 'statements') process.send({ id: m.id, statements });
  });

  const pgl = postgraphile({
    extends: [preset],
    pgServices: [makePgService({ pool, schemas: ['pgl'], pubsub: false })],
  });
  const serv = pgl.createServ(grafserv);
  const server = http.createServer();
  server.keepAliveTimeout = 60_000;
  await serv.addTo(server);
  // Build the schema before taking requests, so that the first measured request does not.
  await pgl.getSchemaResult();
  process.on('SIGTERM', async () => {
    server.close();
    await pgl.release();
    await pool.end();
    process.exit(0);
  });
  server.listen(Number(env('PORT', '0')), env('HOST', '127.0.0.1'));
}
