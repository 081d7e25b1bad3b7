import { memoryKey, readMemory } from './nudge-memory.js';

interface NudgeState {
  scenario: string;
  open: boolean;
  /** Whose nudge memory it is, once known. */
  user: string | undefined;
}

/**
 * The page-wide events a connected nudge follows, until `signal` aborts: the user opened this
 * scenario's practice another way (a launcher, a deep link), so no nudge is needed for the rest of
 * the page view; or another tab snoozed or dismissed it (`storage` fires only in the other tabs).
 */
export function followPage(
  signal: AbortSignal,
  state: () => NudgeState,
  on: { practised(): void; silenced(): void },
): void {
  document.addEventListener(
    'inflow-open',
    (event) => {
      if (event.scenario === state().scenario) on.practised();
    },
    { signal },
  );
  window.addEventListener(
    'storage',
    (event) => {
      const { scenario, open, user } = state();
      if (!open || !user || event.key !== memoryKey(user, scenario)) return;
      const memory = readMemory(user, scenario);
      if (memory.dismissed || memory.snoozedUntil > Date.now()) on.silenced();
    },
    { signal },
  );
}
