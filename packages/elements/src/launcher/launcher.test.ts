import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../define/launcher.js';
import type { InflowLauncher } from './launcher.js';
import type { InflowCloseEvent } from '../events/close-event.js';
import { demoToken, eventCounts, newUser, storedEvents, testService, until } from '../../test/helpers.js';

import {
  coachTurns,
  deepActive,
  launcher,
  panel,
  practiceIn,
  ready,
  sorted,
  trigger,
} from '../../test/launcher-helpers.js';

describe('<inflow-launcher>', () => {
  it('keyboard only: launcher → practice → streamed reply → feedback → Escape, with focus return and each event stored once', async function () {
    this.timeout(40000);
    // A scenario of its own, so this test sees the page's single impression for it.
    const { el, apiBase, user } = await launcher({ scenario: 'critical-feedback' });
    const fired: string[] = [];
    for (const type of [
      'inflow-open',
      'inflow-close',
      'inflow-session-start',
      'inflow-first-interaction',
      'inflow-complete',
    ] as const) {
      document.addEventListener(type, () => fired.push(type), { once: true });
    }
    let closeReason = '';
    el.addEventListener('inflow-close', (e: InflowCloseEvent) => (closeReason = e.reason));

    trigger(el).focus();
    await sendKeys({ press: 'Enter' });
    expect(el.open).to.equal(true);
    expect(trigger(el).getAttribute('aria-expanded')).to.equal('true');
    const practice = await ready(el);
    // Focus moves into the panel and lands in the composer once the session is ready.
    await until(() => deepActive()?.matches('textarea'), 'focus in the composer');

    await sendKeys({ type: 'I want to give you feedback on the release notes.' });
    await sendKeys({ press: 'Enter' });
    await until(
      () => coachTurns(practice).length === 2 && coachTurns(practice)[1]!.length > 10,
      'the streamed reply',
      15000,
    );

    // Tab from the composer to "End and get feedback": Send, Need help?, End.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('part')).to.equal('end-button');
    await sendKeys({ press: 'Enter' });
    const feedback = await until(
      () => practice.shadowRoot!.querySelector('[part="feedback"]'),
      'the feedback',
      15000,
    );
    expect(feedback.querySelectorAll('[part="scores"] > li').length).to.be.greaterThan(0);
    expect(feedback.querySelector('[part="next-step"]')!.textContent!.trim().length).to.be.greaterThan(12);
    expect(deepActive()?.id).to.equal('feedback-title');

    await sendKeys({ press: 'Escape' });
    expect(el.open).to.equal(false);
    expect(closeReason).to.equal('escape');
    expect(deepActive() === trigger(el), 'focus on the launcher').to.equal(true);
    expect(fired).to.deep.equal([
      'inflow-open',
      'inflow-session-start',
      'inflow-first-interaction',
      'inflow-complete',
      'inflow-close',
    ]);

    const expected = {
      impression: 1,
      open: 1,
      session_start: 1,
      first_interaction: 1,
      complete: 1,
      meaningful_interaction: 1,
    };
    await until(
      async () => JSON.stringify(await eventCounts(apiBase, user)) === JSON.stringify(sorted(expected)),
      'events stored',
      15000,
    ).catch(async () => expect(await eventCounts(apiBase, user)).to.deep.equal(expected));
    // Still once after another delivery round.
    await aTimeout(600);
    expect(await eventCounts(apiBase, user)).to.deep.equal(expected);
  });

  it('records one impression per scenario per page view, however many launchers show it, and only when visible', async function () {
    this.timeout(20000);
    const { apiBase } = await testService();
    const user = newUser();
    const token = await demoToken(apiBase, user);
    const wrap = await fixture<HTMLElement>(
      html`<div>
        <inflow-launcher scenario="rating-disagreement" api-base=${apiBase} token=${token}></inflow-launcher>
        <inflow-launcher scenario="rating-disagreement" api-base=${apiBase} token=${token}></inflow-launcher>
        <div style="height: 3000px"></div>
        <inflow-launcher
          id="below"
          scenario="first-one-to-one"
          api-base=${apiBase}
          token=${token}
        ></inflow-launcher>
      </div>`,
    );
    await until(async () => (await eventCounts(apiBase, user)).impression, 'an impression stored', 15000);
    await aTimeout(600);
    const before = await storedEvents(apiBase, user);
    expect(before.map((e) => [e.name, e.scenario])).to.deep.equal([['impression', 'rating-disagreement']]);
    // The one below the fold counts once it scrolls into view.
    wrap.querySelector('#below')!.scrollIntoView();
    await until(async () => (await eventCounts(apiBase, user)).impression === 2, 'second impression', 15000);
    const after = await storedEvents(apiBase, user);
    expect(after.map((e) => e.scenario).sort()).to.deep.equal(['first-one-to-one', 'rating-disagreement']);
    window.scrollTo(0, 0);
  });

  it('close button and outside click close the panel; focus returns only when closing from inside', async () => {
    const { el } = await launcher();
    const reasons: string[] = [];
    el.addEventListener('inflow-close', (e) => reasons.push(e.reason));
    trigger(el).click();
    await ready(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
    expect(el.open).to.equal(false);
    expect(deepActive() === trigger(el), 'focus on the launcher').to.equal(true);
    await el.updateComplete;
    expect(getComputedStyle(panel(el)).display).to.equal('none');

    trigger(el).click();
    await until(() => el.open && getComputedStyle(panel(el)).display !== 'none', 'reopened');
    expect(coachTurns(practiceIn(el)!).length, 'the practice kept its state').to.equal(1);
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    expect(el.open).to.equal(false);
    expect(reasons).to.deep.equal(['button', 'outside']);
  });

  it('anchors the panel to itself with the placement attribute, and stops positioning when closed', async () => {
    const { el } = await launcher();
    el.style.cssText = 'position: fixed; left: 40px; top: 400px;';
    el.placement = 'top-start';
    trigger(el).click();
    await ready(el);
    const p = panel(el);
    await until(() => p.dataset.placement, 'positioned');
    expect(p.dataset.placement).to.equal('top-start');
    const button = trigger(el).getBoundingClientRect();
    // The panel's content (and so its height) settles after the first position; autoUpdate follows.
    await until(
      () => Math.abs(p.getBoundingClientRect().bottom - (button.top - 8)) <= 1,
      '8px above the launcher',
    ).catch(() => undefined);
    const box = p.getBoundingClientRect();
    expect(Math.round(box.bottom)).to.be.closeTo(Math.round(button.top - 8), 1);
    expect(Math.round(box.left)).to.be.closeTo(Math.round(button.left), 1);

    // Flip: no room above → below.
    el.style.top = '10px';
    await until(() => p.dataset.placement === 'bottom-start', 'flipped below');

    el.hide();
    const top = p.style.top;
    el.style.top = '300px';
    await aTimeout(100);
    expect(p.style.top, 'autoUpdate stopped while closed').to.equal(top);
  });

  it('is a full-screen sheet on a narrow viewport', async () => {
    await setViewport({ width: 390, height: 700 });
    const { el } = await launcher();
    trigger(el).click();
    await ready(el);
    const box = panel(el).getBoundingClientRect();
    expect(panel(el).classList.contains('sheet')).to.equal(true);
    expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 390, 700]);
  });

  it('variants, label and locale', async () => {
    const { apiBase } = await testService();
    const token = await demoToken(apiBase);
    const wrap = await fixture<HTMLElement>(
      html`<div lang="fr">
        <inflow-launcher
          id="a"
          scenario="goal-setting"
          api-base=${apiBase}
          token=${token}
          variant="link"
          label="Répéter l'entretien"
        ></inflow-launcher>
        <inflow-launcher
          id="b"
          scenario="goal-setting"
          api-base=${apiBase}
          token=${token}
          variant="icon"
        ></inflow-launcher>
      </div>`,
    );
    const a = wrap.querySelector<InflowLauncher>('#a')!;
    const b = wrap.querySelector<InflowLauncher>('#b')!;
    expect(trigger(a).classList.contains('link')).to.equal(true);
    expect(trigger(a).textContent!.trim()).to.equal("Répéter l'entretien");
    // The icon variant has no text; its accessible name is the (localized, from lang="fr") default label.
    await until(
      () => trigger(b).getAttribute('aria-label') === 'Pratiquer cette conversation',
      'French default label',
    );
    expect(trigger(b).textContent!.trim()).to.equal('');
    expect(trigger(b).querySelector('svg')).to.not.equal(null);
    b.locale = 'es';
    await until(
      () => trigger(b).getAttribute('aria-label') === 'Practicar esta conversación',
      'Spanish label',
    );
    b.locale = 'en';
    await until(
      () => trigger(b).getAttribute('aria-label') === 'Practice this conversation',
      'English label',
    );
  });

  it('renders attribute values as text', async () => {
    const { apiBase } = await testService();
    const token = await demoToken(apiBase);
    const hostile = `<img src=x onerror="window.__inflowPwned=1"><script>window.__inflowPwned=1</script>`;
    const el = await fixture<InflowLauncher>(
      html`<inflow-launcher
        scenario="goal-setting"
        api-base=${apiBase}
        token=${token}
        label=${hostile}
      ></inflow-launcher>`,
    );
    expect(trigger(el).textContent!.trim()).to.equal(hostile);
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    await aTimeout(50);
    expect((window as { __inflowPwned?: number }).__inflowPwned).to.equal(undefined);
  });

  describe('accessibility (axe-core)', () => {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no violations closed and open, ${theme} theme`, async () => {
        const { el } = await launcher();
        el.theme = theme;
        document.body.style.background = theme === 'dark' ? '#0d1117' : '#fff';
        await expect(el).to.be.accessible();
        trigger(el).click();
        await ready(el);
        await expect(el).to.be.accessible();
        document.body.style.background = '';
      });
    }
  });
});
