import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Feedback } from '@inflow/contract';
import '../define/practice.js';
import type { InflowPractice } from './practice.js';
import type { InflowErrorEvent } from '../events/error-event.js';
import { eventCounts, until } from '../../test/helpers.js';
import { $, $$, coachTurns, mount, realClient, started, userTurns } from '../../test/practice-helpers.js';

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
