/** The editor's frame around the form: header, action buttons and the preview practice. */
import type { AuthoredScenario } from '@inflow/contract';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import type { ElementsClient } from '../core/client-types.js';
import { statusLabel } from './history.js';

export function unavailableView(problem: string): TemplateResult {
  const text =
    problem === 'forbidden'
      ? msg('The scenario editor needs an admin token.', { id: 'editor.needsAdmin' })
      : msg('The scenario editor is not available right now.', { id: 'editor.unavailable' });
  return html`<div part="base" class="base"><p class="notice" role="alert">${text}</p></div>`;
}

export function loadingView(): TemplateResult {
  return html`<div part="base" class="base" aria-busy="true">
    <p class="muted" role="status">${msg('Loading…', { id: 'editor.loading' })}</p>
  </div>`;
}

export function headerView(latest: AuthoredScenario | undefined, dirty: boolean): TemplateResult {
  const status = [
    latest
      ? `${msg(str`Version ${latest.version}`, { id: 'editor.version' })} · ${statusLabel(latest.status)}`
      : msg('Not saved yet.', { id: 'editor.notSaved' }),
    dirty ? msg('Unsaved changes', { id: 'editor.dirty' }) : '',
  ].filter(Boolean);
  return html`<header class="header">
    <h2 id="editor-title" part="title">${latest?.title || msg('New scenario', { id: 'editor.new' })}</h2>
    <p part="status" class="muted">${status.join(' · ')}</p>
  </header>`;
}

export interface Actions {
  tryIt(): void;
  publish(): void;
  archive(): void;
}

/** Save is the form's submit button; the others act on the scenario as it is in the form. */
export function actionsView(
  latest: AuthoredScenario | undefined,
  busy: boolean,
  on: Actions,
): TemplateResult {
  return html`<div part="actions" class="actions">
    <button type="submit" part="save-button" ?disabled=${busy}>
      ${msg('Save draft', { id: 'editor.save' })}
    </button>
    <button type="button" part="try-button" ?disabled=${busy} @click=${on.tryIt}>
      ${msg('Try it', { id: 'editor.try' })}
    </button>
    <button type="button" class="primary" part="publish-button" ?disabled=${busy} @click=${on.publish}>
      ${msg('Publish', { id: 'editor.publish' })}
    </button>
    ${
      latest && latest.status !== 'archived'
        ? html`<button type="button" part="archive-button" ?disabled=${busy} @click=${on.archive}>
            ${msg('Archive', { id: 'editor.archive' })}
          </button>`
        : nothing
    }
  </div>`;
}

export interface PreviewOptions {
  /** Changes on every "Try it", so each one starts a new session. */
  key: number;
  scenarioId: string;
  /** The editor's client, without activation events. */
  client: ElementsClient | undefined;
  locale: string | undefined;
  theme: string;
  onClose(): void;
}

/** A practice on the stored draft, with the editor's admin token (which may practise drafts). */
export function previewView(latest: AuthoredScenario, o: PreviewOptions): TemplateResult {
  return html`<section part="preview" class="preview" aria-labelledby="preview-title">
    <div class="preview-head">
      <h2 id="preview-title" tabindex="-1">
        ${msg(str`Trying version ${latest.version}`, { id: 'editor.trying' })}
      </h2>
      <button type="button" @click=${o.onClose}>
        ${msg('Close preview', { id: 'editor.closePreview' })}
      </button>
    </div>
    ${keyed(
      o.key,
      html`<inflow-practice
        scenario=${o.scenarioId}
        .client=${o.client}
        locale=${ifDefined(o.locale)}
        theme=${o.theme}
        autostart
      ></inflow-practice>`,
    )}
  </section>`;
}
