/**
 * What a nudge remembers per user and scenario, across page loads: how often it was shown and
 * when last, whether the user dismissed it for good, and until when it is snoozed.
 *
 * One small JSON value per (user, scenario) in localStorage, so the storage a nudge can take on
 * the host page is bounded by design (the unbounded-queue mistake of Segment #1200 does not
 * apply). When localStorage is unavailable (privacy mode, sandboxed iframe, quota) it falls back
 * to memory for the page view: the nudge then behaves as if on a fresh device, never throws.
 */

export interface NudgeMemory {
  /** Times shown, ever (the frequency cap's total). */
  shows: number;
  /** Epoch ms of the last show, 0 if never. */
  lastShownAt: number;
  /** Epoch ms until which the nudge is snoozed, 0 if not. */
  snoozedUntil: number;
  /** Dismissed for good ("don't remind me"). */
  dismissed: boolean;
}

export interface FrequencyCap {
  /** Shows allowed in total per user and scenario. */
  maxShows: number;
  /** Minimum time between two shows, in ms (e.g. a day). */
  minIntervalMs: number;
}

const PREFIX = 'inflow:nudge:v1:';
const EMPTY: NudgeMemory = { shows: 0, lastShownAt: 0, snoozedUntil: 0, dismissed: false };
const fallback = new Map<string, string>();

function storage(): Pick<Storage, 'getItem' | 'setItem'> {
  try {
    const ls = globalThis.localStorage;
    // Reading the property itself throws in some sandboxed frames; a probe write catches quota-0.
    ls.setItem(`${PREFIX}probe`, '1');
    ls.removeItem(`${PREFIX}probe`);
    return ls;
  } catch {
    return { getItem: (k) => fallback.get(k) ?? null, setItem: (k, v) => void fallback.set(k, v) };
  }
}

export function memoryKey(user: string, scenario: string): string {
  // encodeURIComponent keeps a ':' in a user id from colliding with another (user, scenario) pair.
  return `${PREFIX}${encodeURIComponent(user)}:${encodeURIComponent(scenario)}`;
}

export function readMemory(user: string, scenario: string): NudgeMemory {
  try {
    const raw = storage().getItem(memoryKey(user, scenario));
    if (!raw) return { ...EMPTY };
    const value = JSON.parse(raw) as Partial<NudgeMemory>;
    // Tolerate hand-edited or older values: anything not a number/boolean reads as empty.
    return {
      shows: Number.isFinite(value.shows) ? Number(value.shows) : 0,
      lastShownAt: Number.isFinite(value.lastShownAt) ? Number(value.lastShownAt) : 0,
      snoozedUntil: Number.isFinite(value.snoozedUntil) ? Number(value.snoozedUntil) : 0,
      dismissed: value.dismissed === true,
    };
  } catch {
    return { ...EMPTY };
  }
}

export function writeMemory(user: string, scenario: string, memory: NudgeMemory): void {
  try {
    storage().setItem(memoryKey(user, scenario), JSON.stringify(memory));
  } catch {
    fallback.set(memoryKey(user, scenario), JSON.stringify(memory));
  }
}

/** Why a nudge may not show now, or undefined when it may. */
export function blockedBy(
  memory: NudgeMemory,
  cap: FrequencyCap,
  now: number,
): 'dismissed' | 'snoozed' | 'cap' | 'interval' | undefined {
  if (memory.dismissed) return 'dismissed';
  if (memory.snoozedUntil > now) return 'snoozed';
  if (memory.shows >= cap.maxShows) return 'cap';
  if (memory.lastShownAt && now - memory.lastShownAt < cap.minIntervalMs) return 'interval';
  return undefined;
}

export function updateMemory(
  user: string,
  scenario: string,
  change: (memory: NudgeMemory) => NudgeMemory,
): NudgeMemory {
  const next = change(readMemory(user, scenario));
  writeMemory(user, scenario, next);
  return next;
}

/**
 * Counts a show if the dismissal, snooze and frequency cap allow one now; reads fresh, since
 * another tab may have snoozed or shown it since this page loaded. Returns whether it may show.
 */
export function takeShow(user: string, scenario: string, cap: FrequencyCap, now: number): boolean {
  if (blockedBy(readMemory(user, scenario), cap, now)) return false;
  updateMemory(user, scenario, (m) => ({ ...m, shows: m.shows + 1, lastShownAt: now }));
  return true;
}

/** Remembers how a shown nudge went away: "Later" snoozes it for `snoozeMs`, "Don't remind me" for good. */
export function rememberClose(
  user: string,
  scenario: string,
  reason: string | undefined,
  snoozeMs: number,
): void {
  if (reason === 'snooze') {
    const until = Date.now() + snoozeMs;
    updateMemory(user, scenario, (m) => ({ ...m, snoozedUntil: until }));
  } else if (reason === 'dismiss') {
    updateMemory(user, scenario, (m) => ({ ...m, dismissed: true }));
  }
}
