/**
 * The contract's rules for an authored scenario (LIMITS in @inflow/contract), checked in the
 * browser so each field can say what is wrong before anything is sent. Problems carry the JSON
 * pointer of the `PUT` body, the same paths the service's 422 details use, so both kinds of
 * message land beside the same field. The service stays the authority: it checks again.
 */
import { LIMITS, type ScenarioInput } from '@inflow/contract';

export type ProblemKind = 'required' | 'tooLong' | 'tooMany' | 'range' | 'pattern' | 'duplicate';

export interface Problem {
  path: string;
  kind: ProblemKind;
  /** The limit that was exceeded, or the range's bounds. */
  limit?: number;
  min?: number;
  /** For one-per-line fields: the 1-based line that is too long. */
  line?: number;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function validateScenario(input: ScenarioInput): Problem[] {
  const problems: Problem[] = [];
  const text = (path: string, value: string | undefined, limit: number, required = true) => {
    if (!value) {
      if (required) problems.push({ path, kind: 'required' });
    } else if (value.length > limit) problems.push({ path, kind: 'tooLong', limit });
  };
  const list = (path: string, items: string[], maxItems: number, maxChars: number, required = false) => {
    if (required && items.length === 0) problems.push({ path, kind: 'required' });
    if (items.length > maxItems) problems.push({ path, kind: 'tooMany', limit: maxItems });
    const long = items.findIndex((item) => item.length > maxChars);
    if (long >= 0) problems.push({ path, kind: 'tooLong', limit: maxChars, line: long + 1 });
  };

  text('/title', input.title, LIMITS.scenarioTitleChars);
  text('/summary', input.summary, LIMITS.scenarioSummaryChars);
  if (!LOCALE.test(input.locale)) problems.push({ path: '/locale', kind: 'pattern' });
  text('/persona/name', input.persona.name, LIMITS.personaNameChars);
  text('/persona/role', input.persona.role, LIMITS.personaRoleChars);
  text('/persona/description', input.persona.description, LIMITS.personaDescriptionChars);
  list('/objectives', input.objectives, LIMITS.scenarioObjectives, LIMITS.objectiveChars, true);
  if (input.rubric.length > LIMITS.rubricCriteria)
    problems.push({ path: '/rubric', kind: 'tooMany', limit: LIMITS.rubricCriteria });
  const seen = new Set<string>();
  input.rubric.forEach((c, i) => {
    const at = `/rubric/${i}`;
    if (!c.id) problems.push({ path: `${at}/id`, kind: 'required' });
    else if (!ID.test(c.id)) problems.push({ path: `${at}/id`, kind: 'pattern' });
    else if (seen.has(c.id)) problems.push({ path: `${at}/id`, kind: 'duplicate' });
    seen.add(c.id);
    text(`${at}/label`, c.label, LIMITS.criterionLabelChars);
    text(`${at}/description`, c.description, LIMITS.criterionDescriptionChars);
    const max = c.max ?? NaN;
    if (!Number.isInteger(max) || max < 1 || max > LIMITS.criterionMaxScore)
      problems.push({ path: `${at}/max`, kind: 'range', min: 1, limit: LIMITS.criterionMaxScore });
    list(`${at}/signals`, c.signals ?? [], LIMITS.criterionSignals, LIMITS.signalChars);
    text(`${at}/reaction`, c.reaction, LIMITS.scriptLineChars, false);
    text(`${at}/tip`, c.tip, LIMITS.scriptLineChars, false);
  });
  text('/script/opening', input.script?.opening, LIMITS.scriptLineChars, false);
  list('/script/pushback', input.script?.pushback ?? [], LIMITS.pushbackLines, LIMITS.scriptLineChars);
  text('/script/closing', input.script?.closing, LIMITS.scriptLineChars, false);
  const pass = input.passThreshold ?? NaN;
  if (!(pass >= 0 && pass <= 1)) problems.push({ path: '/passThreshold', kind: 'range', min: 0, limit: 100 });
  return problems;
}

/**
 * The field a service detail belongs to: items of one-per-line lists (`/objectives/2`,
 * `/rubric/0/signals/1`, `/script/pushback/0`) belong to their list's field.
 */
export function fieldPath(path: string): string {
  return path.replace(/^(\/objectives|\/rubric\/\d+\/signals|\/script\/pushback)\/\d+$/, '$1');
}
