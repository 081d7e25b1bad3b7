import { expect, fixture, html } from '@open-wc/testing';
import '../define/launcher.js';
import { configure } from '../core/config.js';
import type { InflowLauncher } from './launcher.js';
import type { InflowErrorEvent } from '../events/error-event.js';
import { demoToken, expiredToken, newUser, testService, until } from '../../test/helpers.js';

import { ready, trigger } from '../../test/launcher-helpers.js';

describe('<inflow-launcher>', () => {
  describe('bad configuration: quiet disabled state, console message, inflow-error, no throw', () => {
    let errors: string[];
    let original: typeof console.error;
    beforeEach(() => {
      errors = [];
      original = console.error;
      console.error = (...args: unknown[]) => errors.push(args.join(' '));
    });
    afterEach(() => {
      console.error = original;
    });

    async function expectDisabled(el: InflowLauncher, code: string, seen: InflowErrorEvent[]) {
      await until(() => trigger(el).disabled, `disabled (${code})`);
      expect(el.disabledReason).to.equal(code);
      expect(seen.map((e) => [e.code, e.fatal])).to.deep.equal([[code, true]]);
      expect(errors.length).to.equal(1);
      expect(errors[0]).to.contain('[inflow]');
      trigger(el).click();
      expect(el.open).to.equal(false);
    }

    it('missing api-base', async () => {
      const seen: InflowErrorEvent[] = [];
      document.addEventListener('inflow-error', (e) => seen.push(e), { once: true });
      const el = await fixture<InflowLauncher>(
        html`<inflow-launcher scenario="underperformance" token="x.y.z"></inflow-launcher>`,
      );
      await expectDisabled(el, 'missing_api_base', seen);
      expect(errors[0]).to.contain('api-base');
    });

    it('configure() after the launcher rendered brings a launcher disabled for its api-base back', async () => {
      const { apiBase } = await testService();
      const token = await demoToken(apiBase, newUser());
      const seen: InflowErrorEvent[] = [];
      document.addEventListener('inflow-error', (e) => seen.push(e), { once: true });
      const el = await fixture<InflowLauncher>(
        html`<inflow-launcher scenario="underperformance" token=${token}></inflow-launcher>`,
      );
      await expectDisabled(el, 'missing_api_base', seen);
      configure({ apiBase });
      try {
        await until(() => !trigger(el).disabled, 'enabled after configure()');
        expect(el.disabledReason).to.equal(undefined);
        trigger(el).click();
        await ready(el);
      } finally {
        configure({});
      }
    });

    it('expired token', async () => {
      const { apiBase } = await testService();
      const token = await expiredToken(apiBase);
      const seen: InflowErrorEvent[] = [];
      document.addEventListener('inflow-error', (e) => seen.push(e), { once: true });
      const el = await fixture<InflowLauncher>(
        html`<inflow-launcher
          scenario="underperformance"
          api-base=${apiBase}
          token=${token}
        ></inflow-launcher>`,
      );
      await expectDisabled(el, 'token_expired', seen);
    });

    it('unknown scenario (checked against the tenant list before any click)', async () => {
      const { apiBase } = await testService();
      const token = await demoToken(apiBase);
      const seen: InflowErrorEvent[] = [];
      document.addEventListener('inflow-error', (e) => seen.push(e), { once: true });
      const el = await fixture<InflowLauncher>(
        html`<inflow-launcher
          scenario="no-such-scenario"
          api-base=${apiBase}
          token=${token}
        ></inflow-launcher>`,
      );
      el.prefetch();
      await expectDisabled(el, 'unknown_scenario', seen);
      expect(errors[0]).to.contain('no-such-scenario');
    });
  });
});
