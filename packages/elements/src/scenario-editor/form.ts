/**
 * The editor's form: one labelled control per field of the authored scenario, each with its hint
 * and its problems beside it (`aria-describedby`, `aria-invalid`), and the rubric's criteria with
 * buttons to add, remove and reorder them (no drag: every action is a button).
 */
import { LIMITS } from '@inflow/contract';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CriterionDraft, ScenarioDraft } from './draft.js';

export interface FormHost {
  readonly draft: ScenarioDraft;
  /** The messages to show beside the field at `path` (a JSON pointer of the PUT body). */
  messagesFor(path: string): string[];
  edit(path: string, patch: Partial<ScenarioDraft>): void;
  editCriterion(index: number, path: string, patch: Partial<CriterionDraft>): void;
  addCriterion(): void;
  removeCriterion(index: number): void;
  moveCriterion(index: number, by: -1 | 1): void;
}

/** `/rubric/0/label` → `f-rubric-0-label`: the control's id. */
export const fieldId = (path: string) => `f${path.replace(/\//g, '-')}`;

interface FieldOptions {
  path: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  kind?: 'text' | 'area' | 'number';
  rows?: number;
  hint?: string;
  min?: number;
  max?: number;
}

function field(host: FormHost, o: FieldOptions): TemplateResult {
  const id = fieldId(o.path);
  const messages = host.messagesFor(o.path);
  const describedBy =
    [o.hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const invalid = messages.length ? 'true' : 'false';
  const onInput = (e: Event) => o.onInput((e.target as HTMLInputElement).value);
  const control =
    o.kind === 'area'
      ? html`<textarea
          id=${id}
          part="input"
          rows=${o.rows ?? 3}
          .value=${o.value}
          aria-invalid=${invalid}
          aria-describedby=${ifDefined(describedBy)}
          @input=${onInput}
        ></textarea>`
      : html`<input
          id=${id}
          part="input"
          type=${o.kind ?? 'text'}
          min=${ifDefined(o.min)}
          max=${ifDefined(o.max)}
          .value=${o.value}
          aria-invalid=${invalid}
          aria-describedby=${ifDefined(describedBy)}
          @input=${onInput}
        />`;
  return html`<div class="field">
    <label for=${id}>${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : nothing} ${control}
    ${
      messages.length
        ? html`<p class="field-error" part="field-error" id="${id}-error">${messages.join(' ')}</p>`
        : nothing
    }
  </div>`;
}

const onePerLine = (limit: number) => msg(str`One per line, at most ${limit}.`, { id: 'editor.onePerLine' });

export function scenarioForm(host: FormHost): TemplateResult {
  const d = host.draft;
  const text = (path: string, label: string, key: keyof ScenarioDraft, extra: Partial<FieldOptions> = {}) =>
    field(host, {
      path,
      label,
      value: String(d[key]),
      onInput: (value) => host.edit(path, { [key]: value }),
      ...extra,
    });
  const settingId = fieldId('/setting');
  const localeId = fieldId('/locale');
  const locales = ['en', 'es', 'fr', 'de'];
  return html`<fieldset part="section">
      <legend>${msg('Scenario', { id: 'editor.scenario' })}</legend>
      ${text('/title', msg('Title', { id: 'editor.title' }), 'title')}
      ${text('/summary', msg('Summary', { id: 'editor.summary' }), 'summary', { kind: 'area', rows: 2 })}
      <div class="field">
        <label for=${settingId}>${msg('Where it is practised', { id: 'editor.setting' })}</label>
        <select
          id=${settingId}
          part="input"
          .value=${d.setting}
          @change=${(e: Event) =>
            host.edit('/setting', {
              setting: (e.target as HTMLSelectElement).value as ScenarioDraft['setting'],
            })}
        >
          <option value="performance-review">
            ${msg('Performance review', { id: 'editor.settingReview' })}
          </option>
          <option value="lms">${msg('Learning (LMS)', { id: 'editor.settingLms' })}</option>
        </select>
      </div>
      <div class="field">
        <label for=${localeId}>${msg('Language of the conversation', { id: 'editor.locale' })}</label>
        <select
          id=${localeId}
          part="input"
          .value=${d.locale}
          @change=${(e: Event) => host.edit('/locale', { locale: (e.target as HTMLSelectElement).value })}
        >
          ${[...new Set([...locales, d.locale])].map(
            (l) => html`<option value=${l} ?selected=${l === d.locale}>${languageName(l)}</option>`,
          )}
        </select>
      </div>
      ${text('/objectives', msg('Objectives', { id: 'editor.objectives' }), 'objectives', {
        kind: 'area',
        hint: onePerLine(LIMITS.scenarioObjectives),
      })}
      ${text(
        '/passThreshold',
        msg('Pass mark (% of the maximum score)', { id: 'editor.passMark' }),
        'passPercent',
        {
          kind: 'number',
          min: 0,
          max: 100,
        },
      )}
    </fieldset>
    <fieldset part="section">
      <legend>${msg('Persona', { id: 'editor.persona' })}</legend>
      ${text('/persona/name', msg('Name', { id: 'editor.personaName' }), 'personaName')}
      ${text('/persona/role', msg('Role', { id: 'editor.personaRole' }), 'personaRole')}
      ${text('/persona/description', msg('How they think and react', { id: 'editor.personaDescription' }), 'personaDescription', { kind: 'area', rows: 4 })}
    </fieldset>
    ${rubricSection(host)}
    <fieldset part="section">
      <legend>${msg('Script (without a model)', { id: 'editor.script' })}</legend>
      ${text('/script/opening', msg('Opening line', { id: 'editor.opening' }), 'opening', { kind: 'area', rows: 2 })}
      ${text('/script/pushback', msg('Pushback lines', { id: 'editor.pushback' }), 'pushback', {
        kind: 'area',
        hint: onePerLine(LIMITS.pushbackLines),
      })}
      ${text('/script/closing', msg('Closing line', { id: 'editor.closing' }), 'closing', { kind: 'area', rows: 2 })}
    </fieldset>`;
}

function languageName(locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

function rubricSection(host: FormHost): TemplateResult {
  const { rubric } = host.draft;
  const listProblems = host.messagesFor('/rubric');
  return html`<fieldset
    part="section rubric"
    aria-describedby=${ifDefined(listProblems.length ? 'rubric-error' : undefined)}
  >
    <legend>
      ${msg(str`Rubric (${rubric.length} of ${LIMITS.rubricCriteria} criteria)`, { id: 'editor.rubric' })}
    </legend>
    ${
      listProblems.length
        ? html`<p class="field-error" part="field-error" id="rubric-error">${listProblems.join(' ')}</p>`
        : nothing
    }
    <ol class="criteria">
      ${rubric.map((c, i) => criterion(host, c, i, rubric.length))}
    </ol>
    <button
      type="button"
      part="add-criterion"
      id="add-criterion"
      ?disabled=${rubric.length >= LIMITS.rubricCriteria}
      @click=${() => host.addCriterion()}
    >
      ${msg('Add criterion', { id: 'editor.addCriterion' })}
    </button>
  </fieldset>`;
}

function criterion(host: FormHost, c: CriterionDraft, i: number, count: number): TemplateResult {
  const at = `/rubric/${i}`;
  const name = c.label.trim() || msg(str`Criterion ${i + 1}`, { id: 'editor.criterionN' });
  const edit = (key: keyof CriterionDraft, label: string, extra: Partial<FieldOptions> = {}) =>
    field(host, {
      path: `${at}/${key}`,
      label,
      value: c[key],
      onInput: (value) => host.editCriterion(i, `${at}/${key}`, { [key]: value }),
      ...extra,
    });
  return html`<li part="criterion" class="criterion" aria-labelledby="criterion-${i}-title">
    <h3 id="criterion-${i}-title">${msg(str`${i + 1}. ${name}`, { id: 'editor.criterionTitle' })}</h3>
    <div class="criterion-actions" role="group" aria-label=${name}>
      <button
        type="button"
        id="criterion-${i}-up"
        part="move-up"
        ?disabled=${i === 0}
        @click=${() => host.moveCriterion(i, -1)}
      >
        ${msg('Move up', { id: 'editor.moveUp' })}
      </button>
      <button
        type="button"
        id="criterion-${i}-down"
        part="move-down"
        ?disabled=${i === count - 1}
        @click=${() => host.moveCriterion(i, 1)}
      >
        ${msg('Move down', { id: 'editor.moveDown' })}
      </button>
      <button
        type="button"
        id="criterion-${i}-remove"
        part="remove-criterion"
        ?disabled=${count === 1}
        @click=${() => host.removeCriterion(i)}
      >
        ${msg('Remove', { id: 'editor.remove' })}
      </button>
    </div>
    ${edit('label', msg('Label', { id: 'editor.label' }))}
    ${edit('description', msg('What good looks like', { id: 'editor.description' }), { kind: 'area', rows: 2 })}
    ${edit('id', msg('Id', { id: 'editor.id' }), { hint: msg('Letters, digits, - and _; stays the same across versions.', { id: 'editor.idHint' }) })}
    ${edit('max', msg('Highest score', { id: 'editor.max' }), { kind: 'number', min: 1, max: LIMITS.criterionMaxScore })}
    ${edit('signals', msg('Phrases that show it', { id: 'editor.signals' }), {
      kind: 'area',
      hint: msg(
        str`One per line, at most ${LIMITS.criterionSignals}. Empty: the words of the label and description.`,
        { id: 'editor.signalsHint' },
      ),
    })}
    ${edit('reaction', msg("The persona's reaction when it is shown", { id: 'editor.reaction' }), { kind: 'area', rows: 2 })}
    ${edit('tip', msg('Tip when it is missing', { id: 'editor.tip' }), { kind: 'area', rows: 2 })}
  </li>`;
}
