import type { Session, Source } from '@inflow/contract';
import { msg } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import type { ElementsClient } from '../core/client-types.js';
import { clientFor } from '../core/config.js';
import { contextFromAttributes } from '../core/context.js';
import { DisabledState } from '../core/disabled.js';
import { LocaleController } from '../core/locale-controller.js';
import { StoreController } from '../core/store-controller.js';
import { configProblem, describeApiError } from '../core/validate.js';
import { InflowCompleteEvent } from '../events/complete-event.js';
import { InflowErrorEvent } from '../events/error-event.js';
import { InflowFirstInteractionEvent } from '../events/first-interaction-event.js';
import { InflowSessionStartEvent } from '../events/session-start-event.js';
import { AttemptsController } from './attempts.js';
import { conversationView, startErrorView } from './conversation-view.js';
import { PracticeSession, type PracticeState } from './practice-session.js';
import { practiceStyles } from './practice.styles.js';
import { voiceStyles } from './voice-control.styles.js';
import { VoiceControl, type VoiceAttribute } from './voice-control.js';
import { briefView, feedbackView, startView, unavailableView } from './views.js';

/**
 * A role-play practice: the scenario brief with the AI-use disclosure, streamed coach turns, a
 * composer, and "End and get feedback" with rubric scores, evidence and one next step. Used
 * inside `<inflow-launcher>`'s panel, or inline (e.g. in an LMS lesson) where it shows a Start
 * button first so a page view alone never creates a session.
 *
 * @summary Role-play practice with streamed coach turns and rubric feedback.
 *
 * @slot help - Extra help content (e.g. a link to your support page), shown under "Need help?".
 *
 * @csspart base - The practice wrapper.
 * @csspart brief - Scenario title, summary, persona and objectives.
 * @csspart title - The scenario title.
 * @csspart disclosure - The tenant's AI-use disclosure.
 * @csspart transcript - The list of turns.
 * @csspart turn - Every turn; coach turns also carry `coach-turn`, user turns `user-turn`.
 * @csspart typing-indicator - Shown while the coach is composing.
 * @csspart composer - The reply form.
 * @csspart composer-input - The reply textarea.
 * @csspart send-button - The send button.
 * @csspart mic-button - With `voice`: the microphone (Alt+M); hidden where the browser cannot do voice.
 * @csspart voice-level - The input level while listening (static under reduced motion).
 * @csspart stop-speaking-button - Shown while a reply is spoken (Escape does the same).
 * @csspart voice-message - Why voice fell back to text.
 * @csspart end-button - "End and get feedback".
 * @csspart help-button - "Need help?".
 * @csspart feedback - The feedback section.
 * @csspart scores - The list of rubric scores.
 * @csspart next-step - The one next step.
 * @csspart attempts - After feedback: your attempts at this scenario and "Try again".
 * @csspart attempt-summary - "Attempt 3 · best 9/12 · passed" (your own attempts only).
 * @csspart try-again-button - "Try again": a new session on the same scenario.
 *
 * @cssprop --inflow-color-accent - Buttons, links and focus ring.
 * @cssprop --inflow-color-on-accent - Text on accent backgrounds.
 * @cssprop --inflow-color-text - Body text.
 * @cssprop --inflow-color-muted - Secondary text.
 * @cssprop --inflow-color-surface - Background.
 * @cssprop --inflow-color-border - Borders of inputs and buttons.
 * @cssprop --inflow-color-coach-bubble - Background of coach turns.
 * @cssprop --inflow-color-user-bubble - Background of user turns.
 * @cssprop --inflow-color-danger - Error outlines.
 * @cssprop --inflow-radius - Corner radius.
 * @cssprop --inflow-font - Font shorthand.
 * @cssprop --inflow-focus-ring - Box shadow of the focus ring.
 *
 * @event inflow-session-start - A session started; `sessionId`, `scenario`.
 * @event inflow-first-interaction - The user sent the first turn; `sessionId`, `scenario`.
 * @event inflow-complete - Feedback is shown; `sessionId`, `scenario`, `feedback`.
 * @event inflow-error - Something failed; `code`, `message`, `fatal` (the element is disabled).
 */
export class InflowPractice extends LitElement {
  static override styles = [practiceStyles, voiceStyles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  // `static properties` rather than decorators: decorators add helper code to every bundle.
  static override properties = {
    scenario: { reflect: true },
    source: { reflect: true },
    apiBase: { attribute: 'api-base' },
    token: {},
    locale: {},
    theme: { reflect: true },
    autostart: { type: Boolean },
    voice: { reflect: true },
    voiceProvider: { attribute: 'voice-provider' },
    client: { attribute: false },
    pendingSession: { attribute: false },
    context: { attribute: false },
    fetchToken: { attribute: false },
    helpOpen: { state: true },
    announcement: { state: true },
  };

  /** Scenario id, e.g. `underperformance`. */
  declare scenario: string;
  /** How the user arrived: `embedded`, `nudge`, `deeplink` or `campaign`. */
  declare source: Source;
  /** Service base URL without `/v1`; defaults to `configure({ apiBase })`. */
  declare apiBase: string | undefined;
  /** A fixed embed token (previews); prefer `fetchToken`. */
  declare token: string | undefined;
  /** UI locale (`en`, `es`, `fr`, `de`); defaults to `configure({ locale })`, then the page's `lang`. */
  declare locale: string | undefined;
  /** `light` (default) or `dark`. */
  declare theme: 'light' | 'dark';
  /** Start the session when connected instead of showing a Start button. */
  declare autostart: boolean;
  /** `off` (default), `push` (push-to-talk) or `hands-free` (a pause ends the turn); docs/voice.md. */
  declare voice: VoiceAttribute;
  /** `browser` (Web Speech API, the default where available) or `service` (the service's speech server). */
  declare voiceProvider: 'browser' | 'service' | undefined;
  /** Async function returning a fresh embed token. */
  declare fetchToken: (() => Promise<string>) | undefined;
  /** @internal The client to use (set by the launcher); defaults to the shared client. */
  declare client: ElementsClient | undefined;
  /** @internal A session request already in flight (the launcher starts it while this code loads). */
  declare pendingSession: Promise<Session> | undefined;
  /** @internal Context entries from the launcher's `context-*` attributes. */
  declare context: Record<string, string> | undefined;

  declare private helpOpen: boolean;
  declare private announcement: string;
  private get input(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  private session: PracticeSession | undefined;
  private store: StoreController<PracticeState> | undefined;
  private readonly disabled = new DisabledState(this);
  private readonly localization = new LocaleController(this);
  private readonly attempts = new AttemptsController(this);
  private readonly voiceControl = new VoiceControl(this, {
    client: () => this.session?.client,
    uiLocale: () => this.localization.value,
    persona: () => this.store?.value.session?.scenario.persona.name ?? '',
    composer: () => this.input,
    send: () => this.send(),
    announce: (text) => void (this.announcement = text),
  });

  constructor() {
    super();
    this.scenario = '';
    this.source = 'embedded';
    this.theme = 'light';
    this.autostart = false;
    this.voice = 'off';
    this.helpOpen = false;
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.autostart || this.pendingSession) void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.session?.dispose();
  }

  /** Starts the practice session (the Start button does this for inline use). */
  async start(): Promise<void> {
    if (this.session) return;
    const problem = this.client
      ? undefined
      : configProblem('inflow-practice', this.scenario, this.source, this);
    if (problem) return this.disabled.disable(problem.code, problem.message);
    let client: ElementsClient;
    try {
      client = this.client ?? (await clientFor(this));
    } catch (error) {
      return this.disabled.disable(
        'network',
        `<inflow-practice> could not load the Inflow client: ${String(error)}`,
      );
    }
    if (this.session) return;
    const session = new PracticeSession(client, this.scenario, this.source, {
      onSessionStart: (s) => {
        this.dispatchEvent(new InflowSessionStartEvent(s.id, this.scenario));
        void this.updateComplete.then(() => this.focus());
      },
      onFirstInteraction: (s) => this.dispatchEvent(new InflowFirstInteractionEvent(s.id, this.scenario)),
      onComplete: (s, feedback) => {
        this.dispatchEvent(new InflowCompleteEvent(s.id, this.scenario, feedback));
        void this.attempts.load(client, this.scenario);
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLElement>('#feedback-title')?.focus(),
        );
      },
      onError: (code, fatal, detail) => {
        const message = `${describeApiError('inflow-practice', this.scenario, code)} (${detail})`;
        if (fatal) console.error(`[inflow] ${message}`);
        else console.warn(`[inflow] ${message}`);
        this.dispatchEvent(new InflowErrorEvent(code, message, fatal));
      },
    });
    this.session = session;
    if (this.store) {
      this.store.hostDisconnected();
      this.removeController(this.store);
    }
    // addController subscribes at once when connected (hostConnected).
    this.store = new StoreController(this, session.$state);
    session.$state.listen((s) => this.announce(s));
    const pending = this.pendingSession;
    this.pendingSession = undefined;
    await session.start(this.context ?? contextFromAttributes(this), this.localization.value, pending);
  }

  /**
   * Announce finished coach replies (not each streamed fragment) to screen readers; a reply that
   * is spoken announces that instead, so the two voices do not overlap (docs/voice.md).
   */
  private announce(state: PracticeState): void {
    const last = state.turns.at(-1);
    if (last?.role === 'coach' && last.status === 'done' && state.phase !== 'starting') {
      if (this.voiceControl.loaded?.replied(last.id, last.text, state.turns.at(-2)?.input === 'voice'))
        return;
      const who = state.session?.scenario.persona.name ?? '';
      const text = `${who}: ${last.text}`;
      if (text !== this.announcement) this.announcement = text;
    }
  }

  private lastTurnKey = '';

  protected override updated(): void {
    // Keep the newest turn in view when it arrives and when it is complete (the transcript or the
    // panel around it scrolls); not on every streamed fragment.
    const turns = this.store?.value.turns ?? [];
    const key = `${turns.length}:${turns.at(-1)?.status ?? ''}`;
    if (key !== this.lastTurnKey) {
      this.lastTurnKey = key;
      this.renderRoot.querySelector('.transcript > li:last-child')?.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Moves focus to the composer when the practice is ready, else to the first control. */
  override focus(options?: FocusOptions): void {
    const target =
      this.input && !this.input.disabled
        ? this.input
        : this.renderRoot.querySelector<HTMLElement>('button, [tabindex]');
    if (target) target.focus(options);
    else super.focus(options);
  }

  private send(event?: Event): void {
    event?.preventDefault();
    const input = this.input;
    if (!input || !this.session || this.session.$state.get().phase !== 'ready' || !input.value.trim()) return;
    const text = input.value;
    input.value = '';
    void this.session.send(text, this.voiceControl.loaded?.takeVoiceInput() ? 'voice' : undefined);
  }

  private help(): void {
    this.helpOpen = !this.helpOpen;
    if (this.helpOpen) this.session?.help();
  }

  protected override render() {
    if (this.disabled.reason) return unavailableView();
    const state = this.store?.value;
    if (!state || state.phase === 'idle') return startView(() => void this.start());
    const { session, phase } = state;
    const busy = phase === 'starting' || phase === 'replying' || phase === 'completing';
    return html`<div part="base" class="base" aria-busy=${busy ? 'true' : 'false'}>
      ${session ? briefView(session, !!this.voiceControl.mode) : nothing}
      ${phase === 'starting' ? html`<p class="muted" role="status">${msg('Starting your practice…', { id: 'practice.starting' })}</p>` : nothing}
      ${state.error && !session ? startErrorView(state, () => this.restart()) : nothing}
      ${
        session
          ? conversationView(state, session, this.helpOpen, {
              send: (event) => this.send(event),
              toggleHelp: () => this.help(),
              complete: () => void this.session?.complete(),
              retry: (turnId) => void this.session?.retry(turnId),
              mic: this.voiceControl.button(phase !== 'ready'),
              voiceStatus: this.voiceControl.status(),
            })
          : nothing
      }
      ${state.feedback ? feedbackView(state.feedback) : nothing}
      ${state.feedback ? this.attempts.view(() => this.restart()) : nothing}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private restart(): void {
    this.session?.dispose();
    this.session = undefined;
    void this.start();
  }
}
