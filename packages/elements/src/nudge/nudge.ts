import type { Placement } from '@floating-ui/dom';
import { LitElement, type PropertyValues } from 'lit';
import type { TrackFields } from '../core/client-types.js';
import { clientFor, resolveOptions } from '../core/config.js';
import { closeOnEscape, popLayer, pushLayer } from '../core/layers.js';
import { LocaleController } from '../core/locale-controller.js';
import { trackSafely } from '../core/track.js';
import { FloatingController } from './floating-controller.js';
import { calloutView } from './nudge-view.js';
import { rememberClose, takeShow } from './nudge-memory.js';
import { nudgeStyles } from './nudge.styles.js';
import { openPractice } from './open-practice.js';
import { followPage } from './page-events.js';
import { armTrigger, isTrigger, parseDueAt, type Trigger } from './triggers.js';
import { resolveUser } from './user.js';
import { whenElementAppears } from './when-element-appears.js';

const HOUR = 3_600_000;

/** How a shown nudge went away. `practice`: the user took it. */
export type NudgeCloseReason = 'practice' | 'snooze' | 'dismiss' | 'escape';

/**
 * A small callout beside a host element (`for="review-text"`) that suggests a practice at the
 * moment of need: when the user focuses the host, when the due date comes near, or when the
 * user has been idle. One click opens the practice with `source="nudge"`. Snooze and dismiss
 * are remembered per user and scenario across page loads, and a frequency cap limits how often
 * it shows. The callout never moves focus and never covers the host.
 *
 * @summary Contextual nudge that opens a practice at the moment a task is due.
 *
 * @slot - The message text. Defaults to a short generic suggestion.
 *
 * @csspart base - The callout.
 * @csspart message - The message area.
 * @csspart practice-button - The "Practise now" button.
 * @csspart snooze-button - The "Later" button.
 * @csspart close-button - The "Don't remind me" close button.
 * @csspart arrow - The arrow pointing at the host.
 *
 * @cssprop --inflow-color-accent - Primary button background and focus ring.
 * @cssprop --inflow-color-on-accent - Primary button text.
 * @cssprop --inflow-color-surface - Callout background.
 * @cssprop --inflow-color-text - Callout text.
 * @cssprop --inflow-color-muted - Close button colour.
 * @cssprop --inflow-color-border - Callout border.
 * @cssprop --inflow-radius - Corner radius.
 * @cssprop --inflow-font - Font shorthand.
 * @cssprop --inflow-nudge-width - Maximum callout width (default 18rem).
 * @cssprop --inflow-nudge-shadow - Callout shadow.
 * @cssprop --inflow-z-index - z-index when the browser has no top layer (popover).
 */
export class InflowNudge extends LitElement {
  static override styles = nudgeStyles;

  static override properties = {
    htmlFor: { attribute: 'for' },
    scenario: { reflect: true },
    trigger: {},
    dueAt: { attribute: 'due-at' },
    leadDays: { attribute: 'lead-days', type: Number },
    idleSeconds: { attribute: 'idle-seconds', type: Number },
    maxShows: { attribute: 'max-shows', type: Number },
    minIntervalHours: { attribute: 'min-interval-hours', type: Number },
    snoozeHours: { attribute: 'snooze-hours', type: Number },
    launcher: {},
    user: {},
    placement: {},
    apiBase: { attribute: 'api-base' },
    token: {},
    locale: {},
    theme: { reflect: true },
    fetchToken: { attribute: false },
    open: { type: Boolean, reflect: true },
    firedBy: { state: true },
  };

  /** Id of the host element the nudge points at (in the same document or shadow root). */
  declare htmlFor: string;
  /** Scenario id to practise, e.g. `underperformance`. */
  declare scenario: string;
  /** `focus` (default), `due` or `idle`. */
  declare trigger: Trigger;
  /** ISO date or date-time the task is due. With it, `focus` and `idle` fire only near the due date. */
  declare dueAt: string | undefined;
  /** Days before `due-at` that count as "near" (default 3). */
  declare leadDays: number;
  /** Seconds without activity that count as idle (default 30). */
  declare idleSeconds: number;
  /** Shows per user and scenario, ever (default 3). */
  declare maxShows: number;
  /** Minimum hours between two shows (default 24: once a day). */
  declare minIntervalHours: number;
  /** Hours "Later" hides the nudge for (default 24). */
  declare snoozeHours: number;
  /** Id of the `<inflow-launcher>` to open; default: the first launcher with the same scenario. */
  declare launcher: string | undefined;
  /** Pseudonymous user id that keys snooze/dismiss/cap; default: the embed token's `sub`. */
  declare user: string | undefined;
  /** Preferred side (Floating UI placement), default `right-start`. */
  declare placement: Placement;
  /** Service base URL without `/v1`; defaults to `configure({ apiBase })`. */
  declare apiBase: string | undefined;
  /** A fixed embed token (previews); prefer `fetchToken`. */
  declare token: string | undefined;
  /** UI locale; defaults to `configure({ locale })`, then the page's `lang`. */
  declare locale: string | undefined;
  /** `light` (default) or `dark`. */
  declare theme: 'light' | 'dark';
  /** Async function returning a fresh embed token; overrides `configure({ fetchToken })`. */
  declare fetchToken: (() => Promise<string>) | undefined;
  /** Whether the callout is showing (read-only state, reflected for styling and tests). */
  declare open: boolean;
  declare private firedBy: Trigger | undefined;

  private armed: AbortController | undefined;
  private whileOpen: AbortController | undefined;
  private readonly floating = new FloatingController(this);
  private readonly localization = new LocaleController(this);
  private userKey: string | undefined;
  /** Listeners on `document` for this connection. */
  private connection: AbortController | undefined;
  /** The user opened this scenario's practice in this page view (any way): no nudge needed. */
  private practised = false;

  constructor() {
    super();
    this.htmlFor = '';
    this.scenario = '';
    this.trigger = 'focus';
    this.leadDays = 3;
    this.idleSeconds = 30;
    this.maxShows = 3;
    this.minIntervalHours = 24;
    this.snoozeHours = 24;
    this.placement = 'right-start';
    this.theme = 'light';
    this.open = false;
  }

  private get callout(): HTMLElement | null {
    return this.renderRoot.querySelector('.callout');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the DOM (disconnect + connect): re-arm, unless this page view's trigger already fired.
    if (this.hasUpdated && !this.firedBy) void this.arm();
    // A user who opens this practice by other means (the launcher, a deep link) needs no nudge:
    // step aside if showing, and stay quiet for the rest of the page view.
    this.connection = new AbortController();
    followPage(
      this.connection.signal,
      () => ({ scenario: this.scenario, open: this.open, user: this.userKey }),
      {
        practised: () => {
          this.practised = true;
          this.armed?.abort();
          if (this.open) this.close(undefined);
        },
        silenced: () => this.close(undefined),
      },
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.connection?.abort();
    this.connection = undefined;
    this.armed?.abort();
    this.armed = undefined;
    if (this.open) this.close(undefined);
  }

  protected override updated(changed: PropertyValues<this>): void {
    const rearm = [
      'htmlFor',
      'scenario',
      'trigger',
      'dueAt',
      'leadDays',
      'idleSeconds',
      'user',
      'token',
      'fetchToken',
    ] as const;
    if (rearm.some((key) => changed.has(key)) && !this.open && !this.firedBy && !this.practised)
      void this.arm();
  }

  /** The element the nudge points at, looked up in the nudge's own document or shadow root. */
  get hostElement(): HTMLElement | null {
    if (!this.htmlFor) return null;
    const root = this.getRootNode() as Document | ShadowRoot;
    return root.getElementById?.(this.htmlFor) ?? null;
  }

  private async arm(): Promise<void> {
    this.armed?.abort();
    const controller = (this.armed = new AbortController());
    if (!this.scenario || !this.htmlFor || !this.isConnected) return;
    if (!isTrigger(this.trigger)) return;
    const host = this.hostElement;
    if (!host) {
      // Single-page apps often render the field after the nudge: arm when it appears.
      const root = this.getRootNode() as Document | ShadowRoot;
      whenElementAppears(
        root,
        () => this.hostElement,
        controller.signal,
        () => void this.arm(),
      );
      return;
    }
    void this.floating.preload(); // retried when shown
    this.userKey = await resolveUser(this.user, this);
    if (controller.signal.aborted) return;
    armTrigger(
      {
        trigger: this.trigger,
        host,
        dueAt: parseDueAt(this.dueAt),
        leadMs: Math.max(0, this.leadDays) * 24 * HOUR,
        idleMs: Math.max(0, this.idleSeconds) * 1000,
        signal: controller.signal,
      },
      () => {
        // Each trigger fires once per page view: disarm before showing.
        controller.abort();
        this.firedBy = this.trigger;
        void this.showIfAllowed();
      },
    );
  }

  private async showIfAllowed(): Promise<void> {
    // Positioning code first (normally preloaded when armed), so a show is only counted when the
    // callout can really appear.
    if (!(await this.floating.preload())) return;
    if (this.practised || !this.isConnected) return;
    const cap = {
      maxShows: Math.max(0, this.maxShows),
      minIntervalMs: Math.max(0, this.minIntervalHours) * HOUR,
    };
    if (!takeShow(this.userKey ?? 'anonymous', this.scenario, cap, Date.now())) return;
    // Open state, layer and Escape listener together, so Escape works from the first moment.
    this.open = true;
    pushLayer(this);
    this.whileOpen = new AbortController();
    closeOnEscape(this, this.whileOpen.signal, () => this.close('escape'));
    this.track('nudge_shown', { trigger: this.firedBy ?? this.trigger });
    await this.updateComplete;
    const callout = this.callout;
    const host = this.hostElement;
    if (!callout || !host || !this.open) return;
    // The callout stays invisible until its first position is computed (anchor.ts reveals it).
    const arrow = this.renderRoot.querySelector<HTMLElement>('.arrow') ?? undefined;
    await this.floating.show(host, callout, this.placement, arrow);
    if (!this.open) this.floating.hide(); // closed while the chunk resolved
  }

  /** Hides the callout; `reason` decides what is remembered and recorded. */
  private close(reason: NudgeCloseReason | undefined): void {
    if (!this.open) return;
    const focusInside = this.matches(':focus-within');
    this.open = false;
    this.floating.hide();
    this.whileOpen?.abort();
    this.whileOpen = undefined;
    popLayer(this);
    rememberClose(this.userKey ?? 'anonymous', this.scenario, reason, Math.max(0, this.snoozeHours) * HOUR);
    if (reason && reason !== 'practice')
      this.track('nudge_dismissed', { action: reason, trigger: this.firedBy ?? this.trigger });
    // Focus was on a nudge button that is now gone: give it back to the host, not to <body>.
    if (focusInside && reason !== 'practice') this.hostElement?.focus();
  }

  private practise(): void {
    this.close('practice');
    const { scenario, launcher: launcherId, apiBase, token, fetchToken } = this;
    openPractice({ nudge: this, scenario, launcherId, apiBase, token, fetchToken }).catch((error: unknown) =>
      console.warn('[inflow] the nudge could not open the practice', error),
    );
  }

  private track(name: 'nudge_shown' | 'nudge_dismissed', props: NonNullable<TrackFields['props']>): void {
    if (!resolveOptions(this).apiBase) return; // nothing to record to; the nudge still works
    trackSafely(clientFor(this), name, { scenario: this.scenario, source: 'nudge', props });
  }

  protected override render() {
    return calloutView(this.open, {
      practise: () => this.practise(),
      snooze: () => this.close('snooze'),
      dismiss: () => this.close('dismiss'),
    });
  }
}
