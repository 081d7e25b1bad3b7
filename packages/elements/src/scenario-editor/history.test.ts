/**
 * <inflow-scenario-editor>'s version history and Archive, in Chromium against the real service:
 * an older version loads back into the form and saving it makes it the newest; Archive archives
 * the scenario, and no new session can start on it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { AuthoredScenario, ScenarioInput } from '@inflow/contract';
import '../define/scenario-editor.js';
import type { InflowScenarioEditor } from './scenario-editor.js';
import { demoToken, newUser, testService, until } from '../../test/helpers.js';

const $ = <T extends HTMLElement = HTMLElement>(el: InflowScenarioEditor, sel: string) =>
  el.shadowRoot!.querySelector<T>(sel);
const input = (title: string): ScenarioInput => ({
  title,
  summary: 'Summary.',
  setting: 'lms',
  persona: { name: 'Kim', role: 'Designer', description: 'Calm.' },
  objectives: ['Listen'],
  rubric: [{ id: 'listens', label: 'Listens', description: 'Asks and listens.' }],
  locale: 'en',
});

describe('<inflow-scenario-editor> history and archive', () => {
  it('loads an older version into the form, saves it as the newest; Archive stops new sessions', async function () {
    this.timeout(30000);
    const { apiBase } = await testService();
    const admin = await demoToken(apiBase, newUser(), 'admin');
    const id = `wtr-history-${Date.now()}`;
    const put = (body: ScenarioInput) =>
      fetch(`${apiBase}/v1/scenarios/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put(input('First title'))).status).to.equal(201);
    expect((await put({ ...input('Second title'), status: 'published' })).status).to.equal(200);

    const el = await fixture<InflowScenarioEditor>(
      html`<inflow-scenario-editor
        scenario-id=${id}
        api-base=${apiBase}
        token=${admin}
      ></inflow-scenario-editor>`,
    );
    const title = () => $<HTMLInputElement>(el, '#f-title')!;
    await until(() => title()?.value === 'Second title', 'the latest version in the form');
    expect($(el, '[part="status"]')!.textContent).to.contain('Version 2 · Published');

    const saved: AuthoredScenario[] = [];
    el.addEventListener('inflow-scenario-save', (e) => saved.push(e.scenario));
    const versionButtons = () =>
      Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="version"] button'));
    expect(versionButtons().map((b) => b.textContent!.trim())).to.deep.equal([
      'Edit version 2',
      'Edit version 1',
    ]);
    versionButtons()[1]!.click();
    await el.updateComplete;
    expect(title().value).to.equal('First title');
    expect($(el, '[part="status"]')!.textContent).to.contain('Unsaved changes');
    $<HTMLButtonElement>(el, '[part="save-button"]')!.click();
    await until(() => saved.length === 1, 'saved');
    expect(saved[0]).to.include({ version: 3, status: 'draft', title: 'First title' });

    $<HTMLButtonElement>(el, '[part="archive-button"]')!.click();
    await until(() => saved.length === 2, 'archived');
    expect(saved[1]).to.include({ version: 3, status: 'archived' });
    await until(() => $(el, '[part="status"]')!.textContent!.includes('Version 3 · Archived'), 'status');
    expect($(el, '[part="archive-button"]')).to.equal(null);
    const session = await fetch(`${apiBase}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: id, source: 'embedded' }),
    });
    expect(session.status).to.be.oneOf([404, 422]);
  });
});
