// What the user sees when the model provider misbehaves, in Chromium against the real
// service with the OpenAI engine pointed at a fake endpoint: a reply that stalls mid-stream or
// breaks its stream ends in a clear, retryable error in the practice — the partial reply is not
// left on screen as if it were the answer, the user's words are kept — nothing of the failed turn
// is stored, and Retry succeeds once the endpoint recovers.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '@inflow/service';
import { openAiEngine } from '../../packages/service/src/coach/openai.js';
import { startFakeLlm, type FakeLlm, type LlmMode } from '../../packages/service/src/test/fake-llm.js';
import { launchChromium } from '../support/browser.js';
import { startVendorServer, type VendorServer } from '../hosts/support/vendor-server.js';
import { bundleHostilePage } from './hostile.js';

let llm: FakeLlm;
let service: Awaited<ReturnType<typeof startServer>>;
let vendor: VendorServer;
let browser: Browser;
let pageDir: string;

const page = (apiBase: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LLM faults</title>
<meta name="inflow-api-base" content="${apiBase}">
<script type="module" src="/xss/main.js"></script></head>
<body><inflow-launcher scenario="goal-setting" label="Practise"></inflow-launcher></body></html>`;

beforeAll(async () => {
  llm = await startFakeLlm({ kind: 'ok', deltas: ['Fine.'] });
  service = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    rateLimit: false,
    log: () => undefined,
    coach: openAiEngine({ baseUrl: llm.baseUrl, model: 'fake', timeoutMs: 1500 }),
  });
  vendor = await startVendorServer({
    user: 'llm-faults-user',
    apiBase: service.url,
    static: { '/xss/': (pageDir = await bundleHostilePage()) },
    pages: { '/': () => page(service.url) },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await vendor?.close();
  await service?.close();
  await llm?.close();
  if (pageDir) rmSync(pageDir, { recursive: true, force: true });
});

const faults: { name: string; mode: LlmMode }[] = [
  { name: 'stalls mid-stream', mode: { kind: 'stall', deltas: ['HALF-REPLY', ' and then'] } },
  { name: 'breaks its stream with a malformed chunk', mode: { kind: 'malformed', deltas: ['HALF-REPLY'] } },
];

describe.each(faults)('the model endpoint $name', ({ mode }) => {
  let tab: Page;
  const problems: string[] = [];
  afterAll(() => tab?.close());

  test('the user sees a clear, retryable error; nothing is half-stored; Retry works once it recovers', async () => {
    tab = await browser.newPage();
    tab.on('pageerror', (e) => problems.push(e.message));
    await tab.goto(vendor.url);
    await tab.locator('inflow-launcher').getByRole('button').first().click();
    const practice = tab.locator('inflow-practice');
    const coach = practice.locator('[data-role="coach"]');
    await expect.poll(() => coach.count(), { timeout: 30_000 }).toBe(1);
    const [row] = await service.query<{ id: string }>(
      'select id::text as id from sessions where "user" = \'llm-faults-user\' order by created_at desc limit 1',
    );

    // The opening line can show before the session is ready to send; Enter before that sends nothing.
    const send = practice.getByRole('button', { name: 'Send' });
    await expect.poll(() => send.isEnabled(), { timeout: 30_000 }).toBe(true);
    llm.mode = mode;
    const composer = practice.getByRole('textbox', { name: 'Your reply' });
    await composer.fill('Shall we agree three goals?');
    await composer.press('Enter');

    // The turn fails visibly: an alert, the user's words kept on a failed turn with Retry.
    const failed = practice.locator('[data-role="user"].failed');
    await expect.poll(() => failed.count(), { timeout: 30_000 }).toBe(1);
    expect(await failed.textContent()).toContain('Shall we agree three goals?');
    await expect.poll(() => practice.getByRole('alert').first().isVisible(), { timeout: 10_000 }).toBe(true);
    // The partial reply is not left on screen as the coach's answer.
    expect(await coach.allTextContents()).not.toContainEqual(expect.stringContaining('HALF-REPLY'));
    const stored = await service.query<{ user_turns: number; n: number }>(
      'select user_turns, jsonb_array_length(transcript) as n from sessions where id = $1',
      [row!.id],
    );
    expect(stored).toEqual([{ user_turns: 0, n: 1 }]);

    llm.mode = { kind: 'ok', deltas: ['Three goals', ' it is.'] };
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => coach.count(), { timeout: 30_000 }).toBe(2);
    expect(await coach.nth(1).textContent()).toContain('Three goals it is.');
    await expect
      .poll(
        async () =>
          (
            await service.query<{ user_turns: number }>('select user_turns from sessions where id = $1', [
              row!.id,
            ])
          )[0]?.user_turns,
        { timeout: 10_000 },
      )
      .toBe(1);
    expect(problems).toEqual([]);
  });
});
