// The service under soak (child of scripts/soak.mjs, run with tsx from the sources): the real
// Node service on a loopback port with embedded PGlite in a temp data directory. The parent talks
// to it over IPC: memory after a forced GC, SQL for the final "stored once" check, tokens, close.
import { DEMO_SECRET, mintToken, startServer } from '../packages/service/src/index.js';

const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir: process.env.SOAK_DATA_DIR ?? 'memory://',
  log: () => undefined,
});

type Message =
  { type: 'mem' } | { type: 'query'; sql: string } | { type: 'tokens'; count: number } | { type: 'close' };

const send = (m: unknown) => process.send?.(m);

process.on('message', (m: Message) => {
  void (async () => {
    if (m.type === 'mem') {
      (globalThis as { gc?: () => void }).gc?.();
      const u = process.memoryUsage();
      send({
        type: 'mem',
        rss: u.rss,
        heapUsed: u.heapUsed,
        external: u.external,
        arrayBuffers: u.arrayBuffers,
      });
    } else if (m.type === 'query') {
      send({ type: 'rows', rows: await server.query(m.sql) });
    } else if (m.type === 'tokens') {
      // What the vendor backend does: one short-lived embed token per user.
      const tokens = await Promise.all(
        Array.from({ length: m.count }, (_, i) =>
          mintToken({ tenant: 'demo', user: `soak-${i}`, team: `team-${i % 20}`, secret: DEMO_SECRET }),
        ),
      );
      send({ type: 'tokens', tokens: tokens.map((t) => t.token) });
    } else if (m.type === 'close') {
      await server.close();
      process.exit(0);
    }
  })().catch((error: unknown) => send({ type: 'error', message: String(error) }));
});

send({ type: 'ready', url: server.url });
