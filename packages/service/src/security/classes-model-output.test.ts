// Fault class of issue 17 in the model's output, on PGlite and PostgreSQL: a reply holding text
// no store can hold is answered and stored, never a 500.
import { beforeAll, afterAll, describe, expect, test } from 'vitest';
import { openAiEngine } from '../coach/openai.js';
import type { RunningServer } from '../node.js';
import { storageBackends } from '../test/authored.js';
import { startFakeLlm, type FakeLlm } from '../test/fake-llm.js';
import { client, start, testTenants, token } from '../test/harness.js';
import { checkResponse } from '../test/support.js';

const { backends, skipReason } = storageBackends('classes');

// A model's reply is not validated like a request: it is made storable where it is written.
describe.each(backends)('$name: hostile model output', ({ db }) => {
  let llm: FakeLlm;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    llm = await startFakeLlm({ kind: 'ok', deltas: ['Fine\u0000', ' 😀'[0]! + '\uD800', ' and \uDC00 so.'] });
    const storage = await db();
    if (!storage) return;
    const coach = openAiEngine({ baseUrl: llm.baseUrl, model: 'm', timeoutMs: 2_000 });
    server = await start({ ...storage, tenants: (await testTenants()).tenants, coach });
  });
  afterAll(async () => {
    await server?.close();
    await llm.close();
  });

  test('a reply with NUL and unpaired surrogates is answered and stored, never a 500', async (ctx) => {
    if (!server) ctx.skip(skipReason());
    const call = client(server!.url);
    const bearer = await token({ sub: 'model-user', team: 'sales' });
    const session = await call('POST', '/v1/sessions', {
      token: bearer,
      body: { scenario: 'underperformance', source: 'embedded' },
    });
    expect(session.status).toBe(201);
    for (const accept of ['application/json', 'text/event-stream']) {
      const turn = await call('POST', `/v1/sessions/${session.json.id}/turns`, {
        token: bearer,
        body: { text: `Let us talk (${accept}).` },
        headers: { accept },
      });
      await checkResponse(new Response(turn.text, { status: turn.status }), accept);
      expect(turn.status, accept).toBe(200);
      expect(turn.text, accept).not.toMatch(/"internal"/);
    }
  });
});
