// A streamed turn the client abandons mid-reply is not stored: the client will resend it, and a
// half-stored turn would then appear twice.
import { expect, test } from 'vitest';
import type { CoachEngine } from '../coach/engine.js';
import { scriptedEngine } from '../coach/scripted.js';
import { client, start, token } from '../test/harness.js';

test('client disconnect mid-stream: the turn is not stored', async () => {
  let finished!: () => void;
  const engineDone = new Promise<void>((r) => (finished = r));
  const scripted = scriptedEngine();
  const slow: CoachEngine = {
    ...scripted,
    name: 'slow',
    async *reply(input) {
      try {
        yield 'First words… ';
        // The service must pass the client's disconnect on to the engine (a model call stops too).
        await new Promise((r) => input.signal!.addEventListener('abort', r, { once: true }));
        yield 'and the rest.';
      } finally {
        finished();
      }
    },
  };
  const server = await start({ dataDir: 'memory://', coach: slow });
  try {
    const t = await token();
    const call = client(server.url);
    const s = await call('POST', '/v1/sessions', {
      token: t,
      body: { scenario: 'goal-setting', source: 'embedded' },
    });
    const abort = new AbortController();
    const res = await fetch(`${server.url}/v1/sessions/${s.json.id}/turns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'What would you like to work on?' }),
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('First words');
    abort.abort();
    await engineDone;
    // The server noticed the disconnect and stored nothing.
    await expect
      .poll(
        async () =>
          (
            await server.query<{ user_turns: number }>(`select user_turns from sessions where id = $1`, [
              s.json.id,
            ])
          )[0]!.user_turns,
      )
      .toBe(0);
    const rows = await server.query<{ transcript: unknown[] }>(
      `select transcript from sessions where id = $1`,
      [s.json.id],
    );
    expect(rows[0]!.transcript).toHaveLength(1);
  } finally {
    await server.close();
  }
});

test('two turns of one session at once: the later-finishing one is a 409 conflict, not an interleaved transcript', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let calls = 0;
  const scripted = scriptedEngine();
  const gated: CoachEngine = {
    ...scripted,
    name: 'gated',
    async *reply(input) {
      // The first turn waits for the gate; the second answers at once.
      if (calls++ === 0) await gate;
      yield* scripted.reply(input);
    },
  };
  const server = await start({ dataDir: 'memory://', coach: gated });
  try {
    const t = await token();
    const call = client(server.url);
    const s = await call('POST', '/v1/sessions', {
      token: t,
      body: { scenario: 'goal-setting', source: 'embedded' },
    });
    const json = { accept: 'application/json' };
    const slow = call('POST', `/v1/sessions/${s.json.id}/turns`, {
      token: t,
      body: { text: 'First?' },
      headers: json,
    });
    await expect.poll(() => calls).toBe(1);
    const fast = await call('POST', `/v1/sessions/${s.json.id}/turns`, {
      token: t,
      body: { text: 'Second?' },
      headers: json,
    });
    expect(fast.json.userTurns).toBe(1);
    release();
    const late = await slow;
    expect({ status: late.status, code: late.json.error.code }).toEqual({ status: 409, code: 'conflict' });
    const rows = await server.query<{ transcript: { role: string; text: string }[] }>(
      `select transcript from sessions where id = $1`,
      [s.json.id],
    );
    expect(rows[0]!.transcript.filter((e) => e.role === 'user').map((e) => e.text)).toEqual(['Second?']);
  } finally {
    await server.close();
  }
});
