/**
 * The voice control's state and its part of the view, in the voice chunk: the level meter,
 * Stop speaking, fault messages and what the live region says. The practice chunk keeps only
 * the button, the shortcut and the attribute (../voice-control.ts).
 */
import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { createVoice, type VoiceSession } from './session.js';
import { VoiceFault } from './fault.js';
import { faultText, stateText } from './messages.js';
import { loadVoiceStrings } from './strings.js';
import { chunkStyles } from './styles.js';
import type { VoiceClient, VoiceMode, VoiceState } from './types.js';

/** What the control needs from `<inflow-practice>`. */
export interface VoicePractice {
  readonly mode: VoiceMode;
  /** The UI locale, for the voice strings' translations. */
  uiLocale(): string;
  persona(): string;
  composer(): HTMLTextAreaElement | null;
  /** Hands-free: send the composer's text as a voice turn. */
  send(): void;
  /** Into the polite live region. */
  announce(text: string): void;
}

/** The element: its attributes, its shadow root and re-rendering. */
interface VoiceElement extends HTMLElement {
  locale: string | undefined;
  voiceProvider: string | undefined;
  requestUpdate(): void;
}

export class VoiceControl {
  state: VoiceState = 'idle';
  /** Voice cannot work here (forbidden, no provider): the microphone control goes away. */
  hidden = false;
  private message = '';
  private fromVoice = false;
  private prefix = '';
  private session: Promise<VoiceSession> | undefined;
  private spokenTurn = -1;

  constructor(
    private readonly client: VoiceClient,
    private readonly host: VoiceElement,
    private readonly practice: VoicePractice,
  ) {
    const root = host.shadowRoot!;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, chunkStyles.styleSheet!];
    host.addEventListener('keydown', this.onKeydown);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.state === 'speaking') {
      event.stopPropagation();
      this.stopSpeaking();
    }
  };

  // A hidden tab must not go on recording: the recording is discarded and nothing is sent.
  private readonly onVisibility = () => document.hidden && this.cancel();

  /** The element was removed. */
  dispose(): void {
    this.host.removeEventListener('keydown', this.onKeydown);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.cancel();
  }

  private update(): void {
    this.host.requestUpdate();
  }

  private set(state: VoiceState): void {
    this.state = state;
    this.practice.announce(stateText(state, this.practice.persona(), this.practice.mode === 'hands-free'));
    this.update();
  }

  /** Falls back to text: a message, focus in the composer (whatever was transcribed stays in it). */
  private fault(fault: VoiceFault): void {
    this.message = faultText(fault.kind);
    this.hidden ||= fault.kind === 'forbidden';
    this.update();
    setTimeout(() => this.practice.composer()?.focus());
  }

  async toggle(): Promise<void> {
    this.message = '';
    // A new turn keeps what was typed before it; ending one must not repeat the transcript.
    const typed = this.state === 'idle' ? this.practice.composer()?.value.trim() : undefined;
    if (typed !== undefined) this.prefix = typed ? `${typed} ` : '';
    this.session ??= loadVoiceStrings(this.practice.uiLocale()).then(() => this.start());
    try {
      (await this.session).toggle();
    } catch (error) {
      // Voice cannot start here (forbidden, no provider, the service is down): try again later.
      this.session = undefined;
      const fault = error instanceof VoiceFault ? error : new VoiceFault('provider');
      this.hidden ||= fault.kind === 'forbidden';
      this.fault(fault);
    }
  }

  private start(): Promise<VoiceSession> {
    const { voiceProvider, locale } = this.host;
    const prefer = voiceProvider === 'service' || voiceProvider === 'browser' ? voiceProvider : undefined;
    return createVoice(this.client, prefer, {
      mode: this.practice.mode,
      locale,
      setState: (state) => this.set(state),
      setLevel: (level) => {
        // CSSOM, which a strict CSP allows; no ref directive (its machinery would cost the chunk 0.7 kB).
        const bar = this.host.shadowRoot!.querySelector<HTMLElement>('.meter > span');
        if (bar) bar.style.transform = `scaleX(${level.toFixed(2)})`;
      },
      setDraft: (text) => {
        const composer = this.practice.composer();
        if (!composer) return;
        composer.value = this.prefix + text;
        this.fromVoice = true;
      },
      submit: () => this.practice.send(),
      fault: (fault) => this.fault(fault),
    });
  }

  /** Whether the text being sent came from the microphone (and forgets it). */
  takeVoiceInput(): boolean {
    const was = this.fromVoice;
    this.fromVoice = false;
    return was;
  }

  /** A coach reply is complete: speak it if the turn before was spoken; says whether it is spoken. */
  replied(turnId: number, text: string, byVoice: boolean): boolean {
    if (turnId === this.spokenTurn) return true;
    if (!byVoice || !this.session) return false;
    this.spokenTurn = turnId;
    void this.session.then((s) => s.reply(text));
    return true;
  }

  stopSpeaking(): void {
    void this.session?.then((s) => s.stopSpeaking());
  }

  /** The tab was hidden or the element removed: the recording is discarded, nothing sent. */
  cancel(): void {
    if (this.state !== 'idle') void this.session?.then((s) => s.cancel());
  }

  view(): unknown {
    return html`${
      this.state === 'listening'
        ? html`<span class="meter" part="voice-level" aria-hidden="true"><span></span></span>`
        : nothing
    }
    ${
      this.state === 'speaking'
        ? html`<button part="stop-speaking-button" @click=${() => this.stopSpeaking()}>
            ${msg('Stop speaking', { id: 'voice.stopSpeaking' })}
          </button>`
        : nothing
    }
    ${this.message ? html`<p class="notice error" role="alert" part="voice-message">${this.message}</p>` : nothing}`;
  }
}
