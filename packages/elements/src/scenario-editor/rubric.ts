/**
 * Adding, removing and reordering rubric criteria: the new list, where focus goes next (so a
 * keyboard user stays on what they acted on) and what the live region says.
 */
import { msg, str } from '@lit/localize';
import { emptyCriterion, type CriterionDraft } from './draft.js';
import { fieldId } from './form.js';

export interface RubricChange {
  rubric: CriterionDraft[];
  /** Selector of the control to focus after the change renders. */
  focus: string;
  said: string;
}

export function added(rubric: CriterionDraft[]): RubricChange {
  return {
    rubric: [...rubric, emptyCriterion(rubric)],
    focus: `#${fieldId(`/rubric/${rubric.length}/label`)}`,
    said: msg(str`Criterion ${rubric.length + 1} added.`, { id: 'editor.added' }),
  };
}

export function removed(rubric: CriterionDraft[], index: number): RubricChange {
  const rest = rubric.filter((_, i) => i !== index);
  return {
    rubric: rest,
    focus: `#${fieldId(`/rubric/${Math.min(index, rest.length - 1)}/label`)}`,
    said: msg(str`Criterion ${index + 1} removed.`, { id: 'editor.removed' }),
  };
}

export function moved(rubric: CriterionDraft[], index: number, by: -1 | 1): RubricChange | undefined {
  const to = index + by;
  if (to < 0 || to >= rubric.length) return undefined;
  const next = [...rubric];
  [next[index], next[to]] = [next[to]!, next[index]!];
  // Focus stays on the moved criterion: on the same button, or at either end on the other one.
  const edge = to === 0 || to === next.length - 1;
  const button = edge ? (by < 0 ? 'down' : 'up') : by < 0 ? 'up' : 'down';
  return {
    rubric: next,
    focus: `#criterion-${to}-${button}`,
    said: msg(str`Moved to position ${to + 1} of ${next.length}.`, { id: 'editor.moved' }),
  };
}
