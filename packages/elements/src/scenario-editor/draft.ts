/**
 * The editor's form model: what the fields show, as text. Lists a person types one item per line
 * (objectives, signal phrases, pushback lines) are kept as text; the pass threshold is a percent.
 * `toInput` turns it into the `PUT /v1/scenarios/{id}` body: trimmed, empty optional lines left out.
 */
import {
  DEFAULT_CRITERION_MAX,
  DEFAULT_PASS_THRESHOLD,
  type AuthoredScenario,
  type ScenarioInput,
} from '@inflow/contract';

export interface CriterionDraft {
  id: string;
  label: string;
  description: string;
  max: string;
  signals: string;
  reaction: string;
  tip: string;
}

export interface ScenarioDraft {
  title: string;
  summary: string;
  setting: ScenarioInput['setting'];
  locale: string;
  personaName: string;
  personaRole: string;
  personaDescription: string;
  objectives: string;
  rubric: CriterionDraft[];
  opening: string;
  pushback: string;
  closing: string;
  passPercent: string;
}

/** Lines of a one-per-line field, without blank ones. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A criterion id not yet used in the rubric: `criterion-1`, `criterion-2`, … */
export function freshCriterionId(rubric: CriterionDraft[]): string {
  const used = new Set(rubric.map((c) => c.id));
  let n = rubric.length + 1;
  while (used.has(`criterion-${n}`)) n++;
  return `criterion-${n}`;
}

export function emptyCriterion(rubric: CriterionDraft[]): CriterionDraft {
  const max = String(DEFAULT_CRITERION_MAX);
  return {
    id: freshCriterionId(rubric),
    label: '',
    description: '',
    max,
    signals: '',
    reaction: '',
    tip: '',
  };
}

export function emptyDraft(locale: string): ScenarioDraft {
  return {
    title: '',
    summary: '',
    setting: 'performance-review',
    locale,
    personaName: '',
    personaRole: '',
    personaDescription: '',
    objectives: '',
    rubric: [emptyCriterion([])],
    opening: '',
    pushback: '',
    closing: '',
    passPercent: String(Math.round(DEFAULT_PASS_THRESHOLD * 100)),
  };
}

export function draftFrom(s: AuthoredScenario): ScenarioDraft {
  return {
    title: s.title,
    summary: s.summary,
    setting: s.setting,
    locale: s.locale,
    personaName: s.persona.name,
    personaRole: s.persona.role,
    personaDescription: s.persona.description,
    objectives: s.objectives.join('\n'),
    rubric: s.rubric.map((c) => ({
      id: c.id,
      label: c.label,
      description: c.description,
      max: String(c.max ?? DEFAULT_CRITERION_MAX),
      signals: (c.signals ?? []).join('\n'),
      reaction: c.reaction ?? '',
      tip: c.tip ?? '',
    })),
    opening: s.script?.opening ?? '',
    pushback: (s.script?.pushback ?? []).join('\n'),
    closing: s.script?.closing ?? '',
    passPercent: String(Math.round(s.passThreshold * 100)),
  };
}

const optional = <K extends string>(key: K, text: string) =>
  (text.trim() ? { [key]: text.trim() } : {}) as Partial<Record<K, string>>;

export function toInput(d: ScenarioDraft, status: 'draft' | 'published'): ScenarioInput {
  const pushback = lines(d.pushback);
  const script = {
    ...optional('opening', d.opening),
    ...(pushback.length ? { pushback } : {}),
    ...optional('closing', d.closing),
  };
  return {
    title: d.title.trim(),
    summary: d.summary.trim(),
    setting: d.setting,
    persona: {
      name: d.personaName.trim(),
      role: d.personaRole.trim(),
      description: d.personaDescription.trim(),
    },
    objectives: lines(d.objectives),
    rubric: d.rubric.map((c) => {
      const signals = lines(c.signals);
      return {
        id: c.id.trim(),
        label: c.label.trim(),
        description: c.description.trim(),
        max: c.max.trim() ? Number(c.max) : NaN,
        ...(signals.length ? { signals } : {}),
        ...optional('reaction', c.reaction),
        ...optional('tip', c.tip),
      };
    }),
    locale: d.locale.trim(),
    ...(Object.keys(script).length ? { script } : {}),
    // An empty box is no threshold (NaN fails validation), not 0 %.
    passThreshold: d.passPercent.trim() ? Number(d.passPercent) / 100 : NaN,
    status,
  };
}
