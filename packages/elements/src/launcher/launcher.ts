import type { Source } from '@inflow/contract';
// Deep import: the package entry would also pull in the runtime (configureLocalization), which
// only non-English pages need (core/localization.ts loads it lazily).
import { msg } from '@lit/localize/init/install.js';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { ElementsClient } from '../core/client-types.js';
import { $config, clientFor } from '../core/config.js';
import { contextFromAttributes } from '../core/context.js';
import { DisabledState } from '../core/disabled.js';
import { LocaleController } from '../core/locale-controller.js';
import { trackSafely } from '../core/track.js';
import { configProblem, describeApiError } from '../core/validate.js';
import { claimDeepLink } from '../deeplink/deeplink.js';
import { InflowCloseEvent } from '../events/close-event.js';
import { InflowOpenEvent } from '../events/open-event.js';
import { observeImpression } from './impression.js';
import { launcherStyles } from './launcher.styles.js';
import { adoptButton, scenarioProblem, triggerView } from './trigger.js';
import { loadPanel, requestSession, showPanel } from './opening.js';
import type { PanelController } from './panel.js';
import type { Placement } from './panel-position.js';

/**
 * The one-click entry to a practice: a button (or link, or icon) that opens the practice in a
 * floating panel anchored to itself, or a full-screen sheet on narrow screens. Escape, a click
 * outside and the close button close it; focus moves into the panel and back to the launcher.
 * Bad configuration renders a quiet disabled button, a console message and `inflow-error`.
 *
 * This file is all a page loads up front (docs/design.md §8 budget); the panel, the practice, the
 * client and markdown arrive in lazy chunks on hover, focus, idle or click.
 *
 * @summary One-click entry that opens a practice in a floating panel.
 *
 * @attr voice - Voice practice in the panel's `<inflow-practice>`: `off` (default), `push` or `hands-free` (docs/voice.md).
 * @attr voice-provider - The panel practice's speech provider: `browser` or `service` (docs/voice.md).
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

  // Reactive properties are declared with `static properties` rather than decorators: this class
  // is the page's initial script, and decorators would add ~1 KB gzip of helper code to it.
  static override properties = {
    scenario: { reflect: true },
    apiBase: { attribute: 'api-base' },
    token: {},
    source: {},
    label: {},
    variant: { reflect: true },
    placement: {},
    locale: {},
    theme: { reflect: true },
    fetchToken: { attribute: false },
    open: { type: Boolean, reflect: true },
  };

  /** Scenario id, e.g. `underperformance`. */
  declare scenario: string;
  /** Service base URL without `/v1` (attribute `api-base`); defaults to `configure({ apiBase })`. */
  declare apiBase: string | undefined;
  /** A fixed embed token (previews); prefer `fetchToken`. */
  declare token: string | undefined;
  /** How the user arrived: `embedded` (default), `nudge`, `deeplink` or `campaign`. */
  declare source: Source;
  /** Visible text (the accessible name of the `icon` variant). */
  declare label: string | undefined;
  /** `button` (default), `link` or `icon`. */
  declare variant: 'button' | 'link' | 'icon';
  /** Preferred panel placement: `top`, `right`, `bottom` or `left`, optionally `-start` or `-end`; default `bottom-start`. */
  declare placement: Placement;
  /** UI locale (`en`, `es`, `fr`, `de`); defaults to `configure({ locale })`, then the page's `lang`. */
  declare locale: string | undefined;
  /** `light` (default) or `dark`. */
  declare theme: 'light' | 'dark';
  /** Async function returning a fresh embed token; overrides `configure({ fetchToken })`. */
  declare fetchToken: (() => Promise<string>) | undefined;
  /** Whether the panel is open. */
  declare open: boolean;

  /** Why the launcher is disabled (a configuration error code), if it is. */
  get disabledReason(): string | undefined {
    return this.disabled.reason;
  }
  set disabledReason(code: string | undefined) {
    this.disabled.reason = code;
  }

  /** @internal The panel (from the lazy chunk) once it has been opened. */
  panel: PanelController | undefined;
  /** @internal The source of the current opening (`show({ source })`), else the attribute's. */
  openSource: Source | undefined;
  private stopImpression: (() => void) | undefined;
  private idle: number | undefined;
  private stopConfig: (() => void) | undefined;
  private readonly disabled = new DisabledState(this);
  private readonly localization = new LocaleController(this);

  constructor() {
    super();
    this.scenario = '';
    this.source = 'embedded';
    this.variant = 'button';
    this.placement = 'bottom-start';
    this.theme = 'light';
    this.open = false;
  }

  /**
   * The `<button>` of the page's own markup, if it has one (docs/hosts.md): it holds the
   * launcher's box before any script runs, so the launcher takes it as its trigger.
   */
  private own: HTMLButtonElement | null | undefined;
  /** What the trigger, the page's own button or the rendered one, does. */
  private readonly on = { toggle: () => this.toggle(), prefetch: () => this.prefetch() };

  /** @internal The launcher button. */
  get trigger(): HTMLButtonElement | null {
    return this.own || this.renderRoot.querySelector('.trigger');
  }

  /** The label shown (or, for `icon`, spoken). */
  get effectiveLabel(): string {
    return (
      this.label ||
      this.own?.textContent!.trim() ||
      msg('Practice this conversation', { id: 'launcher.label' })
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.own ||= adoptButton(this, this.on);
    // configure() may come after the launcher rendered (e.g. once the host fetched its settings):
    // re-check, so a launcher disabled for a missing api-base or token comes back to life.
    this.stopConfig = $config.listen(() => {
      this.validate();
      if (this.disabledReason || !this.hasUpdated) return;
      this.prefetch();
      this.openDeepLink();
    });
    // Prefetch the practice chunk when the page is idle, so a click paints quickly.
    this.idle = (window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200)))(() =>
      this.prefetch(),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopConfig?.();
    this.stopConfig = undefined;
    (window.cancelIdleCallback ?? clearTimeout)(this.idle as number);
    this.stopImpression?.();
    this.stopImpression = undefined;
    if (this.open) this.hide('api');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('scenario') ||
      changed.has('apiBase') ||
      changed.has('token') ||
      changed.has('source') ||
      changed.has('fetchToken')
    ) {
      this.validate();
    }
  }

  protected override firstUpdated(): void {
    this.openDeepLink();
  }

  /**
   * A page opened from a chat nudge or e-mail (`?inflow=<scenario>`) opens this practice at once;
   * the first enabled launcher for that scenario claims the link and it leaves the URL
   * (src/deeplink). Runs after the first render and again when a late configure() enables it.
   */
  private openDeepLink(): void {
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
    this.stopImpression = observeImpression(this, () => clientFor(this), this.scenario, this.source);
  }

  /** @internal Disables the launcher quietly: console message and `inflow-error`, once per cause. */
  disable(code: string, message: string): void {
    this.disabled.disable(code, message);
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
    clientFor(this)
      .then(async (client) => {
        const problem = await scenarioProblem(client, scenario);
        if (problem === 'unknown_scenario') {
          if (scenario !== this.scenario) return;
          this.track(client, 'error', { code: problem });
          this.disable(problem, describeApiError('inflow-launcher', scenario, 'not_found'));
        } else if (problem) this.disable(problem, describeApiError('inflow-launcher', scenario, problem));
      })
      .catch(() => undefined);
  }

  /**
   * Opens the panel and starts the practice. `source` overrides the `source` attribute for this
   * opening only (a nudge opens with `nudge`, a deep link with `deeplink` or `campaign`).
   */
  async show(options: { source?: Source } = {}): Promise<void> {
    if (this.open || this.disabledReason) return;
    const source = (this.openSource = options.source ?? this.source);
    this.open = true;
    this.dispatchEvent(new InflowOpenEvent(this.scenario));
    const context = contextFromAttributes(this);
    // The session request runs in parallel with loading the panel code (docs/design.md §8).
    const started = clientFor(this).then((client) => {
      this.track(client, 'open');
      const pending = this.panel?.hasPractice
        ? undefined
        : requestSession(client, {
            scenario: this.scenario,
            source,
            context,
            locale: this.localization.value,
          });
      return { client, pending };
    });
    await showPanel(this, started, { context, source });
  }

  /** Closes the panel; the practice keeps its state until the next open. */
  hide(reason: InflowCloseEvent['reason'] = 'api'): void {
    if (!this.open) return;
    // Return focus to the launcher, unless the user clicked elsewhere on the page (the click
    // moves focus where the user wants it). `:focus-within` is not used: it does not match
    // while the window itself lacks focus.
    const inside = this.shadowRoot?.activeElement != null;
    const returnFocus = reason !== 'outside' && (inside || document.activeElement === document.body);
    this.open = false;
    this.panel?.hide();
    this.dispatchEvent(new InflowCloseEvent(this.scenario, reason));
    if (returnFocus) this.trigger?.focus();
  }

  private track(client: ElementsClient, name: 'open' | 'error', props?: Record<string, string>): void {
    trackSafely(client, name, {
      scenario: this.scenario,
      source: this.openSource ?? this.source,
      ...(props ? { props } : {}),
    });
  }

  private toggle(): void {
    if (this.open) this.hide('button');
    else void this.show();
  }

  protected override render() {
    return html`${triggerView(this, this.own, this.on)} ${this.panel?.render() ?? nothing}`;
  }
}
