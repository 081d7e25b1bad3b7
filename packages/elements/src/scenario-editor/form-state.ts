/**
 * What the form shows and which problems it shows where: the draft, the fields the person has
 * touched (their problems show as they type), "show all" after a refused save, and the service's
 * 422 details until the field they name is edited. Implements the form's FormHost.
 */
import type { ReactiveControllerHost } from 'lit';
import type { CriterionDraft, ScenarioDraft } from './draft.js';
import { emptyDraft, toInput } from './draft.js';
import type { FormHost } from './form.js';
import { problemMessage } from './messages.js';
import { added, moved, removed, type RubricChange } from './rubric.js';
import { fieldPath, validateScenario, type Problem } from './validate.js';

export type Detail = { path: string; message: string };

type Host = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

export class FormState implements FormHost {
  draft: ScenarioDraft = emptyDraft('en');
  /** Edits since the last load or save. */
  dirty = false;
  private touched = new Set<string>();
  private showAll = false;
  private serverProblems: Detail[] = [];
  private checked: { draft: ScenarioDraft; problems: Problem[] } | undefined;

  constructor(
    private readonly host: Host,
    private readonly announce: (text: string) => void,
  ) {}

  /** Starts over with `draft` (loaded or just stored): nothing touched, nothing to show. */
  reset(draft: ScenarioDraft, dirty = false): void {
    this.draft = draft;
    this.dirty = dirty;
    this.touched = new Set();
    this.showAll = false;
    this.serverProblems = [];
    this.host.requestUpdate();
  }

  /** The contract's problems with the draft as it is now. */
  problems(): Problem[] {
    if (this.checked?.draft !== this.draft)
      this.checked = { draft: this.draft, problems: validateScenario(toInput(this.draft, 'draft')) };
    return this.checked.problems;
  }

  /** Shows every problem (and the service's, if given) and moves focus to the first invalid field. */
  showProblems(details: Detail[] = this.serverProblems): void {
    this.showAll = true;
    this.serverProblems = details;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  }

  messagesFor(path: string): string[] {
    const shown = this.showAll || this.touched.has(path);
    const own = shown ? this.problems().filter((p) => p.path === path) : [];
    const server = this.serverProblems.filter((d) => fieldPath(d.path) === path);
    return [...own.map(problemMessage), ...server.map((d) => d.message)];
  }

  edit(path: string, patch: Partial<ScenarioDraft>): void {
    this.draft = { ...this.draft, ...patch };
    this.dirty = true;
    this.touched.add(path);
    this.serverProblems = this.serverProblems.filter((d) => fieldPath(d.path) !== path);
    this.host.requestUpdate();
  }

  editCriterion(index: number, path: string, patch: Partial<CriterionDraft>): void {
    this.edit(path, { rubric: this.draft.rubric.map((c, i) => (i === index ? { ...c, ...patch } : c)) });
  }

  addCriterion(): void {
    this.change(added(this.draft.rubric));
  }

  removeCriterion(index: number): void {
    this.change(removed(this.draft.rubric, index));
  }

  moveCriterion(index: number, by: -1 | 1): void {
    this.change(moved(this.draft.rubric, index, by));
  }

  /** Criteria moved: problems recorded by index no longer apply to the same criterion. */
  private change(change: RubricChange | undefined): void {
    if (!change) return;
    this.draft = { ...this.draft, rubric: change.rubric };
    this.dirty = true;
    this.touched = new Set([...this.touched].filter((p) => !p.startsWith('/rubric')));
    this.serverProblems = this.serverProblems.filter((d) => !d.path.startsWith('/rubric'));
    this.announce(change.said);
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>(change.focus)?.focus(),
    );
  }
}
