// A poisoned batch, end to end: real Chromium, the real service over HTTP, and a proxy in front
// of it that answers 500 to every event post carrying one chosen event (as the service did for a
// prop cut mid-emoji, issue 17). The outbox must isolate that event, quarantine and count it, and
// deliver every other event exactly once, through a reload while the bad batch is queued.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServer } from '@inflow/service';
import { launchChromium } from '../support/browser.js';
import { emit, openTab, reload, sleep, stats } from './page-driver.js';
import { bundlePage, startPageServer } from './page-server.js';

const USER = 'poison-user';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Forwards everything to `target`, except event posts (regular or unload form) carrying a poisoned id: 500. */
async function startPoisonProxy(target: string, poisoned: Set<string>) {
  const upstream = new URL(target);
  const counters = { eventPosts: 0, refused: 0, passed: 0 };
  const server: Server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      if (req.method === 'POST' && (req.url ?? '').startsWith('/v1/events')) {
        counters.eventPosts++;
        let ids: string[] = [];
        try {
          ids = (JSON.parse(body.toString()) as { events: Array<{ id: string }> }).events.map((e) => e.id);
        } catch {
          // not JSON: the service answers it
        }
        if (ids.some((id) => poisoned.has(id))) {
          counters.refused++;
          res.writeHead(500, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
          return res.end(
            JSON.stringify({ error: { code: 'internal', message: 'injected: poisoned event' } }),
          );
        }
        counters.passed++;
      }
      const upstreamRes = await new Promise<IncomingMessage>((resolve, reject) => {
        const out = httpRequest(
          {
            hostname: upstream.hostname,
            port: upstream.port,
            path: req.url,
            method: req.method,
            headers: { ...req.headers, host: upstream.host },
          },
          resolve,
        );
        out.on('error', reject);
        out.end(body);
      });
      const answer = await readBody(upstreamRes);
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      res.end(answer);
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counters,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let service: Awaited<ReturnType<typeof startServer>>;
let proxy: Awaited<ReturnType<typeof startPoisonProxy>>;
let pages: Awaited<ReturnType<typeof startPageServer>>;
let browser: Browser;
let context: BrowserContext;
const poisoned = new Set<string>();

beforeAll(async () => {
  service = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', log: () => undefined });
  proxy = await startPoisonProxy(service.url, poisoned);
  pages = await startPageServer(await bundlePage(), { user: USER, ttlSeconds: 600, issued: 0, minted: [] });
  browser = await launchChromium();
  context = await browser.newContext();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await pages?.close();
  await proxy?.close();
  await service?.close();
});

test('one event the service keeps answering 500 is quarantined and counted; every other one is stored exactly once', async () => {
  const pageErrors: string[] = [];
  const started = Date.now();
  const tab = await openTab(context, pages.url, proxy.url, 'P', pageErrors);
  const storedRows = () =>
    service.query<{ id: string; n: number }>(
      `select id::text as id, count(*)::int as n from events where tenant = 'demo' and "user" = $1 group by id`,
      [USER],
    );

  // The case: the bad event first, five more behind it in the same batch.
  const [bad] = await emit(tab, 1);
  poisoned.add(bad!);
  const good = await emit(tab, 5);
  // Reload while they are all queued (the unload flush carries the bad one too).
  await reload(tab);
  // The page goes on tracking while the bad one is narrowed down.
  for (let i = 0; i < 10; i++) {
    good.push(...(await emit(tab, 2)));
    await sleep(500);
  }
  await expect
    .poll(async () => (await stats(tab)).quarantined.length, { timeout: 60_000, interval: 250 })
    .toBe(1);
  await expect.poll(async () => (await stats(tab)).queued, { timeout: 30_000, interval: 250 }).toBe(0);

  const rows = await storedRows();
  const final = await stats(tab);
  const report = {
    seconds: Math.round((Date.now() - started) / 1000),
    good: good.length,
    storedDistinct: rows.length,
    storedMoreThanOnce: rows.filter((r) => r.n > 1).length,
    eventPosts: proxy.counters.eventPosts,
    refused500: proxy.counters.refused,
    quarantined: final.quarantined,
    dropped: final.dropped,
  };
  console.log(`[poison] ${JSON.stringify(report)}`);

  const have = new Map(rows.map((r) => [r.id, r.n]));
  expect(good.filter((id) => have.get(id) !== 1)).toEqual([]);
  expect(have.has(bad!)).toBe(false);
  expect(rows.length).toBe(good.length); // nothing else stored
  expect(final.quarantined).toEqual([{ id: bad, name: 'impression', status: 500, code: 'internal' }]);
  expect(final.dropped).toEqual({ capacity: 0, invalid: 0, rejected: 1, quota: 0 });
  expect(proxy.counters.refused).toBeGreaterThanOrEqual(4);
  expect(pageErrors).toEqual([]);
});
