// XSS corpus (test/security/xss-corpus.ts, 42 payloads) through every text path of the elements,
// in real Chromium, against the real service with an OpenAI-compatible engine whose model is
// hostile: model output (streamed and final), the user's own words quoted back in feedback,
// scenario text / disclosure / opening / feedback from the API, launcher labels and other
// attributes, `context-*` values (echoed back by the model), the nudge's attributes and text, team
// names in the activation report, and the deep-link URL.
// Inert means: no payload ran (`__pwned`, alert/confirm/prompt), no live element or attribute that
// could run one (script/iframe/object/embed/base/meta/form, on* handlers, javascript:/data: URLs)
// anywhere in the document or a shadow root, and every payload's marker is on screen as text.
// Run twice: on a page without CSP (the elements' own escaping is all there is) and under the
// strict CSP with Trusted Types of test/hosts/csp (one policy definition, shared), which must
// report zero violations while hostile content renders. Tokens never appear in a request URL.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mintToken, startServer, DEMO_SECRET } from '@inflow/service';
import { openAiEngine } from '../../packages/service/src/coach/openai.js';
import { startFakeLlm, type FakeLlm } from '../../packages/service/src/test/fake-llm.js';
import { launchChromium } from '../support/browser.js';
import { strictCsp } from '../hosts/csp/page.js';
import { startVendorServer, type VendorServer } from '../hosts/support/vendor-server.js';
import {
  bundleHostilePage,
  hostileReply,
  renderHostilePage,
  startHostileApi,
  type HostileApi,
} from './hostile.js';
import { expectMarkers, fired, scanDom, transient, watchTransientNodes } from './dom-scan.js';
import { all, describeId, idOf, markerOf, TEMPLATES } from './xss-corpus.js';

const cspStatic = new URL('../hosts/csp/static/', import.meta.url).pathname;

let llm: FakeLlm;
let service: Awaited<ReturnType<typeof startServer>>;
let api: HostileApi;
let pageDir: string;
let browser: Browser;

beforeAll(async () => {
  llm = await startFakeLlm({ kind: 'script', reply: hostileReply, delayMs: 3 });
  service = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    rateLimit: false,
    log: () => undefined,
    coach: openAiEngine({ baseUrl: llm.baseUrl, model: 'hostile' }),
  });
  api = await startHostileApi(service.url);
  // Team names are admin input: the roster carries a payload per team, shown in the report. Each
  // team gets enough members to be shown by name (the report folds teams under minGroupSize, 5).
  const { token: admin } = await mintToken({
    tenant: 'demo',
    user: 'xss-hr',
    scope: 'admin',
    secret: DEMO_SECRET,
  });
  const members = all('report').flatMap((team, i) =>
    Array.from({ length: 5 }, (_, j) => ({ user: `xss-member-${i}-${j}`, team })),
  );
  const put = await fetch(`${service.url}/v1/audience`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ members }),
  });
  expect(put.status).toBe(200);
  pageDir = await bundleHostilePage();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await service?.close();
  await llm?.close();
  if (pageDir) rmSync(pageDir, { recursive: true, force: true });
});

const variants = [
  { name: 'no CSP (the elements’ own escaping only)', csp: undefined as string | undefined },
  { name: 'strict CSP + Trusted Types (test/hosts policy)', csp: 'strict' },
];

describe.each(variants)('hostile content, $name', ({ csp }) => {
  let vendor: VendorServer;
  let page: Page;
  const problems: string[] = [];
  /** For failure messages only. */
  const consoleLines: string[] = [];
  const urls: string[] = [];
  const tokens: string[] = [];

  beforeAll(async () => {
    const { token: adminToken } = await mintToken({
      tenant: 'demo',
      user: 'xss-hr',
      scope: 'admin',
      secret: DEMO_SECRET,
    });
    tokens.push(adminToken);
    vendor = await startVendorServer({
      user: 'xss-manager',
      apiBase: api.url,
      ...(csp ? { csp: strictCsp(`${new URL(api.url).origin}`) } : {}),
      static: { '/xss/': pageDir, '/static/': cspStatic },
      pages: { '/': () => renderHostilePage({ apiBase: api.url, adminToken }) },
    });
    page = await browser.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __fired: number[]; __pwned: (id: number) => void };
      w.__fired = [];
      w.__pwned = (id: number) => void w.__fired.push(id);
      for (const name of ['alert', 'confirm', 'prompt', 'print'] as const)
        (window as unknown as Record<string, () => void>)[name] = () => void w.__fired.push(-1);
    });
    await page.addInitScript(watchTransientNodes);
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('request', (r) => urls.push(r.url()));
    page.on('response', async (r) => {
      if (new URL(r.url()).pathname === '/token') tokens.push(((await r.json()) as { token: string }).token);
    });
    // The deep link carries payloads too (a forwarded chat link can be edited by anyone).
    const deep = all('deepLink').join(' ');
    await page.goto(
      `${vendor.url}/?inflow=${encodeURIComponent(deep)}&inflow_src=${encodeURIComponent(deep)}`,
    );
  });

  afterAll(async () => {
    await page?.close();
    await vendor?.close();
  });

  test('launchers, nudge and report render hostile attributes, slot text and team names inertly', async () => {
    const launchers = page.locator('inflow-launcher');
    await expect.poll(() => launchers.count(), { timeout: 30_000 }).toBe(3);
    await page
      .locator('#first')
      .getByRole('button')
      .first()
      .waitFor({ timeout: 60_000 })
      .catch((error: unknown) => {
        throw new Error(
          `the launcher never rendered; page errors: ${JSON.stringify(problems)}; console: ${JSON.stringify(consoleLines.slice(-10))}; requests: ${JSON.stringify(urls.slice(-10))}`,
          { cause: error },
        );
      });
    // The nudge opens on focus of its host field and shows its (hostile) slotted text.
    await page.locator('#due-field').focus();
    await expect
      .poll(() => page.locator('inflow-nudge').evaluate((n) => (n as HTMLElement & { open: boolean }).open), {
        timeout: 30_000,
      })
      .toBe(true);
    // The report lists the teams of the roster.
    await expect
      .poll(
        async () =>
          (await page.evaluate(scanDom)).text.includes(markerOf(idOf('report', TEMPLATES.length - 1))),
        { timeout: 30_000 },
      )
      .toBe(true);

    const scan = await page.evaluate(scanDom);
    expect(scan.findings).toEqual([]);
    expectMarkers(scan.text, 'label');
    expectMarkers(scan.text, 'report');
    expectMarkers(scan.text, 'nudge');
    expect((await fired(page)).map(describeId)).toEqual([]);
    expect(await transient(page), 'dangerous nodes at any moment').toEqual([]);
    expect(await page.locator('#csp-violations li').allTextContents()).toEqual([]);
  });

  test('a practice: every payload as the model’s streamed and final reply, as the user’s words, in scenario text, context echo and feedback', async () => {
    await page.locator('#first').getByRole('button').first().click();
    const practice = page.locator('#first inflow-practice');
    const coach = practice.locator('[data-role="coach"]');
    await expect.poll(() => coach.count(), { timeout: 30_000 }).toBe(1);
    const composer = practice.getByRole('textbox', { name: 'Your reply' });
    const idle = () => practice.locator('.base').getAttribute('aria-busy');
    /** Waits for the coach's reply number `n` to be complete; on timeout, says what the practice shows. */
    const reply = async (n: number, what: string) => {
      try {
        await expect
          .poll(async () => (await coach.count()) === n && (await idle()) === 'false', { timeout: 30_000 })
          .toBe(true);
      } catch (error) {
        const shown = await practice
          .locator('.base')
          .innerText()
          .catch(() => '(unreadable)');
        throw new Error(
          `${what}: no complete reply ${n} (coach lines ${await coach.count()}, busy ${await idle()}); the practice ends with: ${shown.slice(-400)}`,
          { cause: error },
        );
      }
    };

    const userText = all('userText');
    for (let i = 0; i < userText.length; i++) {
      await composer.fill(userText[i]!);
      await composer.press('Enter');
      // Mid-stream the reply is partial markup; it must be inert at every step.
      await reply(i + 2, `turn ${i}`);
      expect((await fired(page)).map(describeId), `after turn ${i}`).toEqual([]);
    }
    await composer.fill('Please echo context back.');
    await composer.press('Enter');
    await reply(userText.length + 2, 'context echo turn');
    // Keyboard, not a pointer click: the 2.5 KB hostile title makes the panel's header tall enough
    // to cover the button (a layout matter, not a security one).
    await practice.getByRole('button', { name: 'End and get feedback' }).press('Enter');
    await practice.getByRole('heading', { name: 'Your feedback' }).waitFor({ timeout: 30_000 });

    const scan = await page.evaluate(scanDom);
    expect(scan.findings).toEqual([]);
    expectMarkers(scan.text, 'modelOutput');
    expectMarkers(scan.text, 'userText');
    expectMarkers(scan.text, 'scenarioText');
    expectMarkers(scan.text, 'feedbackText');
    expectMarkers(scan.text, 'context', 20); // the first launcher carries context payloads 0–19
    expect((await fired(page)).map(describeId)).toEqual([]);
    expect(await transient(page), 'dangerous nodes at any moment, mid-stream included').toEqual([]);
    expect(await page.locator('#csp-violations li').allTextContents()).toEqual([]);
  });

  test('no error escaped to the page, no CSP violation, no token in any URL (unload flush included)', async () => {
    // Open the second launcher (queues an `open` event) and leave at once: the outbox's keepalive
    // unload flush sends it in CORS-simple form, with the token in the body.
    const unloadFlushesBefore = api.requests.filter((r) =>
      /^POST \/v1\/events(\?.*)? text\/plain/.test(r),
    ).length;
    await page.locator('#second').getByRole('button').first().click();
    await new Promise((r) => setTimeout(r, 250)); // the event is queued (storage write), not yet flushed (1 s delay)
    await page.goto('about:blank');
    // Chromium does not report a keepalive request sent while the page unloads to the test's
    // request log; the API sees it: a text/plain POST /v1/events.
    await expect
      .poll(() => api.requests.filter((r) => /^POST \/v1\/events(\?.*)? text\/plain/.test(r)).length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(unloadFlushesBefore);
    expect(problems).toEqual([]);
    if (csp) expect(vendor.cspReports).toEqual([]);
    expect(tokens.length).toBeGreaterThan(1);
    // URLs as the browser sent them and as the API received them.
    const leaks = [...urls, ...api.requests].filter((u) =>
      tokens.some((t) => u.includes(t) || u.includes(t.split('.')[2]!)),
    );
    expect(leaks).toEqual([]);
  });
});
