/** The version history of a scenario: newest first, each version loadable back into the form. */
import type { AuthoredScenario } from '@inflow/contract';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';

export function statusLabel(status: AuthoredScenario['status']): string {
  switch (status) {
    case 'draft':
      return msg('Draft', { id: 'editor.statusDraft' });
    case 'published':
      return msg('Published', { id: 'editor.statusPublished' });
    case 'archived':
      return msg('Archived', { id: 'editor.statusArchived' });
  }
}

export function historyView(
  versions: AuthoredScenario[],
  locale: string,
  onEdit: (version: AuthoredScenario) => void,
): TemplateResult {
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return html`<section part="history" class="history" aria-labelledby="history-title">
    <h2 id="history-title">${msg('Version history', { id: 'editor.history' })}</h2>
    ${
      versions.length
        ? html`<ol>
            ${versions.map(
              (v, i) =>
                html`<li part="version" aria-current=${i === 0 ? 'true' : nothing}>
                  <span>${msg(str`Version ${v.version}`, { id: 'editor.version' })}</span>
                  <span class="status ${v.status}">${statusLabel(v.status)}</span>
                  <time datetime=${v.updatedAt}>${when.format(new Date(v.updatedAt))}</time>
                  <button type="button" class="link" @click=${() => onEdit(v)}>
                    ${msg(str`Edit version ${v.version}`, { id: 'editor.editVersion' })}
                  </button>
                </li>`,
            )}
          </ol>`
        : html`<p class="muted">${msg('Not saved yet.', { id: 'editor.notSaved' })}</p>`
    }
  </section>`;
}
