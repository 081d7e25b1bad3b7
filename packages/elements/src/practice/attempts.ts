/**
 * After feedback: the person's own attempts at the scenario ("Attempt 3 · best 9/12 · passed",
 * from `GET /v1/me/sessions?scenario=`, which only ever answers the caller's own sessions) and
 * "Try again", which starts a new session on the same scenario.
 */
import type { MyAttempts } from '@inflow/contract';
import { msg, str } from '@lit/localize';
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';

/** The client call this view needs; test doubles without it simply show no attempt line. */
export interface AttemptsClient {
  myAttempts?(scenario: string): Promise<MyAttempts>;
}

export class AttemptsController implements ReactiveController {
  private attempts: MyAttempts | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Loads the attempts after a completed session. A failure hides the line; the feedback stays. */
  async load(client: object, scenario: string): Promise<void> {
    this.attempts = undefined;
    const { myAttempts } = client as AttemptsClient;
    if (!myAttempts) return;
    try {
      this.attempts = await myAttempts.call(client, scenario);
    } catch (error) {
      console.warn('[inflow] could not load your attempts', error);
    }
    this.host.requestUpdate();
  }

  view(tryAgain: () => void): TemplateResult {
    const a = this.attempts;
    const line =
      a?.best && a.attempts.length
        ? msg(str`Attempt ${a.attempts.length} · best ${a.best.score}/${a.best.maxScore}`, {
            id: 'practice.attempt',
          }) +
          ` · ${a.passedEver ? msg('passed', { id: 'practice.passed' }) : msg('not passed yet', { id: 'practice.notPassed' })}`
        : '';
    return html`<div part="attempts" class="actions">
      ${line ? html`<p part="attempt-summary" class="muted">${line}</p>` : nothing}
      <button part="try-again-button" @click=${tryAgain}>
        ${msg('Try again', { id: 'practice.tryAgain' })}
      </button>
    </div>`;
  }
}
