import type { Placement } from '@floating-ui/dom';
import type { Session, Source } from '@inflow/contract';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { errorCode, type ElementsClient } from '../core/client-types.js';
import { clientFor } from '../core/config.js';
import { contextFromAttributes } from '../core/context.js';
import { closeTopmost, popLayer, pushLayer } from '../core/layers.js';
import { localeFor, useLocale } from '../core/localization.js';
import { scenarioList } from '../core/scenarios.js';
import { configProblem, describeApiError } from '../core/validate.js';
import { claimDeepLink } from '../deeplink/deeplink.js';
import { InflowCloseEvent } from '../events/close-event.js';
import { InflowErrorEvent } from '../events/error-event.js';
import { InflowOpenEvent } from '../events/open-event.js';
import { launcherStyles } from './launcher.styles.js';
import { observeImpression } from './impression.js';

type PanelModule = typeof import('./panel.js');
let panelChunk: Promise<PanelModule> | undefined;
/** Loads the practice chunk once per page; hover, focus, idle and click all share the promise. */
const loadPanel = () => (panelChunk ??= import('./panel.js'));

const NARROW = '(max-width: 640px)';
const ICON = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z"/></svg>`;
const CLOSE = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4Z"/></svg>`;

/**
 * The one-click entry to a practice: a button (or link, or icon) that opens the practice in a
 * floating panel anchored to itself, or a full-screen sheet on narrow screens. Escape, a click
 * outside and the close button close it; focus moves into the panel and back to the launcher.
 * Bad configuration renders a quiet disabled button, a console message and `inflow-error`.
 *
 * @summary One-click entry that opens a practice in a floating panel.
 *
 * @csspart base - The launcher button.
 * @csspart icon - The icon of the `icon` variant.
 * @csspart panel - The floating panel (a full-screen sheet on narrow screens).
 * @csspart header - The panel header.
 * @csspart close-button - The panel's close button.
 * @csspart body - The panel body that holds the practice.
 *
 * @cssprop --inflow-color-accent - Button background, link colour and focus ring.
 * @cssprop --inflow-color-on-accent - Button text.
 * @cssprop --inflow-color-surface - Panel background.
 * @cssprop --inflow-color-text - Panel text.
 * @cssprop --inflow-color-border - Panel border.
 * @cssprop --inflow-radius - Corner radius.
 * @cssprop --inflow-font - Font shorthand.
 * @cssprop --inflow-focus-ring - Box shadow of the focus ring.
 * @cssprop --inflow-panel-width - Panel width (default 26rem).
 * @cssprop --inflow-panel-max-height - Panel maximum height (default 40rem).
 * @cssprop --inflow-panel-shadow - Panel shadow.
 * @cssprop --inflow-z-index - Panel z-index when the browser has no top layer (popover).
 *
 * @event inflow-open - The user opened the panel; `scenario`.
 * @event inflow-close - The panel closed; `scenario`, `reason` (`escape`, `outside`, `button`, `api`).
 * @event inflow-error - Bad configuration or a failed request; `code`, `message`, `fatal`.
 */
export class InflowLauncher extends LitElement {
  static override styles = launcherStyles;

  /** Scenario id, e.g. `underperformance`. */
  @property({ reflect: true }) accessor scenario = '';
  /** Service base URL without `/v1`; defaults to `configure({ apiBase })`. */
  @property({ attribute: 'api-base' }) accessor apiBase: string | undefined;
  /** A fixed embed token (previews); prefer `fetchToken`. */
  @property() accessor token: string | undefined;
  /** How the user arrived: `embedded` (default), `nudge`, `deeplink` or `campaign`. */
  @property() accessor source: Source = 'embedded';
  /** Visible text (the accessible name of the `icon` variant). */
  @property() accessor label: string | undefined;
  /** `button` (default), `link` or `icon`. */
  @property({ reflect: true }) accessor variant: 'button' | 'link' | 'icon' = 'button';
  /** Preferred panel placement (Floating UI placement), default `bottom-start`. */
  @property() accessor placement: Placement = 'bottom-start';
  /** UI locale (`en`, `es`, `fr`, `de`); defaults to `configure({ locale })`, then the page's `lang`. */
  @property() accessor locale: string | undefined;
  /** `light` (default) or `dark`. */
  @property({ reflect: true }) accessor theme: 'light' | 'dark' = 'light';
  /** Async function returning a fresh embed token; overrides `configure({ fetchToken })`. */
  @property({ attribute: false }) accessor fetchToken: (() => Promise<string>) | undefined;
  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) accessor open = false;

  /** Why the launcher is disabled (a configuration error code), if it is. */
  @state() accessor disabledReason: string | undefined;
  @state() private accessor panelLoaded = false;
  @state() private accessor sheet = false;
  @query('.trigger') private accessor trigger: HTMLButtonElement | null = null;
  @query('.panel') private accessor panel: HTMLElement | null = null;

  private pendingSession: Promise<Session> | undefined;
  /** The source of the current opening (`show({ source })`), else the attribute's. */
  private openSource: Source | undefined;
  private context: Record<string, string> = {};
  private stopAnchor: (() => void) | undefined;
  private openListeners: AbortController | undefined;
  private stopImpression: (() => void) | undefined;
  private idle: number | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void useLocale(localeFor(this, this.locale));
    // Prefetch the practice chunk when the page is idle, so a click paints quickly.
    this.idle = (window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200)))(() => this.prefetch());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    (window.cancelIdleCallback ?? clearTimeout)(this.idle as number);
    this.stopImpression?.();
    this.stopImpression = undefined;
    if (this.open) this.hide('api');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) void useLocale(localeFor(this, this.locale));
    if (changed.has('scenario') || changed.has('apiBase') || changed.has('token') || changed.has('source') || changed.has('fetchToken')) {
      this.validate();
    }
  }

  protected override firstUpdated(): void {
    // A page opened from a chat nudge or e-mail (`?inflow=<scenario>`) opens this practice at once;
    // the first launcher for that scenario claims the link and it leaves the URL (src/deeplink).
    if (this.disabledReason) return;
    const link = claimDeepLink(this.scenario);
    // After this update cycle, not inside it (setting `open` here would schedule a second update).
    if (link) void this.updateComplete.then(() => this.show({ source: link.source }));
  }

  private validate(): void {
    const problem = configProblem('inflow-launcher', this.scenario, this.source, this);
    this.stopImpression?.();
    this.stopImpression = undefined;
    if (problem) return this.disable(problem.code, problem.message);
    this.disabledReason = undefined;
    const client = clientFor(this);
    this.stopImpression = observeImpression(this, client, this.scenario, this.source);
  }

  private disable(code: string, message: string): void {
    if (this.disabledReason === code) return;
    this.disabledReason = code;
    console.error(`[inflow] ${message}`);
    this.dispatchEvent(new InflowErrorEvent(code, message, true));
  }

  /**
   * Loads the practice code ahead of a click (called on hover, focus and idle), and checks the
   * scenario against the tenant's list so a misconfigured launcher turns quietly disabled
   * before anyone clicks it.
   */
  prefetch(): void {
    if (this.disabledReason) return;
    loadPanel().catch(() => undefined); // a failed prefetch is retried by the click
    const scenario = this.scenario;
    const client = clientFor(this);
    scenarioList(client).then(
      (list) => {
        if (scenario === this.scenario && !list.scenarios.some((s) => s.id === scenario)) {
          this.track(client, 'error', { code: 'unknown_scenario' });
          this.disable('unknown_scenario', describeApiError('inflow-launcher', scenario, 'not_found'));
        }
      },
      (error: unknown) => {
        const code = errorCode(error);
        // Only a rejected token disables; a network blip must not (the click retries).
        if (code === 'token_expired' || code === 'unauthorized' || code === 'forbidden') {
          this.disable(code, describeApiError('inflow-launcher', scenario, code));
        }
      },
    );
  }

  /**
   * Opens the panel and starts the practice. `source` overrides the `source` attribute for this
   * opening only (a nudge opens with `nudge`, a deep link with `deeplink` or `campaign`).
   */
  async show(options: { source?: Source } = {}): Promise<void> {
    if (this.open || this.disabledReason) return;
    this.openSource = options.source ?? this.source;
    const client = clientFor(this);
    this.context = contextFromAttributes(this);
    this.open = true;
    this.sheet = matchMedia(NARROW).matches;
    this.track(client, 'open');
    this.dispatchEvent(new InflowOpenEvent(this.scenario));
    pushLayer(this);
    this.listenWhileOpen();
    // The session request runs in parallel with loading the practice code (DESIGN §8).
    if (!this.panelLoaded && !this.pendingSession) {
      this.pendingSession = client.createSession({
        scenario: this.scenario,
        source: this.openSource ?? this.source,
        ...(Object.keys(this.context).length ? { context: this.context } : {}),
        locale: localeFor(this, this.locale),
      });
      this.pendingSession.catch(() => undefined); // handled by the practice; avoid an unhandled rejection here
    }
    await this.updateComplete;
    this.panel?.showPopover?.();
    this.renderRoot.querySelector<HTMLElement>('.close')?.focus();
    let panel: PanelModule;
    try {
      panel = await loadPanel();
    } catch (error) {
      panelChunk = undefined;
      const code = errorCode(error);
      const message = describeApiError('inflow-launcher', this.scenario, code);
      console.warn(`[inflow] could not load the practice code: ${String(error)}`);
      this.dispatchEvent(new InflowErrorEvent(code, message, false));
      return this.hide('api');
    }
    if (!this.open) return;
    this.panelLoaded = true;
    await this.updateComplete;
    if (!this.sheet && this.trigger && this.panel) this.stopAnchor = panel.anchorPanel(this.trigger, this.panel, this.placement);
  }

  /** Closes the panel; the practice keeps its state until the next open. */
  hide(reason: InflowCloseEvent['reason'] = 'api'): void {
    if (!this.open) return;
    // Return focus to the launcher, unless the user clicked elsewhere on the page (the click
    // moves focus where the user wants it).
    // (`:focus-within` is not used: it does not match while the window itself lacks focus.)
    const inside = this.shadowRoot?.activeElement != null;
    const returnFocus = reason !== 'outside' && (inside || document.activeElement === document.body);
    this.open = false;
    this.stopAnchor?.();
    this.stopAnchor = undefined;
    this.openListeners?.abort();
    this.openListeners = undefined;
    popLayer(this);
    if (this.panel?.matches(':popover-open')) this.panel.hidePopover();
    this.dispatchEvent(new InflowCloseEvent(this.scenario, reason));
    if (returnFocus) this.trigger?.focus();
  }

  private listenWhileOpen(): void {
    // One AbortController for every document/window listener of this open state.
    const controller = (this.openListeners = new AbortController());
    const { signal } = controller;
    document.addEventListener(
      'pointerdown',
      (event) => {
        if (!event.composedPath().includes(this)) this.hide('outside');
      },
      { capture: true, signal },
    );
    document.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Escape' && !event.defaultPrevented && closeTopmost(this)) {
          event.preventDefault();
          this.hide('escape');
        }
      },
      { signal },
    );
    matchMedia(NARROW).addEventListener('change', (e) => this.onNarrowChange(e.matches), { signal });
  }

  private async onNarrowChange(narrow: boolean): Promise<void> {
    this.sheet = narrow;
    this.stopAnchor?.();
    this.stopAnchor = undefined;
    if (!narrow && this.panelLoaded && this.trigger && this.panel) {
      const panel = await loadPanel();
      await this.updateComplete;
      if (this.open) this.stopAnchor = panel.anchorPanel(this.trigger, this.panel, this.placement);
    } else if (this.panel) {
      this.panel.style.removeProperty('left');
      this.panel.style.removeProperty('top');
    }
  }

  private track(client: ElementsClient, name: 'open' | 'error', props?: Record<string, string>): void {
    try {
      client.track(name, { scenario: this.scenario, source: this.openSource ?? this.source, ...(props ? { props } : {}) });
    } catch (error) {
      console.warn('[inflow] could not record an activation event', error);
    }
  }

  private onPracticeError(event: InflowErrorEvent): void {
    if (event.fatal) this.disabledReason = event.code;
  }

  protected override render() {
    const label = this.label || msg('Practice this conversation', { id: 'launcher.label' });
    const disabled = Boolean(this.disabledReason);
    return html`<button
        class="trigger ${this.variant}"
        part="base"
        type="button"
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${this.variant === 'icon' ? label : nothing}
        title=${this.variant === 'icon' ? label : nothing}
        ?disabled=${disabled && !this.open}
        @click=${() => (this.open ? this.hide('button') : void this.show())}
        @pointerenter=${this.prefetch}
        @focus=${this.prefetch}
      >
        ${this.variant === 'icon' ? html`<span part="icon">${ICON}</span>` : label}
      </button>
      <div
        id="panel"
        part="panel"
        class="panel ${this.open ? 'open' : ''} ${this.sheet ? 'sheet' : ''}"
        role="dialog"
        aria-labelledby="panel-title"
        popover="manual"
        @inflow-error=${this.onPracticeError}
      >
        <div class="header" part="header">
          <h2 id="panel-title">${label}</h2>
          <button class="close" part="close-button" aria-label=${msg('Close', { id: 'launcher.close' })} @click=${() => this.hide('button')}>
            ${CLOSE}
          </button>
        </div>
        <div class="body" part="body">
          ${this.panelLoaded
            ? html`<inflow-practice
                .client=${clientFor(this)}
                .pendingSession=${this.takePending()}
                .context=${this.context}
                scenario=${this.scenario}
                source=${this.openSource ?? this.source}
                theme=${this.theme}
                locale=${this.locale ?? nothing}
                autostart
              ></inflow-practice>`
            : html`<p class="loading" role="status">${msg('Loading…', { id: 'launcher.loading' })}</p>`}
        </div>
      </div>`;
  }

  private takePending(): Promise<Session> | undefined {
    const pending = this.pendingSession;
    this.pendingSession = undefined;
    return pending;
  }
}
