import { expect, fixtureCleanup } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../define/nudge.js';
import type { InflowLauncher } from '../launcher/launcher.js';
import { storedEvents, storedSessions, until } from '../../test/helpers.js';
import { readMemory } from './nudge-memory.js';
import { DAY, overlaps, part, settle, setup, sleep } from '../../test/nudge-helpers.js';

afterEach(() => {
  fixtureCleanup();
});

describe('<inflow-nudge> triggers', () => {
  it('focus: shows when the host is focused near the due date, once per page view, and records nudge_shown', async () => {
    // No interval cap here: only the once-per-page-view rule may keep the second focus quiet.
    const { nudge, host, apiBase, user } = await setup({ attrs: { 'min-interval-hours': '0' } });
    await settle();
    expect(nudge.open, 'not before focus').to.equal(false);
    host.focus();
    await until(() => nudge.open, 'the nudge to show');
    // Showing never steals focus from what the user is typing in.
    expect(document.activeElement).to.equal(host);
    const slot = part(nudge, 'message').querySelector('slot')!;
    expect(
      slot
        .assignedNodes()
        .map((node) => node.textContent)
        .join(''),
    ).to.contain("Jordan's review is due soon");
    // axe reads computed colours: let the 160 ms fade-in finish, or it measures a half-faded button.
    await Promise.all(nudge.shadowRoot!.getAnimations().map((animation) => animation.finished));
    await expect(nudge).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    expect(nudge.open).to.equal(false);
    host.blur();
    host.focus();
    await settle();
    expect(nudge.open, 'fires once').to.equal(false);
    expect(readMemory(user, 'underperformance').shows).to.equal(1);
    const shown = await until(async () => {
      const rows = (await storedEvents(apiBase, user)).filter(
        (e) => e.name === 'nudge_shown' && e.scenario === 'underperformance' && e.source === 'nudge',
      );
      return rows.length ? rows : null;
    }, 'nudge_shown stored');
    expect(shown.length, 'one nudge_shown').to.equal(1);
    expect(shown[0]!.props).to.deep.equal({ trigger: 'focus' });
  });

  it('focus: arms when the host element is rendered after the nudge (single-page apps)', async () => {
    const { nudge, host } = await setup({ attrs: { 'min-interval-hours': '0' } });
    const late = document.createElement('textarea');
    nudge.htmlFor = 'late-field';
    await nudge.updateComplete;
    host.after(late);
    await settle();
    late.id = 'late-field'; // an id given after insertion counts too
    await settle();
    late.focus();
    await until(() => nudge.open, 'the nudge on the late field');
  });

  it('focus: stays quiet while the due date is far away', async () => {
    const { nudge, host } = await setup({ dueAt: new Date(Date.now() + 30 * DAY).toISOString() });
    host.focus();
    await settle();
    expect(nudge.open).to.equal(false);
  });

  it('due: shows when the lead window opens while the page is open, once', async () => {
    const { nudge, user } = await setup({ trigger: 'due', dueInMs: 1500, attrs: { 'lead-days': '0' } });
    expect(nudge.open).to.equal(false);
    await until(() => nudge.open, 'the due-date nudge');
    part(nudge, 'snooze-button').click();
    await sleep(300);
    expect(nudge.open).to.equal(false);
    expect(readMemory(user, 'underperformance').shows).to.equal(1);
  });

  it('idle: shows after the user has been inactive, not while they are active, once', async () => {
    const { nudge } = await setup({
      trigger: 'idle',
      attrs: { 'idle-seconds': '1', 'min-interval-hours': '0' },
    });
    // Activity every 100 ms for 1.5 s keeps it away (a loaded machine may stretch a 100 ms wait,
    // not to a second).
    for (let i = 0; i < 15; i++) {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
      await sleep(100);
    }
    expect(nudge.open, 'not while active').to.equal(false);
    await until(() => nudge.open, 'the idle nudge');
    await sendKeys({ press: 'Escape' });
    expect(nudge.open).to.equal(false);
    await sleep(2500); // more than two idle periods
    expect(nudge.open, 'fires once').to.equal(false);
  });
});

describe('<inflow-nudge> → practice', () => {
  it('one click opens the page launcher with source="nudge", and the stored session says nudge', async () => {
    const { nudge, host, launcher, apiBase, user } = await setup();
    host.focus();
    await until(() => nudge.open, 'the nudge');
    part(nudge, 'practice-button').click();
    await until(() => launcher!.open, 'the launcher panel');
    expect(nudge.open).to.equal(false);
    const sessions = await until(async () => {
      const rows = await storedSessions(apiBase, user);
      return rows.length ? rows : null;
    }, 'a stored session');
    expect(sessions.map((s) => [s.scenario, s.source])).to.deep.equal([['underperformance', 'nudge']]);
    // The launcher's own next opening is attributed to it again.
    expect(launcher!.source).to.equal('embedded');
  });

  it('steps aside when the user opens the practice another way, and stays quiet for the page view', async () => {
    const { nudge, host, launcher } = await setup({ attrs: { 'min-interval-hours': '0' } });
    host.focus();
    await until(() => nudge.open, 'the nudge');
    launcher!.shadowRoot!.querySelector<HTMLButtonElement>('[part="base"]')!.click();
    await until(() => launcher!.open, 'the launcher panel');
    expect(nudge.open, 'closed when the practice opened').to.equal(false);
    fixtureCleanup();

    const other = await setup({ attrs: { 'min-interval-hours': '0' } });
    other.launcher!.shadowRoot!.querySelector<HTMLButtonElement>('[part="base"]')!.click();
    await until(() => other.launcher!.open, 'the launcher panel');
    other.host.focus();
    await settle();
    expect(other.nudge.open, 'no nudge after practising').to.equal(false);
  });

  it('keyboard: Tab from the text area reaches "Practise now", Enter opens the practice', async () => {
    const { nudge, host, launcher } = await setup();
    host.focus();
    await until(() => nudge.open, 'the nudge');
    await sendKeys({ press: 'Tab' });
    expect(nudge.shadowRoot!.activeElement).to.equal(part(nudge, 'practice-button'));
    await sendKeys({ press: 'Enter' });
    await until(() => launcher!.open, 'the launcher panel');
  });

  it('without a launcher on the page, it adds one after itself and opens it', async () => {
    const { nudge, host, apiBase, user } = await setup({ withLauncher: false });
    host.focus();
    await until(() => nudge.open, 'the nudge');
    part(nudge, 'practice-button').click();
    const launcher = await until(
      () => nudge.nextElementSibling as InflowLauncher | null,
      'an added launcher',
    );
    expect(launcher.localName).to.equal('inflow-launcher');
    await until(() => launcher.open, 'the added launcher open');
    const sessions = await until(async () => {
      const rows = await storedSessions(apiBase, user);
      return rows.length ? rows : null;
    }, 'a stored session');
    expect(sessions[0]!.source).to.equal('nudge');
  });
});

describe('<inflow-nudge> placement', () => {
  for (const [label, width, wide] of [
    ['beside a narrow text area', 1000, false],
    ['above or below a full-width text area', 1000, true],
    ['on a phone-sized viewport', 380, true],
  ] as const) {
    it(`never covers the focused host: ${label}`, async () => {
      await setViewport({ width, height: 700 });
      try {
        const { nudge, host } = await setup({ wide });
        host.focus();
        await until(() => nudge.open, 'the nudge');
        const callout = part(nudge, 'base');
        await until(() => callout.dataset.placement, 'a computed placement');
        await settle();
        expect(
          overlaps(callout.getBoundingClientRect(), host.getBoundingClientRect()),
          `placement ${callout.dataset.placement}`,
        ).to.equal(false);
        expect(document.activeElement).to.equal(host);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }
});
