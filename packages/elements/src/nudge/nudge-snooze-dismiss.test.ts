import { expect, fixtureCleanup } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define/nudge.js';
import { demoToken, storedEvents, testService, until } from '../../test/helpers.js';
import type { InflowNudge } from './nudge.js';
import { memoryKey, readMemory } from './nudge-memory.js';
import { part, settle, setup } from '../../test/nudge-helpers.js';

afterEach(() => {
  fixtureCleanup();
});

describe('<inflow-nudge> memory: cap, snooze, dismiss', () => {
  it('frequency cap: once per interval and at most max-shows, across new page views', async () => {
    const user = `cap-${Date.now()}`;
    const attrs = { 'max-shows': '2', 'min-interval-hours': '24' };
    const show = async () => {
      const s = await setup({ user, attrs });
      s.host.focus();
      await settle();
      const shown = s.nudge.open;
      if (shown) await sendKeys({ press: 'Escape' });
      fixtureCleanup();
      return shown;
    };
    expect(await show(), 'first view').to.equal(true);
    expect(await show(), 'same day').to.equal(false);
    // A day passes (the stored time of the last show moves back 25 h).
    const key = memoryKey(user, 'underperformance');
    const moveBack = () => {
      const m = JSON.parse(localStorage.getItem(key)!) as { lastShownAt: number };
      localStorage.setItem(key, JSON.stringify({ ...m, lastShownAt: m.lastShownAt - 25 * 3_600_000 }));
    };
    moveBack();
    expect(await show(), 'next day').to.equal(true);
    moveBack();
    expect(await show(), 'cap of 2 reached').to.equal(false);
  });

  it('snooze: "Later" hides it for snooze-hours, then it may return', async () => {
    const user = `snooze-${Date.now()}`;
    const attrs = { 'min-interval-hours': '0', 'snooze-hours': '2' };
    let s = await setup({ user, attrs });
    s.host.focus();
    await until(() => s.nudge.open, 'first show');
    part(s.nudge, 'snooze-button').click();
    expect(s.nudge.open).to.equal(false);
    // Focus went back to the host, not to <body>.
    expect(document.activeElement).to.equal(s.host);
    const until2h = readMemory(user, 'underperformance').snoozedUntil;
    expect(until2h - Date.now()).to.be.within(2 * 3_600_000 - 60_000, 2 * 3_600_000);
    const dismissed = await until(async () => {
      const rows = (await storedEvents(s.apiBase, user)).filter((e) => e.name === 'nudge_dismissed');
      return rows.length ? rows : null;
    }, 'nudge_dismissed stored');
    expect(dismissed.map((e) => [e.source, e.props?.action])).to.deep.equal([['nudge', 'snooze']]);
    fixtureCleanup();

    s = await setup({ user, attrs });
    s.host.focus();
    await settle();
    expect(s.nudge.open, 'snoozed').to.equal(false);
    fixtureCleanup();

    const key = memoryKey(user, 'underperformance');
    localStorage.setItem(
      key,
      JSON.stringify({ ...readMemory(user, 'underperformance'), snoozedUntil: Date.now() - 1 }),
    );
    s = await setup({ user, attrs });
    s.host.focus();
    await until(() => s.nudge.open, 'back after the snooze');
  });

  it('dismiss: the close button silences it for this user and scenario for good, not for another user', async () => {
    const user = `dismiss-${Date.now()}`;
    const attrs = { 'min-interval-hours': '0', 'max-shows': '99' };
    let s = await setup({ user, attrs });
    s.host.focus();
    await until(() => s.nudge.open, 'first show');
    part(s.nudge, 'close-button').click();
    expect(readMemory(user, 'underperformance').dismissed).to.equal(true);
    fixtureCleanup();

    s = await setup({ user, attrs });
    s.host.focus();
    await settle();
    expect(s.nudge.open).to.equal(false);
    fixtureCleanup();

    s = await setup({ user: `${user}-colleague`, attrs });
    s.host.focus();
    await until(() => s.nudge.open, "a colleague's nudge on the same browser");
  });

  it('closes when another tab snoozes or dismisses it', async () => {
    const s = await setup({ attrs: { 'min-interval-hours': '0' } });
    s.host.focus();
    await until(() => s.nudge.open, 'the nudge');
    // Another same-origin document writing the shared memory is what another tab does.
    const other = document.createElement('iframe');
    const key = JSON.stringify(memoryKey(s.user, 'underperformance'));
    const value = JSON.stringify(
      JSON.stringify({ shows: 1, lastShownAt: Date.now(), snoozedUntil: 0, dismissed: true }),
    );
    other.srcdoc = `<script>localStorage.setItem(${key.replace(/</g, '\\u003c')}, ${value})</script>`;
    document.body.append(other);
    try {
      await until(() => !s.nudge.open, 'the nudge to close');
      // Closed quietly: no nudge_dismissed of its own (the other tab recorded that).
      expect(readMemory(s.user, 'underperformance').dismissed).to.equal(true);
    } finally {
      other.remove();
    }
  });

  it('cap and snooze hold across a real page reload', async function () {
    this.timeout(30_000); // the frame loads the element's module graph from the dev server twice
    const { apiBase } = await testService();
    const user = `reload-${Date.now()}`;
    const token = await demoToken(apiBase, user);
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 800px; height: 400px';
    document.body.append(frame);
    const page = `<!doctype html><textarea id="t"></textarea>
      <inflow-nudge for="t" scenario="underperformance" api-base="${apiBase}" token="${token}" min-interval-hours="0" max-shows="5"></inflow-nudge>
      <script type="module" src="/packages/elements/src/define/nudge.ts"></script>`;
    const load = async () => {
      const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
      frame.srcdoc = page;
      await loaded;
      const win = frame.contentWindow!;
      await until(() => win.customElements.get('inflow-nudge'), 'the nudge defined in the frame');
      return win.document.querySelector('inflow-nudge') as InflowNudge;
    };
    try {
      let nudge = await load();
      await nudge.updateComplete;
      (frame.contentDocument!.getElementById('t') as HTMLTextAreaElement).focus();
      await until(() => nudge.open, 'shown in the frame');
      (nudge.shadowRoot!.querySelector('[part~="snooze-button"]') as HTMLElement).click();

      frame.contentWindow!.location.reload();
      await new Promise((r) => frame.addEventListener('load', r, { once: true }));
      nudge = await until(
        () => frame.contentDocument!.querySelector('inflow-nudge') as InflowNudge | null,
        'nudge after reload',
      );
      await until(() => frame.contentWindow!.customElements.get('inflow-nudge'), 'defined after reload');
      await nudge.updateComplete;
      (frame.contentDocument!.getElementById('t') as HTMLTextAreaElement).focus();
      await settle();
      expect(nudge.open, 'still snoozed after reload').to.equal(false);
      expect(readMemory(user, 'underperformance')).to.include({ shows: 1 });
    } finally {
      frame.remove();
    }
  });
});
