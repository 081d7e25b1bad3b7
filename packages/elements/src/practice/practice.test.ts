import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient } from '@inflow/client';
import type { Feedback, Session } from '@inflow/contract';
import '../define/practice.js';
import type { InflowPractice } from './practice.js';
import type { ElementsClient } from '../core/client-types.js';
import type { InflowErrorEvent } from '../events/error-event.js';
import { demoToken, eventCounts, newUser, testService, until } from '../../test/helpers.js';

const $ = <T extends Element = HTMLElement>(p: InflowPractice, sel: string) =>
  p.shadowRoot!.querySelector<T>(sel);
const $$ = (p: InflowPractice, sel: string) => Array.from(p.shadowRoot!.querySelectorAll<HTMLElement>(sel));
const coachTurns = (p: InflowPractice) =>
  $$(p, '[data-role="coach"]').map((e) => e.querySelector('.text')!.textContent!.trim());
const userTurns = (p: InflowPractice) => $$(p, '[data-role="user"]');

/** A real client whose `fetch` a test can interfere with (fault injection at the network edge). */
async function realClient(
  intercept?: (url: string, init: RequestInit | undefined, next: typeof fetch) => Promise<Response>,
) {
  const { apiBase } = await testService();
  const user = newUser();
  const token = await demoToken(apiBase, user);
  const client = createClient({
    apiBase,
    token,
    storage: 'memory',
    fetch: (input, init) => (intercept ? intercept(String(input), init, fetch) : fetch(input, init)),
  });
  return { client, apiBase, user };
}

async function mount(client: ElementsClient, scenario = 'underperformance', extra = '') {
  const el = await fixture<InflowPractice>(html`<inflow-practice scenario=${scenario}></inflow-practice>`);
  el.client = client;
  if (extra) el.setAttribute('theme', extra);
  await el.updateComplete;
  return el;
}

async function started(el: InflowPractice) {
  $<HTMLButtonElement>(el, '[part="start-button"]')!.click();
  await until(() => coachTurns(el).length === 1, 'the opening line');
  return el;
}

describe('<inflow-practice> against the real service', () => {
  it('inline: Start, brief with disclosure, Shift+Enter / Enter, typing indicator, live region, help, feedback', async function () {
    this.timeout(40000);
    let delayTurns = 0;
    const { client, apiBase, user } = await realClient(async (url, init, next) => {
      if (url.endsWith('/turns')) await aTimeout(delayTurns);
      return next(url, init);
    });
    const el = await mount(client);
    // Inline, a page view alone creates no session.
    expect($(el, '[part="start-button"]')).to.not.equal(null);
    expect($(el, '[part="transcript"]')).to.equal(null);

    let sessionId = '';
    el.addEventListener('inflow-session-start', (e) => (sessionId = e.sessionId));
    let feedback: Feedback | undefined;
    el.addEventListener('inflow-complete', (e) => (feedback = e.feedback));
    await started(el);
    expect($(el, '[part="title"]')!.textContent!.trim().length).to.be.greaterThan(3);
    expect($(el, '[part="disclosure"]')!.textContent!).to.match(/AI|artificial/i);
    expect(sessionId).to.match(/^[0-9a-f-]{36}$/);

    // Shift+Enter adds a line and sends nothing.
    $<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({ type: 'First line' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'second line' });
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('First line\nsecond line');
    expect(userTurns(el).length).to.equal(0);

    // Enter sends; while the coach composes, a typing indicator shows.
    delayTurns = 400;
    await sendKeys({ press: 'Enter' });
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('');
    expect(userTurns(el).map((t) => t.querySelector('.text')!.textContent)).to.deep.equal([
      'First line\nsecond line',
    ]);
    await until(() => $(el, '[part="typing-indicator"]'), 'typing indicator');
    await until(() => coachTurns(el).length === 2, 'the reply', 15000);
    expect($(el, '[part="typing-indicator"]')).to.equal(null);
    // Screen readers hear the whole reply once, from a polite live region.
    const live = $(el, '[aria-live="polite"]')!;
    await until(() => live.textContent!.includes(coachTurns(el)[1]!), 'the reply announced');

    // Need help? toggles help and records a help event.
    const help = $<HTMLButtonElement>(el, '[part="help-button"]')!;
    help.click();
    await el.updateComplete;
    expect(help.getAttribute('aria-expanded')).to.equal('true');
    expect($(el, '#help')!.hidden).to.equal(false);

    $<HTMLButtonElement>(el, '[part="end-button"]')!.click();
    await until(() => feedback, 'inflow-complete', 15000);
    const scores = $$(el, '[part="scores"] > li');
    expect(scores.length).to.equal(feedback!.scores.length);
    expect(scores[0]!.textContent).to.contain(feedback!.scores[0]!.label);
    expect($(el, '[part="next-step"]')!.textContent).to.contain(feedback!.nextStep);
    expect($(el, '[part="composer"]'), 'no composer after the end').to.equal(null);

    const expected = {
      session_start: 1,
      first_interaction: 1,
      help: 1,
      meaningful_interaction: 1,
      complete: 1,
    };
    await until(async () => (await eventCounts(apiBase, user)).complete === 1, 'events stored', 15000);
    await client.flush();
    expect(await eventCounts(apiBase, user)).to.deep.equal(expected);
  });

  it('a failed turn keeps its text and can be retried', async function () {
    this.timeout(30000);
    let failNext = true;
    const { client, apiBase, user } = await realClient(async (url, init, next) => {
      if (url.endsWith('/turns') && failNext) {
        failNext = false;
        throw new TypeError('Failed to fetch');
      }
      return next(url, init);
    });
    const el = await mount(client);
    const errors: InflowErrorEvent[] = [];
    el.addEventListener('inflow-error', (e) => errors.push(e));
    await started(el);
    const text = 'What would help you hit the deadline next sprint?';
    $<HTMLTextAreaElement>(el, 'textarea')!.value = text;
    $<HTMLButtonElement>(el, '[part="send-button"]')!.click();
    await until(() => userTurns(el)[0]?.classList.contains('failed'), 'a failed turn');
    expect(userTurns(el)[0]!.querySelector('.text')!.textContent).to.equal(text);
    expect(errors.map((e) => [e.code, e.fatal])).to.deep.equal([['network', false]]);
    expect(coachTurns(el).length).to.equal(1);

    userTurns(el)[0]!.querySelector('button')!.click();
    await until(() => coachTurns(el).length === 2, 'the reply after retry', 15000);
    expect(userTurns(el).length).to.equal(1);
    expect(userTurns(el)[0]!.classList.contains('failed')).to.equal(false);
    await until(async () => (await eventCounts(apiBase, user)).error === 1, 'error event stored', 15000);
    expect((await eventCounts(apiBase, user)).first_interaction).to.equal(1);
  });

  it('unknown scenario: quiet unavailable state, console message, inflow-error, nothing thrown', async () => {
    const { client } = await realClient();
    const el = await mount(client, 'no-such-scenario');
    const errors: InflowErrorEvent[] = [];
    el.addEventListener('inflow-error', (e) => errors.push(e));
    const logged: string[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => logged.push(a.join(' '));
    try {
      $<HTMLButtonElement>(el, '[part="start-button"]')!.click();
      await until(() => errors.length, 'inflow-error');
    } finally {
      console.error = original;
    }
    // The service answers 422 validation_failed for a scenario the tenant has not enabled.
    expect(errors.map((e) => [e.code, e.fatal])).to.deep.equal([['validation_failed', true]]);
    expect(logged.join('\n')).to.contain('no-such-scenario');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('not available');
    expect($(el, 'textarea')).to.equal(null);
  });

  it('missing configuration without a client: disabled, inflow-error, no throw', async () => {
    const errors: InflowErrorEvent[] = [];
    document.addEventListener('inflow-error', (e) => errors.push(e), { once: true });
    const original = console.error;
    console.error = () => undefined;
    try {
      await fixture(html`<inflow-practice scenario="underperformance" autostart></inflow-practice>`);
    } finally {
      console.error = original;
    }
    expect(errors.map((e) => e.code)).to.deep.equal(['missing_api_base']);
  });

  it('speaks German with locale="de"', async () => {
    const { client } = await realClient();
    const el = await fixture<InflowPractice>(
      html`<inflow-practice scenario="underperformance" locale="de"></inflow-practice>`,
    );
    el.client = client;
    await until(() => $(el, '[part="start-button"]')?.textContent?.trim() === 'Übung starten', 'German');
    el.locale = 'en';
    await until(
      () => $(el, '[part="start-button"]')?.textContent?.trim() === 'Start practice',
      'English again',
    );
  });

  describe('accessibility (axe-core)', () => {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no violations before start, in conversation and with feedback, ${theme} theme`, async function () {
        this.timeout(30000);
        const { client } = await realClient();
        const el = await mount(client, 'goal-setting', theme);
        document.body.style.background = theme === 'dark' ? '#161b22' : '#fff';
        try {
          await expect(el).to.be.accessible();
          await started(el);
          $<HTMLTextAreaElement>(el, 'textarea')!.value = 'Shall we agree three goals for the next quarter?';
          $<HTMLButtonElement>(el, '[part="send-button"]')!.click();
          await until(() => coachTurns(el).length === 2, 'reply', 15000);
          $<HTMLButtonElement>(el, '[part="help-button"]')!.click();
          await expect(el).to.be.accessible();
          $<HTMLButtonElement>(el, '[part="end-button"]')!.click();
          await until(() => $(el, '[part="feedback"]'), 'feedback', 15000);
          await expect(el).to.be.accessible();
        } finally {
          document.body.style.background = '';
        }
      });
    }
  });
});

describe('<inflow-practice> with hostile model output', () => {
  const HOSTILE = [
    '<script>window.__inflowPwned = 1</script>',
    '<img src=x onerror="window.__inflowPwned = 2">',
    '[click me](javascript:window.__inflowPwned=3)',
    '[spaced]( JaVaScRiPt:window.__inflowPwned=4)',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<a href="javascript:window.__inflowPwned=5">raw link</a>',
    '<svg onload="window.__inflowPwned=6"><circle r="5"/></svg>',
    '<svg><script>window.__inflowPwned=7</script></svg>',
    '<iframe src="javascript:window.__inflowPwned=8"></iframe>',
    '![alt text](x" onerror="window.__inflowPwned=9)',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__inflowPwned=10">',
    '<details open ontoggle="window.__inflowPwned=11">x</details>',
    '<style>:host{display:none}</style>',
    '[safe](https://example.com/path) and [mail](mailto:hr@example.com)',
  ].join('\n\n');

  /** The real service for the session, with the model's words replaced by the corpus. */
  async function hostileClient(): Promise<ElementsClient> {
    const { client } = await realClient();
    return {
      listScenarios: () => client.listScenarios(),
      track: (name, fields) => client.track(name, fields),
      createSession: async (req) => {
        const s = await client.createSession(req);
        return {
          ...s,
          opening: { turn: 0, text: HOSTILE },
          scenario: { ...s.scenario, title: '<img src=x onerror="window.__inflowPwned=20">Title' },
        } satisfies Session;
      },
      async *streamTurn() {
        for (const part of HOSTILE.match(/[\s\S]{1,7}/g)!) yield { type: 'delta', text: part };
        yield { type: 'done', reply: { turn: 1, text: HOSTILE }, userTurns: 1 };
      },
      completeSession: async (sessionId) => ({
        sessionId,
        scenario: 'underperformance',
        scenarioVersion: 1,
        summary: HOSTILE,
        nextStep: '<script>window.__inflowPwned=30</script>Ask one open question.',
        passed: false,
        passThreshold: 2,
        judgeVersion: 'test',
        scores: [
          {
            criterion: 'c',
            label: '<b onclick="x()">Label</b>',
            score: 1,
            max: 2,
            evidence: ['<img src=x onerror="window.__inflowPwned=31">'],
            scoredBy: 'rubric' as const,
          },
        ],
      }),
    };
  }

  function expectInert(root: ShadowRoot) {
    const all = Array.from(root.querySelectorAll('*'));
    expect(root.querySelectorAll('script, iframe, img, svg, math, style, object, embed').length).to.equal(0);
    // The element's own <details> (objectives) and <form> (composer) exist; none come from the model.
    expect(root.querySelectorAll('.text :is(details, form, button, input, textarea)').length).to.equal(0);
    const handlers = all.flatMap((e) =>
      Array.from(e.attributes)
        .filter((a) => a.name.startsWith('on'))
        .map((a) => `${e.tagName} ${a.name}`),
    );
    expect(handlers).to.deep.equal([]);
    const links = Array.from(root.querySelectorAll('a'));
    for (const a of links) {
      if (a.hasAttribute('href')) expect(a.getAttribute('href')).to.match(/^(https?:|mailto:)/);
      expect(a.rel).to.equal('noopener noreferrer');
    }
    expect(links.filter((a) => a.hasAttribute('href')).map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/path',
      'mailto:hr@example.com',
    ]);
  }

  it('renders opening, streamed reply, and feedback inert (as text or allow-listed markdown)', async function () {
    this.timeout(20000);
    const el = await mount(await hostileClient());
    await started(el);
    expect($(el, '[part="title"]')!.textContent).to.equal(
      '<img src=x onerror="window.__inflowPwned=20">Title',
    );
    // Raw HTML in markdown reads as text rather than vanishing.
    expect(coachTurns(el)[0]).to.contain('<script>window.__inflowPwned = 1</script>');
    expectInert(el.shadowRoot!);

    $<HTMLTextAreaElement>(el, 'textarea')!.value = 'hello';
    $<HTMLButtonElement>(el, '[part="send-button"]')!.click();
    await until(
      () => coachTurns(el).length === 2 && $$(el, '.turn.streaming').length === 0,
      'streamed hostile reply',
    );
    $<HTMLButtonElement>(el, '[part="end-button"]')!.click();
    await until(() => $(el, '[part="feedback"]'), 'feedback');
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('script, iframe, img, svg, math, style, .text details').length).to.equal(0);
    expect(
      Array.from(root.querySelectorAll('*')).some((e) =>
        Array.from(e.attributes).some((a) => a.name.startsWith('on')),
      ),
    ).to.equal(false);
    expect($(el, '[part="next-step"]')!.textContent).to.contain('<script>');
    await aTimeout(100);
    expect((window as { __inflowPwned?: number }).__inflowPwned).to.equal(undefined);
  });
});
