// Graceful drain of `inflow serve` on SIGTERM, with a turn in flight: the model (a loopback fake)
// holds the turn's stream open until the test lets it go. While draining, /readyz is 503 and a new
// request is refused with 503, Connection: close and Retry-After; the open turn still ends with
// `done`; then storage closes and the process exits 0. With no grace period left, the open turn is
// cut and the process still exits 0.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { serveInflow, type ServingChild } from '../test/cli-child.js';
import { startFakeLlm, type FakeLlm } from '../test/fake-llm.js';
import { token } from '../test/harness.js';

let llm: FakeLlm;
const dir = mkdtempSync(join(tmpdir(), 'inflow-drain-'));
const children: ServingChild[] = [];

beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(async () => {
  for (const c of children) await c.stop('SIGKILL');
  await llm.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serveWithModel(drainSeconds: number, name: string): Promise<ServingChild> {
  const child = await serveInflow(['--data-dir', join(dir, name)], {
    INFLOW_LLM_BASE_URL: llm.baseUrl,
    INFLOW_LLM_MODEL: 'fake',
    INFLOW_DRAIN_SECONDS: String(drainSeconds),
    INFLOW_RATE_LIMIT: 'off',
  });
  children.push(child);
  return child;
}

/** Starts a streamed turn and reads it until its first delta: the turn is then in flight. */
async function turnInFlight(url: string, bearer: string) {
  const created = await fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: 'goal-setting', source: 'embedded' }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const res = await fetch(`${url}/v1/sessions/${id}/turns`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${bearer}`,
      'content-type': 'application/json',
      accept: 'text/event-stream',
    },
    body: JSON.stringify({ text: 'What would a good goal for next quarter look like to you?' }),
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('event: delta')) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  expect(text).toContain('event: delta');
  /** The rest of the stream, to its end (or to the cut). */
  const rest = async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) return text;
      text += decoder.decode(chunk.value, { stream: true });
    }
  };
  return rest;
}

/** Polls until /readyz answers 503 (bounded by attempts, not by a clock). */
async function readyzDuringDrain(url: string): Promise<Response> {
  for (let i = 0; i < 200; i++) {
    const r = await fetch(`${url}/readyz`);
    if (r.status === 503) return r;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('/readyz never turned 503');
}

test('SIGTERM with a turn in flight: readyz 503, new requests 503, the turn ends with done, exit 0', async () => {
  let release!: () => void;
  llm.mode = {
    kind: 'gated',
    before: ['Growing '],
    gate: new Promise((r) => (release = r)),
    after: ['the team.'],
  };
  const served = await serveWithModel(60, 'graceful');
  const bearer = await token({ sub: 'drain-1' });
  const rest = await turnInFlight(served.url, bearer);

  served.child.kill('SIGTERM');
  const readyz = await readyzDuringDrain(served.url);
  expect(await readyz.json()).toEqual({ status: 'draining' });
  const refused = await fetch(`${served.url}/v1/scenarios`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  expect(refused.status).toBe(503);
  expect(refused.headers.get('connection')).toBe('close');
  expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_ready');
  expect((await fetch(`${served.url}/healthz`)).status).toBe(200);

  release();
  const stream = await rest();
  expect(stream).toMatch(/event: done\ndata: .*"text":"Growing the team\."/);
  const exit = await served.exited;
  expect(exit.code, exit.stderr).toBe(0);
  expect(exit.stdout).toMatch(/SIGTERM: draining \(1 request\(s\) open\)/);
  expect(exit.stdout).not.toMatch(/were cut/);
});

test('a drain period of 0 s: the open turn is cut, storage closes, exit 0', async () => {
  llm.mode = { kind: 'gated', before: ['Never '], gate: new Promise(() => undefined), after: [] };
  const served = await serveWithModel(0, 'impatient');
  const rest = await turnInFlight(served.url, await token({ sub: 'drain-2' }));
  served.child.kill('SIGTERM');
  const exit = await served.exited;
  expect(exit.code, exit.stderr).toBe(0);
  expect(exit.stdout).toMatch(/requests still open after 0 s were cut/);
  expect(await rest()).not.toMatch(/event: done/);
});
