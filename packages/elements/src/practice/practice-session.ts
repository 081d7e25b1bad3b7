/**
 * The state of one practice session as a nanostore, and the actions on it. The element only
 * reads `$state` and calls actions; everything that talks to the client (and records
 * activation events) is here, so it is testable without rendering.
 */
import type { Feedback, Session, Source } from '@inflow/contract';
import { atom } from 'nanostores';
import { errorCode, isFatal, type ElementsClient, type TrackFields } from '../core/client-types.js';
import { trackSafely } from '../core/track.js';

export interface Turn {
  id: number;
  role: 'coach' | 'user';
  text: string;
  /** `streaming`: coach text still arriving; `failed`: a user turn the service did not answer. */
  status: 'streaming' | 'done' | 'failed';
  /** A user turn spoken into the microphone (docs/voice.md); its event says so, never its words. */
  input?: 'voice';
}

export type Phase = 'idle' | 'starting' | 'ready' | 'replying' | 'completing' | 'feedback' | 'error';

export interface PracticeState {
  phase: Phase;
  session?: Session;
  turns: Turn[];
  feedback?: Feedback;
  /** The last error; `fatal` errors disable the element (bad configuration). */
  error?: { code: string; fatal: boolean };
}

export interface SessionCallbacks {
  onSessionStart?(session: Session): void;
  onFirstInteraction?(session: Session): void;
  onComplete?(session: Session, feedback: Feedback): void;
  onError?(code: string, fatal: boolean, detail: string): void;
}

/** Meaningful interaction default (docs/design.md §6): three user turns, or a completed session. */
const MEANINGFUL_TURNS = 3;

export class PracticeSession {
  readonly $state = atom<PracticeState>({ phase: 'idle', turns: [] });
  private nextId = 1;
  private interacted = false;
  private meaningful = false;
  private abort: AbortController | undefined;

  constructor(
    /** The client the session talks through (voice uses it too). */
    readonly client: ElementsClient,
    private readonly scenario: string,
    private readonly source: Source,
    private readonly callbacks: SessionCallbacks = {},
  ) {}

  private patch(next: Partial<PracticeState>): void {
    this.$state.set({ ...this.$state.get(), ...next });
  }

  private track(name: Parameters<ElementsClient['track']>[0], props?: TrackFields['props']): void {
    const session = this.$state.get().session;
    trackSafely(this.client, name, {
      scenario: this.scenario,
      source: this.source,
      ...(session ? { sessionId: session.id } : {}),
      ...(props ? { props } : {}),
    });
  }

  private fail(error: unknown, phase: Phase): string {
    const code = errorCode(error);
    const fatal = isFatal(code);
    this.patch({ phase: fatal ? 'error' : phase, error: { code, fatal } });
    this.track('error', { code });
    this.callbacks.onError?.(code, fatal, error instanceof Error ? error.message : String(error));
    return code;
  }

  /**
   * Starts the session. `pending` is a request the launcher already sent in parallel with
   * loading this code (docs/design.md §8: click → first coach line ≤ 150 ms).
   */
  async start(
    context: Record<string, string>,
    locale: string | undefined,
    pending?: Promise<Session>,
  ): Promise<void> {
    if (this.$state.get().phase !== 'idle' && this.$state.get().phase !== 'error') return;
    this.patch({ phase: 'starting', error: undefined });
    try {
      const session =
        (await pending) ??
        (await this.client.createSession({
          scenario: this.scenario,
          source: this.source,
          ...(Object.keys(context).length ? { context } : {}),
          ...(locale ? { locale } : {}),
        }));
      this.patch({
        phase: 'ready',
        session,
        turns: [{ id: this.nextId++, role: 'coach', text: session.opening.text, status: 'done' }],
      });
      this.track('session_start');
      this.callbacks.onSessionStart?.(session);
    } catch (error) {
      this.fail(error, 'error');
    }
  }

  /** Sends a user turn and streams the coach's answer into a new turn. */
  async send(text: string, input?: 'voice'): Promise<void> {
    const { session, phase } = this.$state.get();
    const trimmed = text.trim();
    if (!session || phase !== 'ready' || !trimmed) return;
    const userTurn: Turn = {
      id: this.nextId++,
      role: 'user',
      text: trimmed,
      status: 'done',
      ...(input ? { input } : {}),
    };
    this.patch({ turns: [...this.$state.get().turns, userTurn] });
    await this.reply(session, userTurn);
  }

  /** Sends a failed user turn again, with its text unchanged. */
  async retry(turnId: number): Promise<void> {
    const { session, phase, turns } = this.$state.get();
    const turn = turns.find((t) => t.id === turnId && t.status === 'failed');
    if (!session || !turn || phase !== 'ready') return;
    const again: Turn = { ...turn, status: 'done' };
    this.patch({ turns: turns.map((t) => (t.id === turnId ? again : t)), error: undefined });
    await this.reply(session, again);
  }

  private async reply(session: Session, userTurn: Turn): Promise<void> {
    if (!this.interacted) {
      this.interacted = true;
      this.track('first_interaction', userTurn.input ? { input: userTurn.input } : undefined);
      this.callbacks.onFirstInteraction?.(session);
    }
    const coach: Turn = { id: this.nextId++, role: 'coach', text: '', status: 'streaming' };
    this.patch({ phase: 'replying', turns: [...this.$state.get().turns, coach], error: undefined });
    const update = (changes: Partial<Turn>) =>
      this.patch({
        turns: this.$state.get().turns.map((t) => (t.id === coach.id ? { ...t, ...changes } : t)),
      });
    this.abort = new AbortController();
    try {
      for await (const chunk of this.client.streamTurn(session.id, userTurn.text, {
        signal: this.abort.signal,
      })) {
        if (chunk.type === 'delta') {
          update({ text: this.$state.get().turns.find((t) => t.id === coach.id)!.text + chunk.text });
        } else {
          update({ text: chunk.reply.text, status: 'done' });
          if (chunk.userTurns >= MEANINGFUL_TURNS) this.markMeaningful();
        }
      }
      update({ status: 'done' });
      this.patch({ phase: 'ready' });
    } catch (error) {
      if (this.abort.signal.aborted) return;
      // Drop the partial answer and keep the user's words on a failed turn they can retry.
      this.patch({
        turns: this.$state
          .get()
          .turns.filter((t) => t.id !== coach.id)
          .map((t) => (t.id === userTurn.id ? { ...t, status: 'failed' as const } : t)),
      });
      this.fail(error, 'ready');
    } finally {
      this.abort = undefined;
    }
  }

  private markMeaningful(): void {
    if (this.meaningful) return;
    this.meaningful = true;
    this.track('meaningful_interaction');
  }

  /** Ends the session and shows the feedback. */
  async complete(): Promise<void> {
    const { session, phase } = this.$state.get();
    if (!session || phase !== 'ready') return;
    this.patch({ phase: 'completing', error: undefined });
    try {
      const feedback = await this.client.completeSession(session.id);
      this.patch({ phase: 'feedback', feedback });
      this.markMeaningful();
      this.track('complete');
      this.callbacks.onComplete?.(session, feedback);
    } catch (error) {
      this.fail(error, 'ready');
    }
  }

  /** Records that the user asked for help (a support-load signal for HR, docs/design.md §6). */
  help(): void {
    this.track('help');
  }

  /** Stops a reply in flight (the element was removed). */
  dispose(): void {
    this.abort?.abort();
  }
}
