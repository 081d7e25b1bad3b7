/**
 * <inflow-scenario-editor> in Chromium against the real service (admin API of issue 16): authoring
 * with the contract's rules beside each field, criteria edited by keyboard, save, publish, the
 * version history, "Try it" on the draft, the service's own 422 details, bad configuration and axe
 * in both themes (locales: locales.test.ts).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AuthoredScenario, ScenarioList } from '@inflow/contract';
import '../define/scenario-editor.js';
import type { InflowErrorEvent } from '../events/error-event.js';
import type { InflowScenarioEditor } from './scenario-editor.js';
import { clientFor } from '../core/config.js';
import { demoToken, newUser, storedEvents, testService, until } from '../../test/helpers.js';

const token = (apiBase: string, scope: 'admin' | 'practice', user = newUser()) =>
  demoToken(apiBase, user, scope);

let ids = 0;
const freshId = () => `wtr-studio-${Date.now()}-${++ids}`;
const $ = <T extends HTMLElement = HTMLElement>(el: InflowScenarioEditor, sel: string) =>
  el.shadowRoot!.querySelector<T>(sel);
const control = (el: InflowScenarioEditor, path: string) =>
  $<HTMLInputElement>(el, `#f${path.replace(/\//g, '-')}`)!;
/** The text a screen reader reads as the control's description. */
const description = (el: InflowScenarioEditor, path: string) =>
  (control(el, path).getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => el.shadowRoot!.getElementById(id)!.textContent!.trim())
    .join(' ');
const focused = (el: InflowScenarioEditor) => el.shadowRoot!.activeElement as HTMLElement | null;

function fill(el: InflowScenarioEditor, path: string, value: string) {
  const input = control(el, path);
  input.value = value;
  input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
}

async function mount(
  scenarioId: string,
  adminToken: string,
  extra: { theme?: string; locale?: string } = {},
) {
  const { apiBase } = await testService();
  const el = await fixture<InflowScenarioEditor>(
    html`<inflow-scenario-editor
      scenario-id=${scenarioId}
      api-base=${apiBase}
      token=${adminToken}
      theme=${extra.theme ?? 'light'}
      locale=${extra.locale ?? 'en'}
    ></inflow-scenario-editor>`,
  );
  await until(() => $(el, 'form'), 'the form');
  return el;
}

async function fillValid(el: InflowScenarioEditor) {
  fill(el, '/title', 'Missed deadlines');
  fill(el, '/summary', 'Sam missed two sprint deadlines; talk about it.');
  fill(el, '/objectives', 'Name the impact\nAgree a next step');
  fill(el, '/persona/name', 'Sam');
  fill(el, '/persona/role', 'Backend engineer');
  fill(el, '/persona/description', 'Defensive at first, opens up when asked.');
  fill(el, '/rubric/0/label', 'Names the impact');
  fill(el, '/rubric/0/description', 'Says what the missed deadline did to the team.');
  fill(el, '/rubric/0/signals', 'impact\nthe team');
  await el.updateComplete;
}

const rubricLabels = (el: InflowScenarioEditor) =>
  Array.from(
    el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="criterion"] input[id$="-label"]'),
  ).map((i) => i.value);

describe('<inflow-scenario-editor> against the real service', () => {
  it('shows the rules beside each field, edits criteria by keyboard, saves, publishes and lists the versions', async function () {
    this.timeout(30000);
    const { apiBase } = await testService();
    const admin = await token(apiBase, 'admin');
    const id = freshId();
    const el = await mount(id, admin);
    expect($(el, '[part="title"]')!.textContent!.trim()).to.equal('New scenario');
    expect($(el, '[part="history"]')!.textContent).to.contain('Not saved yet.');

    // Saving the empty form sends nothing: every problem is beside its field, focus on the first.
    $<HTMLButtonElement>(el, '[part="save-button"]')!.click();
    await until(() => focused(el)?.id === 'f-title', 'focus on the first invalid field');
    expect(control(el, '/title').getAttribute('aria-invalid')).to.equal('true');
    expect(description(el, '/title')).to.equal('Required.');
    expect(description(el, '/objectives')).to.equal('One per line, at most 10. Required.');
    expect(description(el, '/rubric/0/label')).to.equal('Required.');

    await fillValid(el);
    expect(control(el, '/title').getAttribute('aria-invalid')).to.equal('false');
    fill(el, '/title', 'x'.repeat(121));
    fill(el, '/rubric/0/signals', `fine\n${'y'.repeat(81)}`);
    fill(el, '/passThreshold', '120');
    await el.updateComplete;
    expect(description(el, '/title')).to.equal('At most 120 characters.');
    expect(description(el, '/rubric/0/signals')).to.contain('Line 2 is longer than 80 characters.');
    expect(description(el, '/passThreshold')).to.equal('A whole number from 0 to 100.');
    fill(el, '/title', 'Missed deadlines');
    fill(el, '/rubric/0/signals', 'impact\nthe team');
    fill(el, '/passThreshold', '60');

    // Add a criterion with the keyboard: focus lands in its label.
    $<HTMLButtonElement>(el, '#add-criterion')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el)?.id === 'f-rubric-1-label', 'focus on the new label');
    await sendKeys({ type: 'Asks for their view' });
    fill(el, '/rubric/1/description', 'Asks an open question and listens.');
    fill(el, '/rubric/1/id', 'asks');
    await el.updateComplete;
    expect(rubricLabels(el)).to.deep.equal(['Names the impact', 'Asks for their view']);

    // Move it up with the keyboard: focus follows it; the live region says where it went.
    $<HTMLButtonElement>(el, '#criterion-1-up')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => rubricLabels(el)[0] === 'Asks for their view', 'the criterion moved');
    await until(() => focused(el)?.id === 'criterion-0-down', 'focus on the moved criterion');
    expect($(el, '[aria-live="polite"]')!.textContent).to.contain('Moved to position 1 of 2.');

    // A third criterion, removed again; the last one cannot be removed.
    $<HTMLButtonElement>(el, '#add-criterion')!.click();
    await el.updateComplete;
    expect(rubricLabels(el)).to.have.length(3);
    $<HTMLButtonElement>(el, '#criterion-2-remove')!.click();
    await el.updateComplete;
    expect(rubricLabels(el)).to.have.length(2);

    // Duplicate ids are caught before sending.
    fill(el, '/rubric/1/id', 'asks');
    $<HTMLButtonElement>(el, '[part="save-button"]')!.click();
    await until(
      () => description(el, '/rubric/1/id').includes('Another criterion has this id.'),
      'duplicate id',
    );
    fill(el, '/rubric/1/id', 'impact');

    const saved: AuthoredScenario[] = [];
    el.addEventListener('inflow-scenario-save', (e) => saved.push(e.scenario));
    $<HTMLButtonElement>(el, '[part="save-button"]')!.click();
    await until(() => saved.length === 1, 'saved');
    expect(saved[0]).to.include({ id, version: 1, status: 'draft', passThreshold: 0.6 });
    expect(saved[0]!.rubric.map((c) => c.id)).to.deep.equal(['asks', 'impact']);
    expect(saved[0]!.rubric[1]!.signals).to.deep.equal(['impact', 'the team']);
    await until(() => $(el, '[part="status"]')!.textContent!.includes('Version 1 · Draft'), 'status');

    // A practice token does not see the draft; after Publish it does.
    const practice = await token(apiBase, 'practice');
    const listed = async () => {
      const r = await fetch(`${apiBase}/v1/scenarios`, { headers: { authorization: `Bearer ${practice}` } });
      return ((await r.json()) as ScenarioList).scenarios.some((s) => s.id === id);
    };
    expect(await listed()).to.equal(false);
    $<HTMLButtonElement>(el, '[part="publish-button"]')!.click();
    await until(() => saved.length === 2, 'published');
    expect(saved[1]).to.include({ version: 2, status: 'published' });
    expect(await listed()).to.equal(true);
    const history = Array.from(el.shadowRoot!.querySelectorAll('[part="version"]')).map((v) => v.textContent);
    expect(history).to.have.length(2);
    expect(history[0]).to.contain('Version 2').and.contain('Published');
    expect(history[1]).to.contain('Version 1').and.contain('Draft');
  });

  it('"Try it" saves the edits as a draft and opens a practice on that version', async function () {
    this.timeout(30000);
    const { apiBase } = await testService();
    const hr = newUser();
    const admin = await token(apiBase, 'admin', hr);
    const el = await mount(freshId(), admin);
    await fillValid(el);
    fill(el, '/script/opening', 'Hi. You wanted to talk?');
    $<HTMLButtonElement>(el, '[part="save-button"]')!.click();
    await until(() => $(el, '[part="status"]')!.textContent!.includes('Version 1 · Draft'), 'version 1');
    // An edit after the save: "Try it" stores it first, so the practice plays what is in the form.
    fill(el, '/script/opening', 'Hi. You wanted to talk about the deadlines?');
    $<HTMLButtonElement>(el, '[part="try-button"]')!.click();
    const practice = await until(() => $(el, '[part="preview"] inflow-practice'), 'the practice');
    const opening = await until(
      () => practice.shadowRoot!.querySelector('[data-role="coach"] .text')?.textContent?.trim(),
      'the opening line',
      15000,
    );
    expect(opening).to.equal('Hi. You wanted to talk about the deadlines?');
    expect($(el, '[part="status"]')!.textContent).to.contain('Version 2 · Draft');
    // Focus is in the preview (the practice takes it to its composer once the session started).
    expect(focused(el)?.closest('[part="preview"]')).to.not.equal(null);
    // HR trying a draft is not activation: nothing recorded (the editor's shared client flushed).
    const shared = (await clientFor({ apiBase, token: admin })) as unknown as { flush(): Promise<void> };
    await shared.flush();
    expect((await storedEvents(apiBase, hr)).map((e) => e.name)).to.deep.equal([]);
  });

  it("shows the service's 422 details beside the fields they name", async function () {
    this.timeout(20000);
    const { apiBase } = await testService();
    const el = await mount(freshId(), await token(apiBase, 'admin'));
    await fillValid(el);
    const original = window.fetch;
    // Fault injection at the network edge: the service's answer to a rule the browser cannot check.
    window.fetch = async (input, init) =>
      init?.method === 'PUT'
        ? new Response(
            JSON.stringify({
              error: {
                code: 'validation_failed',
                message: 'invalid',
                details: [{ path: '/rubric/0/signals/1', message: 'must be unique' }],
              },
            }),
            { status: 422, headers: { 'content-type': 'application/json' } },
          )
        : original(input, init);
    try {
      $<HTMLButtonElement>(el, '[part="save-button"]')!.click();
      await until(() => description(el, '/rubric/0/signals').includes('must be unique'), 'the detail');
      expect(control(el, '/rubric/0/signals').getAttribute('aria-invalid')).to.equal('true');
      expect($(el, '[aria-live="polite"]')!.textContent).to.contain('Not saved: fix the marked fields.');
      // Editing the field clears the service's message; the typed text is kept.
      fill(el, '/rubric/0/signals', 'impact\nteam');
      await el.updateComplete;
      expect(description(el, '/rubric/0/signals')).to.not.contain('must be unique');
      expect(control(el, '/title').value).to.equal('Missed deadlines');
    } finally {
      window.fetch = original;
    }
  });

  it('a practice token or a missing scenario-id disables the editor quietly with inflow-error', async () => {
    const { apiBase } = await testService();
    const errors: InflowErrorEvent[] = [];
    const listen = (e: InflowErrorEvent) => errors.push(e);
    document.addEventListener('inflow-error', listen);
    try {
      const el = await fixture<InflowScenarioEditor>(
        html`<inflow-scenario-editor
          scenario-id=${freshId()}
          api-base=${apiBase}
          token=${await token(apiBase, 'practice')}
        ></inflow-scenario-editor>`,
      );
      await until(() => $(el, '[role="alert"]'), 'the notice');
      expect($(el, '[role="alert"]')!.textContent!.trim()).to.equal(
        'The scenario editor needs an admin token.',
      );
      expect(errors.map((e) => [e.code, e.fatal])).to.deep.equal([['forbidden', true]]);
      await fixture(html`<inflow-scenario-editor api-base=${apiBase} token="x"></inflow-scenario-editor>`);
      expect(errors.map((e) => e.code)).to.deep.equal(['forbidden', 'missing_scenario']);
    } finally {
      document.removeEventListener('inflow-error', listen);
    }
  });

  describe('accessibility (axe-core)', () => {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no violations when new, with problems shown and with the preview open, ${theme} theme`, async function () {
        this.timeout(30000);
        const { apiBase } = await testService();
        document.body.style.background = theme === 'dark' ? '#161b22' : '#fff';
        try {
          const el = await mount(freshId(), await token(apiBase, 'admin'), { theme });
          await expect(el).to.be.accessible();
          $<HTMLButtonElement>(el, '[part="save-button"]')!.click();
          await until(() => control(el, '/title').getAttribute('aria-invalid') === 'true', 'problems');
          await expect(el).to.be.accessible();
          await fillValid(el);
          $<HTMLButtonElement>(el, '[part="try-button"]')!.click();
          const practice = await until(() => $(el, '[part="preview"] inflow-practice'), 'the practice');
          await until(() => practice.shadowRoot!.querySelector('[data-role="coach"]'), 'the opening', 15000);
          await expect(el).to.be.accessible();
        } finally {
          document.body.style.background = '';
        }
      });
    }
  });
});
