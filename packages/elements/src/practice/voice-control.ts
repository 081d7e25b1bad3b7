/**
 * The microphone of `<inflow-practice voice="push|hands-free">` (docs/voice.md). Only this part
 * is in the practice chunk: the attribute, the button (hidden where the browser can neither
 * recognise speech nor record) and Alt+M. Everything else is the voice chunk (./voice/index.ts),
 * imported when the microphone is first used; it counts against its own budget, not the panel's.
 */
import { msg } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { VoiceControl as Loaded, VoicePractice } from './voice/control.js';
import type { VoiceClient } from './voice/types.js';

const MODES = ['off', 'push', 'hands-free'];
export type VoiceAttribute = 'off' | 'push' | 'hands-free';

export interface VoiceHost extends ReactiveControllerHost, HTMLElement {
  voice: string;
  voiceProvider: string | undefined;
  locale: string | undefined;
}

export type PracticeForVoice = Pick<
  VoicePractice,
  'uiLocale' | 'persona' | 'composer' | 'send' | 'announce'
> & {
  client(): unknown;
};

export class VoiceControl implements ReactiveController {
  /** The voice chunk's control, once the microphone was used. */
  loaded: Loaded | undefined;
  private failed = false;
  private warned = '';

  constructor(
    private readonly host: VoiceHost,
    private readonly practice: PracticeForVoice,
  ) {
    host.addController(this);
  }

  /** The validated mode; an unknown value is off, with one console warning. */
  get mode(): 'push' | 'hands-free' | undefined {
    const value = this.host.voice;
    if (!MODES.includes(value) && this.warned !== value)
      console.warn(
        `[inflow] <inflow-practice voice="${(this.warned = value)}"> is not one of ${MODES}; voice is off.`,
      );
    return value === 'push' || value === 'hands-free' ? value : undefined;
  }

  private get shown(): boolean {
    return (
      !!this.mode &&
      !this.failed &&
      !this.loaded?.hidden &&
      // Speech recognition, or recording for the service to transcribe.
      ('SpeechRecognition' in window || 'webkitSpeechRecognition' in window || 'MediaRecorder' in window)
    );
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.altKey && event.code === 'KeyM' && this.shown) {
      event.preventDefault();
      void this.toggle();
    }
  };

  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKeydown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKeydown);
    this.loaded?.dispose();
  }

  private async toggle(): Promise<void> {
    const client = this.practice.client() as VoiceClient | undefined;
    const mode = this.mode;
    if (!client?.transcribe || !mode) return;
    try {
      const { VoiceControl } = await import('./voice/index.js');
      this.loaded ??= new VoiceControl(client, this.host, { ...this.practice, mode });
      await this.loaded.toggle();
    } catch (error) {
      // The chunk did not load (offline, a CSP that refuses it): the control goes, text stays.
      console.warn('[inflow] voice could not load', error);
      this.failed = true;
      this.host.requestUpdate();
      this.practice.composer()?.focus();
    }
  }

  /** The microphone button, beside Send. */
  button(disabled: boolean): unknown {
    if (!this.shown) return nothing;
    const state = this.loaded?.state ?? 'idle';
    const label =
      this.mode === 'hands-free'
        ? msg('Talk hands-free', { id: 'practice.micHandsFree' })
        : msg('Speak your reply', { id: 'practice.mic' });
    return html`<button
      type="button"
      class="mic"
      part="mic-button"
      aria-label=${label}
      title="${label} (Alt+M)"
      aria-pressed=${state === 'listening'}
      aria-keyshortcuts="Alt+M"
      ?disabled=${disabled && state === 'idle'}
      @click=${() => void this.toggle()}
    >
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="currentColor">
        <path
          d="M12 15a3 3 0 0 0 3-3V6a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V22h2v-3.1a7 7 0 0 0 6-6.9Z"
        />
      </svg>
    </button>`;
  }

  /** Under the composer: the voice chunk's meter, Stop speaking and faults. */
  status = (): unknown => this.loaded?.view();
}
