/**
 * The conversation part of `<inflow-practice>`: the transcript, the typing indicator, the composer
 * and the help and end actions. The element owns the state; these templates only call `on`.
 */
import type { Session } from '@inflow/contract';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { PracticeState, Turn } from './practice-session.js';
import { markdown } from './views.js';

export interface ConversationActions {
  send(event?: Event): void;
  toggleHelp(): void;
  complete(): void;
  retry(turnId: number): void;
  /** The voice control's button (beside Send) and status (under the composer), or nothing. */
  mic: unknown;
  voiceStatus: unknown;
}

/** The transcript and, until the feedback is shown, the composer and actions. */
export function conversationView(
  state: PracticeState,
  session: Session,
  helpOpen: boolean,
  on: ConversationActions,
): TemplateResult {
  const { phase, turns } = state;
  const streaming = turns.at(-1);
  const typing = phase === 'replying' && streaming?.role === 'coach' && !streaming.text;
  const done = phase === 'feedback';
  return html`<ol
      part="transcript"
      class="transcript"
      aria-label=${msg('Conversation', { id: 'practice.conversation' })}
    >
      ${turns.map((t) => (t.role === 'coach' && !t.text ? nothing : turnView(t, session, phase === 'ready', on.retry)))}
      ${
        typing
          ? html`<li class="typing" part="typing-indicator">
              <span></span><span></span><span></span
              ><span class="sr-only"
                >${msg(str`${session.scenario.persona.name} is typing`, { id: 'practice.typing' })}</span
              >
            </li>`
          : nothing
      }
    </ol>
    ${
      state.error && !state.error.fatal && phase === 'ready' && !turns.some((t) => t.status === 'failed')
        ? html`<p class="notice error" role="alert">
            ${msg('That did not work. Please try again.', { id: 'practice.failed' })}
          </p>`
        : nothing
    }
    ${
      done
        ? nothing
        : html`<div class="dock">
            <form part="composer" class="composer" @submit=${on.send}>
              <label class="sr-only" for="reply">${msg('Your reply', { id: 'practice.replyLabel' })}</label>
              <textarea
                id="reply"
                part="composer-input"
                rows="2"
                maxlength="4000"
                placeholder=${msg('Type your reply…', { id: 'practice.placeholder' })}
                aria-describedby="composer-hint"
                ?disabled=${state.error?.fatal === true}
                @keydown=${(event: KeyboardEvent) => {
                  // Enter sends, Shift+Enter adds a line; never while an IME composition is in progress.
                  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) on.send(event);
                }}
              ></textarea>
              ${on.mic}
              <button class="primary" part="send-button" type="submit" ?disabled=${phase !== 'ready'}>
                ${msg('Send', { id: 'practice.send' })}
              </button>
            </form>
            <p id="composer-hint" class="sr-only">
              ${msg('Enter sends, Shift+Enter adds a new line.', { id: 'practice.hint' })}
            </p>
            ${on.voiceStatus}
            <div class="actions">
              <button
                class="link"
                part="help-button"
                aria-expanded=${helpOpen ? 'true' : 'false'}
                aria-controls="help"
                @click=${on.toggleHelp}
              >
                ${msg('Need help?', { id: 'practice.help' })}
              </button>
              <button
                part="end-button"
                ?disabled=${phase !== 'ready' || turns.length < 2}
                @click=${on.complete}
              >
                ${
                  phase === 'completing'
                    ? msg('Preparing feedback…', { id: 'practice.completing' })
                    : msg('End and get feedback', { id: 'practice.end' })
                }
              </button>
            </div>
            <div id="help" class="help" ?hidden=${!helpOpen}>
              <p>
                ${msg('Stuck? Describe what you observed, ask how they see it, and agree on one next step.', { id: 'practice.helpText' })}
              </p>
              <slot name="help"></slot>
            </div>
          </div>`
    }`;
}

/** One turn: coach turns as allow-listed markdown, user turns as text, a failed one with Retry. */
function turnView(
  t: Turn,
  session: Session,
  canRetry: boolean,
  retry: (turnId: number) => void,
): TemplateResult {
  const coach = t.role === 'coach';
  return html`<li
    class="turn ${t.role} ${t.status}"
    part="turn ${coach ? 'coach-turn' : 'user-turn'}"
    data-role=${t.role}
  >
    <span class="who">${coach ? session.scenario.persona.name : msg('You', { id: 'practice.you' })}</span>
    ${coach ? html`<div class="text">${replyView(t)}</div>` : html`<div class="text">${t.text}</div>`}
    ${
      t.status === 'failed'
        ? html`<p class="muted" role="alert">${msg('Not sent.', { id: 'practice.notSent' })}</p>
            <button ?disabled=${!canRetry} @click=${() => retry(t.id)}>
              ${msg('Retry', { id: 'practice.retry' })}
            </button>`
        : nothing
    }
  </li>`;
}

/**
 * A coach turn's markdown. While it streams, each settled block (ended by a blank line outside a
 * code fence) is parsed once and only the growing last block again per delta: parsing the whole
 * reply per delta is quadratic in its length. Once done, the reply is parsed whole, so a list or
 * quote spanning blank lines ends as one element.
 */
function replyView(t: Turn): unknown {
  return t.status === 'streaming' ? settledBlocks(t.text).map(markdown) : markdown(t.text);
}

/** `text` cut at its blank lines outside fenced code; the last block may still be growing. */
export function settledBlocks(text: string): string[] {
  const blocks: string[] = [];
  let block: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^ {0,3}(```|~~~)/.test(line)) fenced = !fenced;
    if (!fenced && !line.trim()) {
      if (block.length) blocks.push(block.join('\n'));
      block = [];
    } else block.push(line);
  }
  blocks.push(block.join('\n'));
  return blocks;
}

/** Why the session did not start: quiet when it cannot (fatal), else with Try again. */
export function startErrorView(state: PracticeState, retry: () => void): TemplateResult {
  if (state.error?.fatal) {
    return html`<p class="notice muted">
      ${msg('Practice is not available right now.', { id: 'practice.unavailable' })}
    </p>`;
  }
  return html`<div class="notice error">
    <p>${msg('Could not start the practice.', { id: 'practice.startFailed' })}</p>
    <button @click=${retry}>${msg('Try again', { id: 'practice.tryAgain' })}</button>
  </div>`;
}
