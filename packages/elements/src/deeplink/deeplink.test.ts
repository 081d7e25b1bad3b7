import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../define/launcher.js';
import { configure } from '../core/config.js';
import type { InflowLauncher } from '../launcher/launcher.js';
import { demoToken, newUser, storedSessions, testService, until } from '../../test/helpers.js';
import { parseDeepLink, resetDeepLinkClaim, withoutDeepLink } from './deeplink.js';

describe('deep link parsing', () => {
  it('reads the scenario and maps the carrier to a source', () => {
    expect(parseDeepLink('https://hr.example/r/1?inflow=goal-setting&inflow_src=slack')).to.deep.equal({
      scenario: 'goal-setting',
      source: 'deeplink',
      carrier: 'slack',
    });
    expect(parseDeepLink('https://hr.example/?inflow=goal-setting&inflow_src=email')?.source).to.equal(
      'campaign',
    );
    expect(parseDeepLink('https://hr.example/?inflow=goal-setting')).to.deep.equal({
      scenario: 'goal-setting',
      source: 'deeplink',
      carrier: undefined,
    });
  });
  it('ignores pages without the parameter and scenario ids the API would refuse', () => {
    expect(parseDeepLink('https://hr.example/?tab=1')).to.equal(undefined);
    expect(parseDeepLink('https://hr.example/?inflow=')).to.equal(undefined);
    expect(parseDeepLink('https://hr.example/?inflow=%3Cscript%3E')).to.equal(undefined);
    expect(parseDeepLink('https://hr.example/?inflow=Goal_Setting')).to.equal(undefined);
  });
  it('removes only its own parameters', () => {
    expect(withoutDeepLink('https://hr.example/r/1?tab=2&inflow=x&inflow_src=teams#notes')).to.equal(
      'https://hr.example/r/1?tab=2#notes',
    );
  });
});

describe('deep links open the practice', () => {
  let original: string;
  beforeEach(() => {
    original = location.href;
    resetDeepLinkClaim();
  });
  afterEach(() => {
    fixtureCleanup();
    history.replaceState(history.state, '', original);
  });

  /** Puts deep-link parameters on this page's URL, keeping the test runner's own. */
  function arriveWith(params: Record<string, string>): void {
    const url = new URL(location.href);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    url.hash = 'review';
    history.replaceState(history.state, '', url);
  }

  async function launchers(user: string, ...scenarios: string[]): Promise<InflowLauncher[]> {
    const { apiBase } = await testService();
    const token = await demoToken(apiBase, user);
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        ${scenarios.map((s) => html`<inflow-launcher scenario=${s} api-base=${apiBase} token=${token}></inflow-launcher>`)}
      </div>`,
    );
    return Array.from(wrapper.querySelectorAll('inflow-launcher'));
  }

  it('?inflow=<scenario>&inflow_src=slack opens that launcher at once, cleans the URL, and the session says deeplink', async () => {
    const { apiBase } = await testService();
    const user = newUser();
    arriveWith({ inflow: 'goal-setting', inflow_src: 'slack' });
    const before = new URL(location.href);
    const [other, target] = await launchers(user, 'underperformance', 'goal-setting');
    await until(() => target!.open, 'the goal-setting practice to open');
    expect(other!.open, 'other scenarios stay closed').to.equal(false);

    const after = new URL(location.href);
    expect(after.searchParams.has('inflow')).to.equal(false);
    expect(after.searchParams.has('inflow_src')).to.equal(false);
    // Everything else stays: the page's own parameters and the hash (no reload happened).
    before.searchParams.delete('inflow');
    before.searchParams.delete('inflow_src');
    expect(after.href).to.equal(before.href);

    const sessions = await until(async () => {
      const rows = await storedSessions(apiBase, user);
      return rows.length ? rows : null;
    }, 'the stored session');
    expect(sessions.map((s) => [s.scenario, s.source])).to.deep.equal([['goal-setting', 'deeplink']]);
  });

  it('a launcher that was waiting for configure() still opens the deep link once configured', async () => {
    const { apiBase } = await testService();
    const user = newUser();
    const token = await demoToken(apiBase, user);
    arriveWith({ inflow: 'goal-setting', inflow_src: 'teams' });
    const quiet = console.error;
    console.error = () => undefined; // the launcher reports its missing api-base until configure()
    try {
      const launcher = await fixture<InflowLauncher>(
        html`<inflow-launcher scenario="goal-setting" token=${token}></inflow-launcher>`,
      );
      await until(() => launcher.disabledReason === 'missing_api_base', 'disabled before configure()');
      expect(
        new URL(location.href).searchParams.get('inflow'),
        'a disabled launcher leaves the link',
      ).to.equal('goal-setting');
      configure({ apiBase });
      await until(() => launcher.open, 'the practice to open after configure()');
      expect(new URL(location.href).searchParams.has('inflow')).to.equal(false);
    } finally {
      console.error = quiet;
      configure({});
    }
  });

  it('an HR e-mail link (inflow_src=email) is recorded as campaign', async () => {
    const { apiBase } = await testService();
    const user = newUser();
    arriveWith({ inflow: 'critical-feedback', inflow_src: 'email' });
    const [launcher] = await launchers(user, 'critical-feedback');
    await until(() => launcher!.open, 'the practice to open');
    const sessions = await until(async () => {
      const rows = await storedSessions(apiBase, user);
      return rows.length ? rows : null;
    }, 'the stored session');
    expect(sessions.map((s) => s.source)).to.deep.equal(['campaign']);
  });

  it('only the first launcher for the scenario opens, once', async () => {
    arriveWith({ inflow: 'underperformance' });
    const [first, second] = await launchers(newUser(), 'underperformance', 'underperformance');
    await until(() => first!.open, 'the first launcher');
    expect(second!.open).to.equal(false);
  });

  it('a link to a scenario no launcher on the page has stays in the URL and opens nothing', async () => {
    arriveWith({ inflow: 'first-one-to-one' });
    const [launcher] = await launchers(newUser(), 'underperformance');
    await launcher!.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
    expect(launcher!.open).to.equal(false);
    expect(new URL(location.href).searchParams.get('inflow')).to.equal('first-one-to-one');
  });
});
