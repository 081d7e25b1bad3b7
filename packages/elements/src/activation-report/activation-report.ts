import type { InflowClient } from '@inflow/client';
import type { ActivationReport, GroupBy } from '@inflow/contract';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { errorCode } from '../core/client-types.js';
import { clientFor, resolveOptions } from '../core/config.js';
import { InflowErrorEvent } from '../events/error-event.js';
import { reportStyles } from './activation-report.styles.js';
import type { Fit } from './charts.js';
import { duration, num, pct, reportToCsv } from './format.js';
import { decisionView, privacyNote, tableView } from './report-views.js';

type ReportClient = Pick<InflowClient, 'getActivation'>;
type Insights = typeof import('./insights.js');

const ERRORS: Record<string, string> = {
  forbidden: 'This report needs an admin token (scope "admin").',
  unauthorized: 'The service did not accept the token.',
  token_expired: 'The token has expired; reload to get a new one.',
  validation_failed: 'The date range is not valid.',
  network: 'The activation service cannot be reached.',
};

/**
 * The HR view of activation (docs/design.md §6): the funnel, the unprompted activation rate and its
 * prompted/unprompted split, time to first interaction, support load, per-team spread and the
 * go / no-go for scaling with each measured value. Charts are SVG with text alternatives, every
 * figure is also in a data table, and the report downloads as CSV.
 *
 * @summary Activation metrics for HR: funnel, rate, TTFI, support load, teams, go / no-go.
 *
 * @csspart base - The report wrapper.
 * @csspart export - The "Download CSV" link.
 * @csspart kpi - Each headline figure (activation, TTFI, support load, spread).
 * @csspart decision - The go / no-go badge.
 * @csspart criteria - The list of go / no-go criteria.
 * @csspart funnel-chart - The funnel SVG.
 * @csspart split-chart - The prompted / unprompted split SVG.
 * @csspart ttfi-chart - The time-to-first-interaction SVG.
 * @csspart team-chart - The per-team SVG.
 * @csspart weekly-chart - The week-by-week SVG (sessions, active users, campaign sends).
 * @csspart growth-chart - Median first and best score share per scenario (when scores exist).
 * @csspart scenario-chart - The per-scenario SVG (`group-by="scenario"`).
 * @csspart source-chart - The per-source SVG (`group-by="source"`).
 * @csspart segment-chart - The per-segment SVG (`group-by="segment"`).
 * @csspart segment-funnel - Each segment's funnel SVG, side by side (`group-by="segment"`).
 * @csspart empty - The note shown when there is no audience or no activity.
 *
 * @cssprop --inflow-color-accent - Bars and links.
 * @cssprop --inflow-color-text - Text.
 * @cssprop --inflow-color-surface - Background.
 * @cssprop --inflow-color-border - Card borders and bar tracks.
 * @cssprop --inflow-font - Font shorthand.
 *
 * @event inflow-error - The report could not be loaded; `code`, `message`, `fatal`.
 */
export class InflowActivationReport extends LitElement {
  static override styles = reportStyles;

  static override properties = {
    apiBase: { attribute: 'api-base' },
    token: {},
    fetchToken: { attribute: false },
    from: {},
    to: {},
    groupBy: { attribute: 'group-by' },
    report: { state: true },
    status: { state: true },
    problem: { state: true },
    csvUrl: { state: true },
    insights: { state: true },
    fit: { state: true },
  };

  /** Service base URL without `/v1`; defaults to `configure({ apiBase })`. */
  declare apiBase: string | undefined;
  /** An embed token with scope `admin`; prefer `fetchToken`. */
  declare token: string | undefined;
  /** Returns a fresh admin embed token. */
  declare fetchToken: (() => Promise<string>) | undefined;
  /** Start of the range: a date (`2026-03-02`) or date-time. Default: 42 days before `to`. */
  declare from: string | undefined;
  /** End of the range; a date covers that whole day. Default: now. */
  declare to: string | undefined;
  /** Second breakdown besides teams: `team` (default), `scenario`, `source` or `segment` (the roster's). */
  declare groupBy: GroupBy;

  declare report: ActivationReport | undefined;
  declare status: 'idle' | 'loading' | 'ready' | 'error';
  declare problem: string;
  declare csvUrl: string;
  declare insights: Insights | undefined;
  /** The charts' width and text size in px, measured (charts.ts): their text is the cards' size. */
  declare fit: Fit;

  constructor() {
    super();
    this.groupBy = 'team';
    this.status = 'idle';
    this.problem = '';
    this.csvUrl = '';
    this.fit = { w: 640, f: 15 };
  }

  #abort: AbortController | undefined;

  // The ruler (a hidden box with a figure's padding and border) is as wide as a chart and changes
  // size only with the column, so re-laying the charts out never loops back into the observer.
  #ruler: ResizeObserver | undefined;

  protected override firstUpdated(): void {
    this.#ruler = new ResizeObserver(([e]) => {
      const w = e!.contentRect.width;
      const f = parseFloat(getComputedStyle(e!.target).fontSize) || 15;
      if (w > 0 && (Math.abs(w - this.fit.w) > 0.5 || f !== this.fit.f)) this.fit = { w, f };
    });
    this.#observe();
  }

  #observe() {
    const ruler = this.renderRoot.querySelector('.ruler');
    if (ruler) this.#ruler?.observe(ruler);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#ruler?.disconnect();
    this.#abort?.abort();
    if (this.csvUrl) URL.revokeObjectURL(this.csvUrl);
    this.csvUrl = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) {
      this.#observe();
      void this.load();
    }
  }

  // willUpdate, not updated: the synchronous "loading" state joins this render instead of
  // scheduling another one.
  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = ['apiBase', 'token', 'fetchToken', 'from', 'to', 'groupBy'] as const;
    if (!this.#requested || keys.some((k) => changed.has(k))) void this.load();
  }

  #requested = false;

  /** Fetches the report again (e.g. after uploading a new roster). */
  async load(): Promise<void> {
    this.#requested = true;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const own = { apiBase: this.apiBase, token: this.token, fetchToken: this.fetchToken };
    if (!resolveOptions(own).apiBase)
      return this.fail('missing_api_base', 'set the api-base attribute or call configure({ apiBase })', true);
    this.status = 'loading';
    // The later sections (insights.ts) load while the data is on its way: the first sight stays small.
    const later = import('./insights.js');
    later.catch(() => undefined); // a failed fetch below reports the problem; this one is then moot
    try {
      const client = (await clientFor(own)) as unknown as ReportClient; // async: the client loads on first use
      const report = await client.getActivation(
        {
          groupBy: this.groupBy,
          ...(this.from ? { from: this.from } : {}),
          ...(this.to ? { to: this.to } : {}),
        },
        { signal: abort.signal },
      );
      const insights = await later;
      if (abort.signal.aborted) return;
      if (this.csvUrl) URL.revokeObjectURL(this.csvUrl);
      this.csvUrl = URL.createObjectURL(
        new Blob([reportToCsv(report, insights.insightsCsv)], { type: 'text/csv' }),
      );
      // The chunk's styles join the element's once: constructed sheets, which a strict CSP allows.
      // (Each lazy chunk does this inline: a shared helper would be a chunk of its own, +0.19 kB.)
      const root = this.renderRoot as ShadowRoot;
      if (!this.insights)
        root.adoptedStyleSheets = [
          ...root.adoptedStyleSheets,
          ...insights.insightsStyles.map((x) => x.styleSheet!),
        ];
      this.insights = insights;
      this.report = report;
      this.status = 'ready';
    } catch (error) {
      if (abort.signal.aborted) return;
      const code = errorCode(error);
      this.fail(code, (error as Error | undefined)?.message ?? code, false);
    }
  }

  private fail(code: string, message: string, fatal: boolean): void {
    this.status = 'error';
    this.problem = ERRORS[code] ?? `The report could not be loaded (${code}).`;
    console.warn(`[inflow] <inflow-activation-report>: ${message}`);
    this.dispatchEvent(new InflowErrorEvent(code, message, fatal));
  }

  protected override render() {
    const r = this.report;
    return html`<section
      part="base"
      class="base"
      aria-busy=${this.status === 'loading' ? 'true' : 'false'}
      aria-labelledby="title"
    >
      <div class="ruler" aria-hidden="true"></div>
      <header>
        <h2 id="title">Activation</h2>
        ${
          r
            ? html`<p class="meta">
                  ${r.range.from.slice(0, 10)} to ${r.range.to.slice(0, 10)} · audience ${r.audience.size} in
                  ${r.audience.teams} teams · meaningful = ${r.meaningful.userTurns} user turns or a completed
                  session${
                    r.audience.outside
                      ? html` ·
                          <span data-outside
                            >${r.audience.outside} active users not on the roster (not counted)</span
                          >`
                      : nothing
                  }
                </p>
                <a
                  part="export"
                  class="export"
                  href=${this.csvUrl}
                  download="inflow-activation-${r.range.from.slice(0, 10)}-${r.range.to.slice(0, 10)}.csv"
                  >Download CSV</a
                >`
            : nothing
        }
      </header>
      <p class="status" role="status">${this.status === 'loading' ? 'Loading the activation report…' : ''}</p>
      ${this.status === 'error' ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${r && this.insights ? this.renderReport(r, this.insights) : nothing}
    </section>`;
  }

  private renderReport(r: ActivationReport, i: Insights) {
    if (r.audience.size === 0 && r.funnel.every((f) => f.users === 0)) {
      return html`<p class="empty" part="empty">
        No audience and no activity in this range yet. Upload the target roster (PUT /v1/audience) to measure
        activation against it.
      </p>`;
    }
    const { activation: a, timeToFirstInteraction: t, supportLoad: s, uniformity: u } = r;
    const fit = this.fit;
    return html`
      ${r.audience.size === 0 ? html`<p class="empty" part="empty">No audience uploaded: rates need the target roster (PUT /v1/audience).</p>` : nothing}
      ${r.funnel.every((f) => f.users === 0) ? html`<p class="empty" part="empty">No activity from the audience in this range.</p>` : nothing}
      <div class="kpis">
        <div part="kpi" class="kpi" data-metric="activation">
          <h3>Activation rate</h3>
          <data class="big" value=${a.rate ?? ''}>${pct(a.rate)}</data>
          <p>
            <data value=${a.activatedUsers}>${a.activatedUsers}</data> of ${r.audience.size} unprompted ·
            <data value=${a.promptedUsers}>${a.promptedUsers}</data> only when prompted
          </p>
        </div>
        <div part="kpi" class="kpi" data-metric="ttfi">
          <h3>Time to first interaction</h3>
          <data class="big" value=${t.medianHours ?? ''}>${duration(t.medianHours)}</data>
          <p>
            median · p90 <data value=${t.p90Hours ?? ''}>${duration(t.p90Hours)}</data> · ${t.users} users
          </p>
        </div>
        <div part="kpi" class="kpi" data-metric="support">
          <h3>Support load</h3>
          <data class="big" value=${s.per100Sessions ?? ''}>${num(s.per100Sessions)}</data>
          <p>
            per 100 sessions · <data value=${s.help}>${s.help}</data> help,
            <data value=${s.errors}>${s.errors}</data> errors,
            <data value=${s.sessions}>${s.sessions}</data> sessions
          </p>
        </div>
        <div part="kpi" class="kpi" data-metric="uniformity">
          <h3>Spread across teams</h3>
          <data class="big" value=${u.cv ?? ''}>${num(u.cv, 2)}</data>
          <p>coefficient of variation · ${pct(u.min)} to ${pct(u.max)}</p>
        </div>
      </div>
      ${decisionView(r, i.focusView(r))} ${i.weeklyView(r, fit)} ${i.chartsView(r, fit, privacyNote(r))}
      ${i.insightsView(r, fit)} ${tableView(r)}
    `;
  }
}
