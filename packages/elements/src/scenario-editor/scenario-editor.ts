import type { InflowClient } from '@inflow/client';
import type { AuthoredScenario } from '@inflow/contract';
import { msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { errorCode, type ElementsClient } from '../core/client-types.js';
import { clientFor } from '../core/config.js';
import { DisabledState } from '../core/disabled.js';
import { LocaleController } from '../core/locale-controller.js';
import { configProblem } from '../core/validate.js';
import { InflowErrorEvent } from '../events/error-event.js';
import { draftFrom, emptyDraft, toInput } from './draft.js';
import { FormState, type Detail } from './form-state.js';
import { scenarioForm } from './form.js';
import { historyView } from './history.js';
import { InflowScenarioSaveEvent } from '../events/scenario-save-event.js';
import { editorStyles } from './scenario-editor.styles.js';
import { loadEditorStrings } from './strings.js';
import { actionsView, headerView, loadingView, previewView, unavailableView } from './view.js';

type StudioClient = Pick<InflowClient, 'getScenario' | 'putScenario' | 'listVersions' | 'archiveScenario'>;

/**
 * The scenario studio for a vendor's admin screen (docs/scenarios.md): edits every field of an
 * authored scenario with the contract's rules beside each field, adds, removes and reorders rubric
 * criteria, saves drafts, opens an `<inflow-practice>` on the draft ("Try it"), publishes, archives,
 * and shows the version history. Needs an admin token (`token` or `fetchToken`).
 *
 * @summary Authoring of a tenant's own scenarios: fields, rubric, preview, publish, versions.
 *
 * @csspart base - The editor wrapper.
 * @csspart title - The scenario's title heading.
 * @csspart status - Version, status and unsaved changes.
 * @csspart section - Each group of fields (scenario, persona, rubric, script).
 * @csspart input - Every text box and select.
 * @csspart field-error - The problems beside a field.
 * @csspart criterion - Each rubric criterion.
 * @csspart add-criterion - "Add criterion".
 * @csspart move-up - A criterion's "Move up".
 * @csspart move-down - A criterion's "Move down".
 * @csspart remove-criterion - A criterion's "Remove".
 * @csspart actions - The row of save, try, publish and archive buttons.
 * @csspart save-button - "Save draft".
 * @csspart try-button - "Try it".
 * @csspart publish-button - "Publish".
 * @csspart archive-button - "Archive".
 * @csspart preview - The practice on the draft.
 * @csspart history - The version history.
 * @csspart version - Each version in the history.
 *
 * @cssprop --inflow-color-accent - Primary button, links and focus ring.
 * @cssprop --inflow-color-on-accent - Text on accent backgrounds.
 * @cssprop --inflow-color-text - Body text.
 * @cssprop --inflow-color-muted - Hints and secondary text.
 * @cssprop --inflow-color-surface - Background.
 * @cssprop --inflow-color-border - Borders of inputs, buttons and sections.
 * @cssprop --inflow-color-danger - Problems beside fields and invalid outlines.
 * @cssprop --inflow-radius - Corner radius.
 * @cssprop --inflow-font - Font shorthand.
 * @cssprop --inflow-focus-ring - Box shadow of the focus ring.
 *
 * @event inflow-scenario-save - A version was stored (saved, published or archived); `scenario`.
 * @event inflow-error - Loading or saving failed; `code`, `message`, `fatal` (the editor is disabled).
 */
export class InflowScenarioEditor extends LitElement {
  static override styles = editorStyles;
  static override properties = {
    scenarioId: { attribute: 'scenario-id', reflect: true },
    isNew: { attribute: 'new', type: Boolean },
    apiBase: { attribute: 'api-base' },
    token: {},
    locale: {},
    theme: { reflect: true },
    fetchToken: { attribute: false },
    versions: { state: true },
    phase: { state: true },
    announcement: { state: true },
    preview: { state: true },
  };

  /** The tenant's id of the scenario to edit; an id not stored yet starts a new scenario. */
  declare scenarioId: string;
  /**
   * The host knows the scenario is not stored yet: start from an empty form without asking the
   * service for its versions (which would answer 404). Saving stores version 1.
   */
  declare isNew: boolean;
  /** Service base URL without `/v1`; defaults to `configure({ apiBase })`. */
  declare apiBase: string | undefined;
  /** A fixed embed token with scope `admin`; prefer `fetchToken`. */
  declare token: string | undefined;
  /** UI locale (`en`, `es`, `fr`, `de`); defaults to `configure({ locale })`, then the page's `lang`. */
  declare locale: string | undefined;
  /** `light` (default) or `dark`. */
  declare theme: 'light' | 'dark';
  /** Async function returning a fresh admin embed token. */
  declare fetchToken: (() => Promise<string>) | undefined;

  declare private versions: AuthoredScenario[];
  declare private phase: 'loading' | 'ready' | 'saving';
  declare private announcement: string;
  declare private preview: number;
  private client: StudioClient | undefined;
  private previewClient: ElementsClient | undefined;
  private readonly localization = new LocaleController(this);
  private readonly disabled = new DisabledState(this);
  private readonly form = new FormState(this, (text) => (this.announcement = text));

  constructor() {
    super();
    this.scenarioId = '';
    this.isNew = false;
    this.theme = 'light';
    this.versions = [];
    this.phase = 'loading';
    this.announcement = '';
    this.preview = 0;
  }

  private get uiLocale(): string {
    return this.localization.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('locale'))
      void loadEditorStrings(this.uiLocale).then(() => this.requestUpdate());
    const keys = ['scenarioId', 'apiBase', 'token', 'fetchToken'] as const;
    if (!this.hasUpdated || keys.some((k) => changed.has(k))) void this.load();
  }

  /** Loads the latest stored version and the history again (unsaved edits are replaced). */
  async load(): Promise<void> {
    const own = { apiBase: this.apiBase, token: this.token, fetchToken: this.fetchToken };
    const problem = this.scenarioId
      ? configProblem('inflow-scenario-editor', this.scenarioId, 'embedded', own)
      : { code: 'missing_scenario', message: '<inflow-scenario-editor> needs a scenario-id attribute.' };
    if (problem) return this.disabled.disable(problem.code, problem.message);
    this.phase = 'loading';
    this.disabled.reason = undefined;
    const id = this.scenarioId;
    try {
      const shared = await clientFor(own);
      const client = (this.client = shared as unknown as StudioClient);
      // HR trying a draft is not activation: the preview's practice records no events.
      this.previewClient = { ...shared, track: () => undefined };
      const versions = this.isNew
        ? []
        : await client.listVersions(id).catch((error: unknown) => {
            if (errorCode(error) === 'not_found') return [];
            throw error;
          });
      if (id !== this.scenarioId) return;
      this.versions = versions;
      this.form.reset(versions[0] ? draftFrom(versions[0]) : emptyDraft(this.uiLocale));
      this.phase = 'ready';
    } catch (error) {
      this.disabled.disable(
        errorCode(error),
        `<inflow-scenario-editor scenario-id="${id}"> could not load: ${String(error)}`,
      );
    }
  }

  /** Validates and stores a new version; resolves whether it was stored. */
  async save(status: 'draft' | 'published'): Promise<boolean> {
    if (!this.client || this.phase !== 'ready') return false;
    if (this.form.problems().length) return this.refuse();
    this.phase = 'saving';
    try {
      const stored = await this.client.putScenario(this.scenarioId, toInput(this.form.draft, status));
      await this.stored(stored);
      this.announcement =
        status === 'published'
          ? msg(str`Published (version ${stored.version}).`, { id: 'editor.published' })
          : msg(str`Saved as draft (version ${stored.version}).`, { id: 'editor.saved' });
      return true;
    } catch (error) {
      this.phase = 'ready';
      const details = (error as { details?: Detail[] }).details;
      if (errorCode(error) === 'validation_failed' && details?.length) {
        return this.refuse(details);
      }
      this.failed(error);
      return false;
    }
  }

  private async stored(version: AuthoredScenario): Promise<void> {
    this.isNew = false;
    this.versions = await this.client!.listVersions(this.scenarioId).catch(() => [version, ...this.versions]);
    this.form.reset(draftFrom(version));
    this.phase = 'ready';
    this.dispatchEvent(new InflowScenarioSaveEvent(version));
  }

  private refuse(details?: Detail[]): false {
    this.form.showProblems(details);
    this.announcement = msg('Not saved: fix the marked fields.', { id: 'editor.fix' });
    return false;
  }

  private failed(error: unknown): void {
    const code = errorCode(error);
    this.announcement = msg(str`Not saved (${code}). Your changes are kept; try again.`, {
      id: 'editor.failed',
    });
    const message = `<inflow-scenario-editor scenario-id="${this.scenarioId}"> could not save: ${String(error)}`;
    console.warn(`[inflow] ${message}`);
    this.dispatchEvent(new InflowErrorEvent(code, message, false));
  }

  /** Saves unsaved changes as a draft, then opens a practice on the stored version. */
  async tryIt(): Promise<void> {
    if ((this.form.dirty || !this.versions[0]) && !(await this.save('draft'))) return;
    await import('../define/practice.js');
    this.preview++;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#preview-title')?.focus();
  }

  /** Archives the scenario: new sessions are refused, running ones and reports keep working. */
  async archive(): Promise<void> {
    if (!this.client || this.phase !== 'ready') return;
    this.phase = 'saving';
    try {
      await this.stored(await this.client.archiveScenario(this.scenarioId));
      this.announcement = msg('Archived.', { id: 'editor.archivedNow' });
    } catch (error) {
      this.phase = 'ready';
      this.failed(error);
    }
  }

  private editVersion(version: AuthoredScenario): void {
    this.form.reset(draftFrom(version), true);
    this.announcement = msg(str`Version ${version.version} is in the form; save to make it the latest.`, {
      id: 'editor.loaded',
    });
  }

  protected override render() {
    if (this.disabled.reason) return unavailableView(this.disabled.reason);
    if (this.phase === 'loading') return loadingView();
    const latest = this.versions[0];
    const busy = this.phase === 'saving';
    const actions = {
      tryIt: () => void this.tryIt(),
      publish: () => void this.save('published'),
      archive: () => void this.archive(),
    };
    const preview = {
      key: this.preview,
      scenarioId: this.scenarioId,
      client: this.previewClient,
      locale: this.locale,
      theme: this.theme,
      onClose: () => this.closePreview(),
    };
    return html`<div part="base" class="base" aria-busy=${busy ? 'true' : 'false'}>
      ${headerView(latest, this.form.dirty)}
      <form novalidate aria-labelledby="editor-title" @submit=${this.submit}>
        ${scenarioForm(this.form)} ${actionsView(latest, busy, actions)}
      </form>
      ${this.preview && latest ? previewView(latest, preview) : nothing}
      ${historyView(this.versions, this.uiLocale, (v) => this.editVersion(v))}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private submit(event: Event): void {
    event.preventDefault();
    void this.save('draft');
  }

  private closePreview(): void {
    this.preview = 0;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[part="try-button"]')?.focus(),
    );
  }
}
