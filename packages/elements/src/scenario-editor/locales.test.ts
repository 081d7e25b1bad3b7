/** The editor in the four locales: every string translated, and German rendered, problems included. */
import { expect, fixture, html } from '@open-wc/testing';
import '../define/scenario-editor.js';
import type { InflowScenarioEditor } from './scenario-editor.js';
import { templates as de } from './locales/de.js';
import { templates as es } from './locales/es.js';
import { templates as fr } from './locales/fr.js';
import { demoToken, newUser, testService, until } from '../../test/helpers.js';

const $ = (el: InflowScenarioEditor, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);

describe('<inflow-scenario-editor> locales', () => {
  it('every editor string has a German, Spanish and French translation, with the same placeholders', async () => {
    const sources = ['scenario-editor', 'form', 'history', 'messages', 'rubric', 'view'];
    const ids = new Set<string>();
    for (const name of sources) {
      const text = await (await fetch(new URL(`./${name}.ts`, import.meta.url))).text();
      // The test server serves the sources through esbuild, which prints strings in double quotes.
      for (const [, id] of text.matchAll(/id: ["'](editor\.[^"']+)["']/g)) ids.add(id!);
    }
    expect(ids.size).to.be.greaterThan(50);
    const placeholders = (t: unknown) =>
      typeof t === 'string' ? 0 : (t as { values: unknown[] }).values.length;
    for (const [name, locale] of Object.entries({ de, es, fr })) {
      expect(Object.keys(locale).sort(), name).to.deep.equal([...ids].sort());
      expect(Object.values(locale).map(placeholders), name).to.deep.equal(
        Object.values(de).map(placeholders),
      );
    }
  });

  it('renders in German with locale="de", problems beside the fields included', async function () {
    this.timeout(20000);
    const { apiBase } = await testService();
    const el = await fixture<InflowScenarioEditor>(
      html`<inflow-scenario-editor
        scenario-id="wtr-studio-de-${Date.now()}"
        api-base=${apiBase}
        token=${await demoToken(apiBase, newUser(), 'admin')}
        locale="de"
      ></inflow-scenario-editor>`,
    );
    const save = await until(() => $(el, '[part="save-button"]'), 'the form');
    await until(() => save.textContent!.trim() === 'Entwurf speichern', 'German strings');
    save.click();
    await until(() => $(el, '#f-title-error')?.textContent?.trim() === 'Pflichtfeld.', 'a German problem');
    expect($(el, 'legend')!.textContent!.trim()).to.equal('Szenario');
    expect($(el, '[part="title"]')!.textContent!.trim()).to.equal('Neues Szenario');
  });
});
