/**
 * Attempts after feedback in <inflow-practice>, in Chromium against the real service: the line
 * reads the caller's own completed sessions (GET /v1/me/sessions), and "Try again" starts a new
 * session on the same scenario.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createClient } from '@inflow/client';
import type { Feedback, MyAttempts } from '@inflow/contract';
import '../define/practice.js';
import type { InflowPractice } from './practice.js';
import { demoToken, newUser, testService, until } from '../../test/helpers.js';

const $ = <T extends HTMLElement = HTMLElement>(p: InflowPractice, sel: string) =>
  p.shadowRoot!.querySelector<T>(sel);
const coachTurns = (p: InflowPractice) => p.shadowRoot!.querySelectorAll('[data-role="coach"]').length;

async function practiseOnce(el: InflowPractice, reply: string): Promise<Feedback> {
  let feedback: Feedback | undefined;
  const onComplete = (e: { feedback: Feedback }) => (feedback = e.feedback);
  el.addEventListener('inflow-complete', onComplete, { once: true });
  await until(() => coachTurns(el) === 1 && $(el, 'textarea'), 'the opening line', 15000);
  $<HTMLTextAreaElement>(el, 'textarea')!.value = reply;
  $<HTMLButtonElement>(el, '[part="send-button"]')!.click();
  await until(
    () => coachTurns(el) === 2 && !$<HTMLButtonElement>(el, '[part="end-button"]')!.disabled,
    'the reply',
    15000,
  );
  $<HTMLButtonElement>(el, '[part="end-button"]')!.click();
  return until(() => feedback, 'feedback', 15000);
}

const total = (f: Feedback) => f.scores.reduce((sum, s) => sum + s.score, 0);
const maximum = (f: Feedback) => f.scores.reduce((sum, s) => sum + s.max, 0);

describe('<inflow-practice> attempts after feedback', () => {
  it('shows "Attempt n · best x/y", and "Try again" starts a new session on the same scenario', async function () {
    this.timeout(60000);
    const { apiBase } = await testService();
    const token = await demoToken(apiBase, newUser());
    const client = createClient({ apiBase, token, storage: 'memory' });
    const el = await fixture<InflowPractice>(
      html`<inflow-practice scenario="goal-setting"></inflow-practice>`,
    );
    el.client = client;
    const sessions: string[] = [];
    el.addEventListener('inflow-session-start', (e) => sessions.push(e.sessionId));
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part="start-button"]')!.click();

    const first = await practiseOnce(el, 'Hello.');
    const summary = () => $(el, '[part="attempt-summary"]')?.textContent?.trim() ?? '';
    await until(() => summary().startsWith('Attempt 1'), 'the attempt line');
    expect(summary()).to.match(
      new RegExp(`^Attempt 1 · best ${total(first)}/${maximum(first)} · (passed|not passed yet)$`),
    );
    expect(summary().endsWith(first.passed ? '· passed' : '· not passed yet')).to.equal(true);
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(el, '[part="try-again-button"]')!.click();
    await until(() => sessions.length === 2, 'a second session');
    expect(sessions[1]).to.not.equal(sessions[0]);
    expect($(el, '[part="feedback"]'), 'the old feedback is gone').to.equal(null);
    const second = await practiseOnce(
      el,
      'Shall we agree three measurable goals for next quarter, with a date to check progress on each?',
    );
    await until(() => summary().startsWith('Attempt 2'), 'the second attempt');
    const best = Math.max(total(first) / maximum(first), total(second) / maximum(second));
    const line = summary().match(/best (\d+)\/(\d+)/)!;
    expect(Number(line[1]) / Number(line[2])).to.equal(best);

    // The line is the caller's own: another person's token sees none of these attempts.
    const other = await demoToken(apiBase, newUser());
    const r = await fetch(`${apiBase}/v1/me/sessions?scenario=goal-setting`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(((await r.json()) as MyAttempts).attempts).to.deep.equal([]);
    client.dispose();
  });
});
