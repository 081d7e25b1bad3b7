// The documented snippet's fallback `<button>` inside `<inflow-launcher>` (docs/hosts.md): it holds
// the launcher's box before the script runs, and the launcher takes it as its trigger on upgrade.
import { expect, fixture, html } from '@open-wc/testing';
import '../define/launcher.js';
import { InflowLauncher } from './launcher.js';
import { demoToken, newUser, testService, until } from '../../test/helpers.js';
import { panel, ready } from '../../test/launcher-helpers.js';

const LABEL = 'Practise this conversation';
let tags = 0;

/** A page with the launcher in its markup before its tag is defined, then the upgrade. */
async function upgradeInPlace(attrs: { apiBase?: string; token?: string }) {
  // A tag of its own per test: `<inflow-launcher>` is defined by the import above already.
  const tag = `inflow-launcher-fallback-${++tags}`;
  const page = await fixture<HTMLElement>(html`<main></main>`);
  // The host page's markup, as a server sends it (unknown tag, light-DOM button).
  page.innerHTML = `<p>Before the launcher. <${tag} scenario="underperformance"><button>${LABEL}</button></${tag}></p><p>After.</p>`;
  const el = page.querySelector(tag) as InflowLauncher;
  if (attrs.apiBase) el.setAttribute('api-base', attrs.apiBase);
  if (attrs.token) el.setAttribute('token', attrs.token);
  const button = el.querySelector('button')!;
  const after = page.querySelector('p:last-child')!;
  const before = { button: button.getBoundingClientRect(), after: after.getBoundingClientRect() };
  customElements.define(tag, class extends InflowLauncher {});
  await el.updateComplete;
  return { el, button, after, before };
}

describe('<inflow-launcher> with the fallback button of the documented snippet', () => {
  it('keeps the button and its box on upgrade: nothing moves, one button, its label', async () => {
    const { apiBase } = await testService();
    const token = await demoToken(apiBase, newUser());
    const { el, button, after, before } = await upgradeInPlace({ apiBase, token });

    expect(el.trigger).to.equal(button);
    expect(el.shadowRoot!.querySelectorAll('button').length).to.equal(0);
    expect(button.assignedSlot).to.not.equal(null);
    expect(button.getBoundingClientRect().toJSON()).to.deep.equal(before.button.toJSON());
    expect(after.getBoundingClientRect().toJSON()).to.deep.equal(before.after.toJSON());
    // The launcher paints it (its colours), so the upgrade is visible without moving anything.
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(11, 87, 208)');
    expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.getAttribute('type')).to.equal('button');
    expect(el.effectiveLabel).to.equal(LABEL);
  });

  it('its click opens the panel with the practice; a second click closes it', async function () {
    this.timeout(20000);
    const { apiBase } = await testService();
    const token = await demoToken(apiBase, newUser());
    const { el, button } = await upgradeInPlace({ apiBase, token });

    button.click();
    expect(el.open).to.equal(true);
    await ready(el);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(panel(el).querySelector('[part~="header"]')!.textContent).to.contain(LABEL);
    button.click();
    await until(() => !el.open, 'closed');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
  });

  it('misconfigured: the button turns disabled, as the launcher’s own would', async () => {
    const original = console.error;
    console.error = () => undefined;
    try {
      const { el, button } = await upgradeInPlace({});
      await until(() => button.disabled, 'disabled');
      expect(el.disabledReason).to.equal('missing_api_base');
      button.click();
      expect(el.open).to.equal(false);
    } finally {
      console.error = original;
    }
  });
});
