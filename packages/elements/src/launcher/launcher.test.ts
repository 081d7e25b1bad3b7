import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define/launcher.js';
import type { InflowLauncher } from './launcher.js';
import type { InflowPractice } from '../practice/practice.js';
import { demoToken, storedEvents, testService, until } from '../../test/helpers.js';

const practiceIn = (launcher: InflowLauncher) => launcher.shadowRoot!.querySelector('inflow-practice') as InflowPractice | null;
const coachTurns = (practice: InflowPractice) =>
  Array.from(practice.shadowRoot!.querySelectorAll<HTMLElement>('[data-role="coach"]')).map((el) => el.textContent?.trim() ?? '');

describe('<inflow-launcher> against the real service', () => {
  it('opens, starts a session, streams a reply; open/session_start/first_interaction stored once', async () => {
    const { apiBase } = await testService();
    const token = await demoToken(apiBase);
    const el = await fixture<InflowLauncher>(
      html`<inflow-launcher scenario="underperformance" api-base=${apiBase} token=${token} context-role="Senior engineer"></inflow-launcher>`,
    );
    const opened: string[] = [];
    el.addEventListener('inflow-open', (e) => opened.push(e.scenario));
    let sessionId = '';
    el.addEventListener('inflow-session-start', (e) => (sessionId = e.sessionId));

    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="base"]')!.click();
    expect(opened).to.deep.equal(['underperformance']);
    const practice = await until(() => practiceIn(el), 'the practice element');
    await until(() => coachTurns(practice).length === 1, 'the opening line');
    expect(coachTurns(practice)[0]!.length).to.be.greaterThan(10);

    await until(() => practice.shadowRoot!.activeElement?.matches('textarea'), 'focus in the composer');
    await sendKeys({ type: "Let's look at the last two sprints together. What got in the way?" });
    await sendKeys({ press: 'Enter' });
    await until(() => coachTurns(practice).length === 2 && coachTurns(practice)[1]!.length > 10, 'the streamed reply', 15000);

    for (const name of ['open', 'session_start', 'first_interaction']) {
      const events = await until(async () => {
        const rows = (await storedEvents(apiBase, name)).filter((r) => name === 'open' || r.session_id === sessionId);
        return rows.length ? rows : null;
      }, `${name} stored`);
      expect(events.filter((r) => name !== 'open' || r.scenario === 'underperformance').length, name).to.be.greaterThan(0);
    }
  });
});
