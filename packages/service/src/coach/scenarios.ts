/**
 * The built-in scenarios: hard conversations from the performance-review and LMS world, one file
 * each in coach/builtin/. Each has a persona the coach plays, objectives shown in the brief, and a
 * rubric whose criteria carry the signals the scripted engine listens for (and scores, quoting the
 * user's turns).
 */
import type { Scenario } from '@inflow/contract';
import { underperformance } from './builtin/underperformance.js';
import { criticalFeedback } from './builtin/critical-feedback.js';
import { ratingDisagreement } from './builtin/rating-disagreement.js';
import { goalSetting } from './builtin/goal-setting.js';
import { firstOneToOne } from './builtin/first-one-to-one.js';
import type { ScriptedScenario } from './scripted-scenario.js';

export const SCRIPTED_SCENARIOS: ScriptedScenario[] = [
  underperformance,
  criticalFeedback,
  ratingDisagreement,
  goalSetting,
  firstOneToOne,
];

/** The public scenario (what `GET /v1/scenarios` returns): signals and tips stay server-side. */
export function publicScenario(s: ScriptedScenario): Scenario {
  return {
    ...s.scenario,
    rubric: s.criteria.map(({ id, label, description }) => ({ id, label, description })),
  };
}

export const SCENARIO_IDS = SCRIPTED_SCENARIOS.map((s) => s.scenario.id);

export function findScripted(id: string): ScriptedScenario | undefined {
  return SCRIPTED_SCENARIOS.find((s) => s.scenario.id === id);
}
