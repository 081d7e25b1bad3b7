import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../define/nudge.js';
import type { InflowLauncher } from '../launcher/launcher.js';
import { demoToken, storedEvents, storedSessions, testService, until } from '../../test/helpers.js';
import type { InflowNudge } from './nudge.js';
import { memoryKey, readMemory } from './nudge-memory.js';

const DAY = 86_400_000;
let n = 0;

interface Setup {
  nudge: InflowNudge;
  host: HTMLTextAreaElement;
  launcher: InflowLauncher | null;
  user: string;
  apiBase: string;
  token: string;
}

interface Options {
  trigger?: 'focus' | 'due' | 'idle';
  dueAt?: string;
  /** Due this many ms after the nudge is created (computed then, so slow set-up cannot eat it). */
  dueInMs?: number;
  user?: string;
  attrs?: Record<string, string>;
  withLauncher?: boolean;
  wide?: boolean;
}

/** A review form with a text area, a nudge pointing at it and (optionally) a launcher. */
async function setup(options: Options = {}): Promise<Setup> {
  const { apiBase } = await testService();
  const user = options.user ?? `nudge-${Date.now()}-${++n}`;
  const token = await demoToken(apiBase, user);
  const id = `review-${++n}`;
  const wrapper = await fixture<HTMLDivElement>(html`<div style="padding: 40px">
    ${options.withLauncher === false
      ? ''
      : html`<inflow-launcher scenario="underperformance" api-base=${apiBase} token=${token}></inflow-launcher>`}
    <textarea id=${id} rows="6" style=${options.wide ? 'display:block; width: 100%; box-sizing: border-box' : 'width: 320px'}></textarea>
  </div>`);
  // Attributes go on before the nudge connects, as they would in a page's markup.
  const nudge = document.createElement('inflow-nudge');
  const attrs: Record<string, string> = {
    for: id,
    scenario: 'underperformance',
    'api-base': apiBase,
    token,
    trigger: options.trigger ?? 'focus',
    'due-at': options.dueAt ?? new Date(Date.now() + (options.dueInMs ?? DAY)).toISOString(),
    ...options.attrs,
  };
  for (const [name, value] of Object.entries(attrs)) nudge.setAttribute(name, value);
  nudge.textContent = "Jordan's review is due soon. Rehearse the talk first?";
  wrapper.append(nudge);
  await nudge.updateComplete;
  return { nudge, host: wrapper.querySelector('textarea')!, launcher: wrapper.querySelector('inflow-launcher'), user, apiBase, token };
}

const part = (nudge: InflowNudge, name: string) => nudge.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits long enough for a wrongly armed trigger to have fired (several animation frames + tasks). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 10)));
}

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

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
    expect(slot.assignedNodes().map((node) => node.textContent).join('')).to.contain("Jordan's review is due soon");
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
      const rows = (await storedEvents(apiBase, user)).filter((e) => e.name === 'nudge_shown' && e.scenario === 'underperformance' && e.source === 'nudge');
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
    const { nudge } = await setup({ trigger: 'idle', attrs: { 'idle-seconds': '1', 'min-interval-hours': '0' } });
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
    localStorage.setItem(key, JSON.stringify({ ...readMemory(user, 'underperformance'), snoozedUntil: Date.now() - 1 }));
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
    const value = JSON.stringify(JSON.stringify({ shows: 1, lastShownAt: Date.now(), snoozedUntil: 0, dismissed: true }));
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
      nudge = await until(() => frame.contentDocument!.querySelector('inflow-nudge') as InflowNudge | null, 'nudge after reload');
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
    const launcher = await until(() => nudge.nextElementSibling as InflowLauncher | null, 'an added launcher');
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
        expect(overlaps(callout.getBoundingClientRect(), host.getBoundingClientRect()), `placement ${callout.dataset.placement}`).to.equal(false);
        expect(document.activeElement).to.equal(host);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }
});
