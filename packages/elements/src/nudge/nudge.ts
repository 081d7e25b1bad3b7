import type { Placement } from '@floating-ui/dom';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ElementsClient, TrackFields } from '../core/client-types.js';
import { clientFor, resolveOptions } from '../core/config.js';
import { closeTopmost, popLayer, pushLayer } from '../core/layers.js';
import { localeFor, useLocale } from '../core/localization.js';
import { blockedBy, memoryKey, readMemory, updateMemory } from './nudge-memory.js';
import { FloatingController } from './floating-controller.js';
import { openPractice } from './open-practice.js';
import { armTrigger, parseDueAt, TRIGGERS, type Trigger } from './triggers.js';
import { nudgeStyles } from './nudge.styles.js';
import { resolveUser } from './user.js';

const HOUR = 3_600_000;

const CLOSE = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4Z"/></svg>`;

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

  /** Id of the host element the nudge points at (in the same document or shadow root). */
  @property({ attribute: 'for' }) accessor htmlFor = '';
  /** Scenario id to practise, e.g. `underperformance`. */
  @property({ reflect: true }) accessor scenario = '';
  /** `focus` (default), `due` or `idle`. */
  @property() accessor trigger: Trigger = 'focus';
  /** ISO date or date-time the task is due. With it, `focus` and `idle` fire only near the due date. */
  @property({ attribute: 'due-at' }) accessor dueAt: string | undefined;
  /** Days before `due-at` that count as "near" (default 3). */
  @property({ attribute: 'lead-days', type: Number }) accessor leadDays = 3;
  /** Seconds without activity that count as idle (default 30). */
  @property({ attribute: 'idle-seconds', type: Number }) accessor idleSeconds = 30;
  /** Shows per user and scenario, ever (default 3). */
  @property({ attribute: 'max-shows', type: Number }) accessor maxShows = 3;
  /** Minimum hours between two shows (default 24: once a day). */
  @property({ attribute: 'min-interval-hours', type: Number }) accessor minIntervalHours = 24;
  /** Hours "Later" hides the nudge for (default 24). */
  @property({ attribute: 'snooze-hours', type: Number }) accessor snoozeHours = 24;
  /** Id of the `<inflow-launcher>` to open; default: the first launcher with the same scenario. */
  @property() accessor launcher: string | undefined;
  /** Pseudonymous user id that keys snooze/dismiss/cap; default: the embed token's `sub`. */
  @property() accessor user: string | undefined;
  /** Preferred side (Floating UI placement), default `right-start`. */
  @property() accessor placement: Placement = 'right-start';
  /** Service base URL without `/v1`; defaults to `configure({ apiBase })`. */
  @property({ attribute: 'api-base' }) accessor apiBase: string | undefined;
  /** A fixed embed token (previews); prefer `fetchToken`. */
  @property() accessor token: string | undefined;
  /** UI locale; defaults to `configure({ locale })`, then the page's `lang`. */
  @property() accessor locale: string | undefined;
  /** `light` (default) or `dark`. */
  @property({ reflect: true }) accessor theme: 'light' | 'dark' = 'light';
  /** Async function returning a fresh embed token; overrides `configure({ fetchToken })`. */
  @property({ attribute: false }) accessor fetchToken: (() => Promise<string>) | undefined;
  /** Whether the callout is showing (read-only state, reflected for styling and tests). */
  @property({ type: Boolean, reflect: true }) accessor open = false;

  @state() private accessor firedBy: Trigger | undefined;
  @query('.callout') private accessor callout: HTMLElement | null = null;
  @query('.arrow') private accessor arrowElement: HTMLElement | null = null;

  private armed: AbortController | undefined;
  private whileOpen: AbortController | undefined;
  private readonly floating = new FloatingController(this);
  private userKey: string | undefined;
  /** Listeners on `document` for this connection. */
  private connection: AbortController | undefined;
  /** The user opened this scenario's practice in this page view (any way): no nudge needed. */
  private practised = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void useLocale(localeFor(this, this.locale));
    // Moved in the DOM (disconnect + connect): re-arm, unless this page view's trigger already fired.
    if (this.hasUpdated && !this.firedBy) void this.arm();
    // A user who opens this practice by other means (the launcher, a deep link) needs no nudge:
    // step aside if showing, and stay quiet for the rest of the page view.
    this.connection = new AbortController();
    document.addEventListener(
      'inflow-open',
      (event) => {
        if (event.scenario !== this.scenario) return;
        this.practised = true;
        this.armed?.abort();
        if (this.open) this.close(undefined);
      },
      { signal: this.connection.signal },
    );
    // Snoozed or dismissed in another tab: close here too (the storage event fires only in the others).
    window.addEventListener(
      'storage',
      (event) => {
        if (!this.open || !this.userKey || event.key !== memoryKey(this.userKey, this.scenario)) return;
        const memory = readMemory(this.userKey, this.scenario);
        if (memory.dismissed || memory.snoozedUntil > Date.now()) this.close(undefined);
      },
      { signal: this.connection.signal },
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
    if (changed.has('locale')) void useLocale(localeFor(this, this.locale));
    const rearm = ['htmlFor', 'scenario', 'trigger', 'dueAt', 'leadDays', 'idleSeconds', 'user', 'token', 'fetchToken'] as const;
    if (rearm.some((key) => changed.has(key)) && !this.open && !this.firedBy && !this.practised) void this.arm();
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
    if (!(TRIGGERS as readonly string[]).includes(this.trigger)) {
      console.warn(`[inflow] <inflow-nudge trigger="${this.trigger}"> is not one of ${TRIGGERS.join(', ')}; it will not show.`);
      return;
    }
    const host = this.hostElement;
    if (!host) {
      // Single-page apps often render the field after the nudge: arm when it appears.
      const root = this.getRootNode() as Document | ShadowRoot;
      const observer = new MutationObserver(() => {
        if (!this.hostElement) return;
        observer.disconnect();
        if (!controller.signal.aborted) void this.arm();
      });
      observer.observe(root, { childList: true, subtree: true, attributeFilter: ['id'] });
      controller.signal.addEventListener('abort', () => observer.disconnect(), { once: true });
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
    const user = this.userKey ?? 'anonymous';
    const now = Date.now();
    const cap = { maxShows: Math.max(0, this.maxShows), minIntervalMs: Math.max(0, this.minIntervalHours) * HOUR };
    // Read fresh: another tab may have snoozed or shown it since this page loaded.
    if (blockedBy(readMemory(user, this.scenario), cap, now)) return;
    updateMemory(user, this.scenario, (m) => ({ ...m, shows: m.shows + 1, lastShownAt: now }));
    // Open state, layer and Escape listener together, so Escape works from the first moment.
    this.open = true;
    pushLayer(this);
    this.listenWhileOpen();
    this.track('nudge_shown', { trigger: this.firedBy ?? this.trigger });
    await this.updateComplete;
    const callout = this.callout;
    const host = this.hostElement;
    if (!callout || !host || !this.open) return;
    // The callout stays invisible until its first position is computed (anchor.ts reveals it).
    await this.floating.show(host, callout, this.placement, this.arrowElement ?? undefined);
    if (!this.open) this.floating.hide(); // closed while the chunk resolved
  }

  private listenWhileOpen(): void {
    const controller = (this.whileOpen = new AbortController());
    document.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Escape' && !event.defaultPrevented && closeTopmost(this)) {
          event.preventDefault();
          this.close('escape');
        }
      },
      { signal: controller.signal },
    );
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
    const user = this.userKey ?? 'anonymous';
    if (reason === 'snooze') {
      const until = Date.now() + Math.max(0, this.snoozeHours) * HOUR;
      updateMemory(user, this.scenario, (m) => ({ ...m, snoozedUntil: until }));
    } else if (reason === 'dismiss') {
      updateMemory(user, this.scenario, (m) => ({ ...m, dismissed: true }));
    }
    if (reason && reason !== 'practice') this.track('nudge_dismissed', { action: reason, trigger: this.firedBy ?? this.trigger });
    // Focus was on a nudge button that is now gone: give it back to the host, not to <body>.
    if (focusInside && reason !== 'practice') this.hostElement?.focus();
  }

  private async practise(): Promise<void> {
    this.close('practice');
    try {
      await openPractice({
        nudge: this,
        scenario: this.scenario,
        launcherId: this.launcher,
        apiBase: this.apiBase,
        token: this.token,
        fetchToken: this.fetchToken,
      });
    } catch (error) {
      console.warn('[inflow] the nudge could not open the practice', error);
    }
  }

  private track(name: 'nudge_shown' | 'nudge_dismissed', props: NonNullable<TrackFields['props']>): void {
    if (!resolveOptions(this).apiBase) return; // nothing to record to; the nudge still works
    // clientFor() is async: the client code loads on first use.
    clientFor(this)
      .then((client: ElementsClient) => client.track(name, { scenario: this.scenario, source: 'nudge', props }))
      .catch((error: unknown) => console.warn('[inflow] could not record an activation event', error));
  }

  protected override render() {
    return html`<div
      class="callout ${this.open ? 'open' : ''}"
      part="base"
      role="region"
      aria-label=${msg('Practice suggestion', { id: 'nudge.region' })}
      popover="manual"
    >
      <div class="message" part="message" aria-live="polite">
        ${this.open
          ? html`<slot>${msg('A conversation like this goes better rehearsed. Practise it with the AI coach first — it takes a few minutes.', { id: 'nudge.message' })}</slot>`
          : ''}
      </div>
      <div class="actions">
        <button class="practice" part="practice-button" type="button" @click=${this.practise}>
          ${msg('Practise now', { id: 'nudge.practice' })}
        </button>
        <button class="snooze" part="snooze-button" type="button" @click=${() => this.close('snooze')}>
          ${msg('Later', { id: 'nudge.snooze' })}
        </button>
      </div>
      <button
        class="close"
        part="close-button"
        type="button"
        aria-label=${msg("Don't remind me again", { id: 'nudge.dismiss' })}
        title=${msg("Don't remind me again", { id: 'nudge.dismiss' })}
        @click=${() => this.close('dismiss')}
      >
        ${CLOSE}
      </button>
      <div class="arrow" part="arrow"></div>
    </div>`;
  }
}
