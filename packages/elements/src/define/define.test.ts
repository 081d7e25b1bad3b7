import { expect, fixture, html } from '@open-wc/testing';
import './launcher.js';
import './practice.js';
import { InflowLauncher } from '../launcher/launcher.js';
import { demoToken, testService, until } from '../../test/helpers.js';

describe('guarded registration', () => {
  it('a second, separately bundled copy of the SDK on the page does not throw and leaves the first in charge', async () => {
    const warnings: string[] = [];
    const errors: string[] = [];
    const original = console.warn;
    console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    try {
      // Its own Lit and its own InflowLauncher class, like a second vendor bundle.
      // @ts-expect-error: served by the test plugin, no types
      await import('/__inflow-copy/launcher.js');
    } finally {
      console.warn = original;
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
    expect(customElements.get('inflow-launcher')).to.equal(InflowLauncher);
    expect(
      warnings.filter((w) => w.includes('<inflow-launcher> is already defined by another copy')),
    ).to.have.length(1);

    // The first copy still works end to end on this page.
    const { apiBase } = await testService();
    const token = await demoToken(apiBase);
    const el = await fixture<InflowLauncher>(
      html`<inflow-launcher
        scenario="underperformance"
        api-base=${apiBase}
        token=${token}
      ></inflow-launcher>`,
    );
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="base"]')!.click();
    const practice = await until(() => el.shadowRoot!.querySelector('inflow-practice'), 'the practice');
    await until(() => practice.shadowRoot!.querySelector('[data-role="coach"]'), 'the opening line');
  });

  it('importing the same define file again is a no-op without a warning', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
    try {
      // A different URL makes the browser evaluate the module again (same classes).
      await import(/* @vite-ignore */ `./launcher.ts?again=${Date.now()}`);
    } finally {
      console.warn = original;
    }
    expect(warnings).to.deep.equal([]);
  });
});
