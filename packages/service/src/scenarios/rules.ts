/** Rules on an authored scenario that a JSON schema cannot state. */
import type { ScenarioInput } from '@inflow/contract';

export interface Problem {
  path: string;
  message: string;
}

/** Criterion ids must be unique: scores, evidence and the judge's answer are keyed by them. */
export function rubricProblems(input: ScenarioInput): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  input.rubric.forEach((criterion, i) => {
    if (seen.has(criterion.id))
      problems.push({ path: `/rubric/${i}/id`, message: `duplicate criterion id "${criterion.id}"` });
    seen.add(criterion.id);
  });
  return problems;
}
