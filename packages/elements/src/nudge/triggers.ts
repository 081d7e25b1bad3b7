/**
 * The moments a nudge may appear (docs/design.md §5, "at the moment of need"):
 *
 * - `focus`: the user focuses the host element (e.g. starts writing the review);
 * - `due`: the due date comes within the lead window while the page is open;
 * - `idle`: the user has been inactive on the page for a while (stuck on the form).
 *
 * With `due-at` set, `focus` and `idle` fire only within the lead window before the due date (or
 * after it: an overdue review needs the nudge most). Each armed trigger fires at most once; the
 * caller re-arms on the next page view. Listeners and timers all hang off one AbortSignal.
 */

export const TRIGGERS = ['focus', 'due', 'idle'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** Whether `value` is a trigger; warns (the nudge then never shows) when it is not. */
export function isTrigger(value: string): value is Trigger {
  if ((TRIGGERS as readonly string[]).includes(value)) return true;
  console.warn(
    `[inflow] <inflow-nudge trigger="${value}"> is not one of ${TRIGGERS.join(', ')}; it will not show.`,
  );
  return false;
}

export interface TriggerOptions {
  trigger: Trigger;
  /** The element the nudge is anchored to. */
  host: HTMLElement;
  /** Epoch ms of the due date, if any. */
  dueAt: number | undefined;
  /** How long before `dueAt` the moment counts as "near the due date". */
  leadMs: number;
  /** Inactivity that counts as idle. */
  idleMs: number;
  signal: AbortSignal;
  now?: () => number;
}

/** Longest delay setTimeout honours (2^31-1 ms, about 24.8 days); longer delays fire at once. */
const MAX_TIMEOUT = 2 ** 31 - 1;

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'scroll', 'touchstart'] as const;

/** Whether `now` is within the lead window of the due date (always true without a due date). */
export function nearDue(dueAt: number | undefined, leadMs: number, now: number): boolean {
  return dueAt === undefined || now >= dueAt - leadMs;
}

/** Parses an ISO date or date-time; a bare date means the start of that day in local time. */
export function parseDueAt(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value.trim());
  const ms = Date.parse(dateOnly ? `${value.trim()}T00:00:00` : value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** setTimeout that survives delays beyond MAX_TIMEOUT by re-arming, cancelled by `signal`. */
function later(ms: number, signal: AbortSignal, fn: () => void): void {
  if (signal.aborted) return;
  const step = Math.min(Math.max(0, ms), MAX_TIMEOUT);
  const id = setTimeout(() => (ms > MAX_TIMEOUT ? later(ms - MAX_TIMEOUT, signal, fn) : fn()), step);
  signal.addEventListener('abort', () => clearTimeout(id), { once: true });
}

/** Runs `fn` now if the page is visible, else at the next time it becomes visible. */
function whenVisible(signal: AbortSignal, fn: () => void): void {
  if (document.visibilityState === 'visible') return fn();
  const onChange = () => {
    if (document.visibilityState !== 'visible') return;
    document.removeEventListener('visibilitychange', onChange);
    fn();
  };
  document.addEventListener('visibilitychange', onChange, { signal });
}

/**
 * Arms one trigger; calls `fire` at most once. Abort `options.signal` to disarm (the element does
 * on disconnect and once it fired).
 */
export function armTrigger(options: TriggerOptions, fire: () => void): void {
  const { host, dueAt, leadMs, idleMs, signal } = options;
  const now = options.now ?? Date.now;
  let fired = false;
  const fireOnce = () => {
    if (fired || signal.aborted) return;
    fired = true;
    fire();
  };

  switch (options.trigger) {
    case 'focus': {
      const check = () => {
        if (nearDue(dueAt, leadMs, now())) fireOnce();
      };
      host.addEventListener('focusin', check, { signal });
      // Already focused when the nudge arrives (autofocus, or the nudge was added late).
      if (host.matches(':focus-within')) check();
      return;
    }
    case 'due': {
      if (dueAt === undefined) {
        console.warn('[inflow] <inflow-nudge trigger="due"> needs a valid due-at date; it will not show.');
        return;
      }
      later(dueAt - leadMs - now(), signal, () => whenVisible(signal, fireOnce));
      return;
    }
    case 'idle': {
      let lastActivity = now();
      const onActivity = () => {
        lastActivity = now();
      };
      for (const type of ACTIVITY_EVENTS)
        document.addEventListener(type, onActivity, { signal, passive: true, capture: true });
      // One timer, re-armed for the remaining time, rather than a reset on every pointermove.
      const tick = () => {
        const quiet = now() - lastActivity;
        if (
          quiet >= idleMs &&
          document.visibilityState === 'visible' &&
          host.isConnected &&
          nearDue(dueAt, leadMs, now())
        ) {
          fireOnce();
        } else {
          // Not idle long enough yet: wait out the rest. Idle but hidden or not near due: check again later.
          later(quiet >= idleMs ? idleMs : idleMs - quiet, signal, tick);
        }
      };
      later(idleMs, signal, tick);
      return;
    }
  }
}
