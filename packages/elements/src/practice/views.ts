/**
 * Template functions for the practice element's brief and feedback (kept out of the class for size).
 * A score's bar is a native `<progress>`: no inline style, which a strict CSP without
 * 'unsafe-inline' refuses, and no ref directive (the async-directive machinery it needs costs the
 * practice chunk 0.7 kB gzip).
 */
import type { Feedback, Session } from '@inflow/contract';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { renderMarkdown } from './markdown.js';

/** Untrusted model output as allow-listed markdown (markdown.ts); re-parsed only when the text changes. */
export const markdown = (text: string): unknown => guard([text], () => renderMarkdown(text));

export const unavailableView = (): TemplateResult =>
  html`<div part="base" class="base">
    <p class="notice muted" role="status">
      ${msg('Practice is not available right now.', { id: 'practice.unavailable' })}
    </p>
  </div>`;

/** Inline use: a page view alone never creates a session. */
export const startView = (start: () => void): TemplateResult =>
  html`<div part="base" class="base">
    <button class="primary" part="start-button" @click=${start}>
      ${msg('Start practice', { id: 'practice.start' })}
    </button>
  </div>`;

export function briefView(session: Session, voice = false): TemplateResult {
  const { scenario } = session;
  return html`<header part="brief" class="brief">
    <h2 id="title" part="title">${scenario.title}</h2>
    <p>${scenario.summary}</p>
    <p class="muted">
      ${msg(str`You are talking with ${scenario.persona.name}, ${scenario.persona.role}.`, { id: 'practice.persona' })}
    </p>
    ${
      scenario.objectives.length
        ? html`<details>
            <summary>${msg('Objectives', { id: 'practice.objectives' })}</summary>
            <ul>
              ${scenario.objectives.map((o) => html`<li>${o}</li>`)}
            </ul>
          </details>`
        : nothing
    }
    <p part="disclosure" class="disclosure">
      ${session.disclosure}
      ${
        voice
          ? msg('Voice: no audio is kept, but your browser’s speech recognition may send it to its maker.', {
              id: 'practice.voiceDisclosure',
            })
          : nothing
      }
    </p>
  </header>`;
}

export function feedbackView(feedback: Feedback): TemplateResult {
  return html`<section part="feedback" class="feedback" aria-labelledby="feedback-title">
    <h3 id="feedback-title" tabindex="-1">${msg('Your feedback', { id: 'practice.feedbackTitle' })}</h3>
    <div class="text">${markdown(feedback.summary)}</div>
    <ul part="scores" class="scores">
      ${feedback.scores.map(
        (s) =>
          html`<li>
            <div class="score-head">
              <span>${s.label}</span>
              <span>${msg(str`${s.score} of ${s.max}`, { id: 'practice.scoreOf' })}</span>
            </div>
            <progress class="bar" aria-hidden="true" max=${s.max} value=${s.score}></progress>
            ${
              s.evidence.length
                ? html`<ul class="evidence" aria-label=${msg('Evidence', { id: 'practice.evidence' })}>
                    ${s.evidence.map((e) => html`<li><q>${e}</q></li>`)}
                  </ul>`
                : nothing
            }
          </li>`,
      )}
    </ul>
    <p part="next-step" class="next-step">
      <strong>${msg('Next step:', { id: 'practice.nextStep' })}</strong> ${feedback.nextStep}
    </p>
  </section>`;
}
