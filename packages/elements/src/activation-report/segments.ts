/**
 * Segments side by side (a lazily loaded section, insights.ts): each shown segment's funnel and
 * time to first interaction next to each other, a data table and CSV rows (docs/activation.md,
 * Segments). A person in two segments counts in both, so columns do not add up to the audience.
 */
import type { ActivationReport } from '@inflow/contract';
import { css, html, nothing, unsafeCSS } from 'lit';
import { bars, type Fit } from './charts.js';
import { duration, pct, STEP_LABELS, type CsvAdd } from './format.js';

type Group = ActivationReport['groups'][number];
/** A segment's column is at most this wide. */
const SW = 300;

/**
 * The side-by-side grid, adopted into the report's shadow root with the section's chunk
 * (insights.ts): a constructed style sheet, which a strict CSP allows and a `<style>` is not.
 */
export const segmentsStyles = css`
  .side {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, ${unsafeCSS(SW)}px));
    gap: 1rem;
  }
  .side h4 {
    margin: 0;
  }
  .side p {
    margin: 0 0 0.5rem;
  }
`;

const nameOf = (g: Group) => g.label ?? g.key;
const share = (g: Group, n: number) => (g.audience ? n / g.audience : 0);
const stepLabel = (step: string) => STEP_LABELS[step] ?? step;

/** One segment's funnel: per step its label and count, and a bar of its share of the segment. */
function segmentFunnel(g: Group, { w, f }: Fit) {
  const steps = g.funnel ?? [];
  const t = g.timeToFirstInteraction;
  const rows = steps.map((s) => ({
    label: stepLabel(s.step),
    share: share(g, s.users),
    value: `${s.users} (${pct(share(g, s.users))})`,
  }));
  const alt = `${nameOf(g)}, ${g.audience} people, activation ${pct(g.rate)}: ${rows
    .map((row) => `${row.label} ${row.value}`)
    .join('; ')}; time to first interaction median ${duration(t?.medianHours)}, p90 ${duration(
    t?.p90Hours,
  )}, ${t?.users ?? 0} people measured.`;
  // The grid's cell: SW wide, or the whole column when that is narrower.
  return bars(rows, alt, 'segment-funnel', { w: Math.min(SW, w), f }, undefined, g.key);
}

/** The table's rows: one figure each, one column per segment. */
function tableRows(groups: Group[]) {
  const t = (g: Group) => g.timeToFirstInteraction;
  const rows: [string, (g: Group) => string | number][] = [
    ['People', (g) => g.audience],
    ['Activated', (g) => g.activatedUsers],
    ['Activation rate', (g) => pct(g.rate)],
    ['Median time to first interaction', (g) => duration(t(g)?.medianHours)],
    ['p90 time to first interaction', (g) => duration(t(g)?.p90Hours)],
    ['People with a first interaction', (g) => t(g)?.users ?? 0],
    ...(groups[0]?.funnel ?? []).map(
      (f, i) =>
        [stepLabel(f.step), (g: Group) => g.funnel?.[i]?.users ?? 0] as [string, (g: Group) => number],
    ),
  ];
  return rows;
}

export function segmentsView(r: ActivationReport, fit: Fit) {
  if (r.groupBy !== 'segment') return nothing;
  const groups = r.groups;
  const withheld = r.privacy.withheldSegments ?? 0;
  return html`<figure data-section="segments">
    <figcaption><h3>Segments side by side</h3></figcaption>
    <div class="side">
      ${groups.map(
        (g) =>
          html`<div data-segment=${g.key}>
            <h4>${nameOf(g)}</h4>
            <p class="note">
              n = ${g.audience} · activation ${pct(g.rate)} · median time to first interaction
              ${duration(g.timeToFirstInteraction?.medianHours)}
            </p>
            ${segmentFunnel(g, fit)}
          </div>`,
      )}
    </div>
    <p class="note">A person in two segments counts in both.</p>
    ${
      withheld
        ? html`<p class="note" data-privacy="segments">
            ${withheld} segments are withheld: each shown segment, the rest of the audience, and the
            difference between any two shown segments cover 0 or at least ${r.privacy.minGroupSize} people. A
            time to first interaction measured on fewer than ${r.privacy.minGroupSize} people shows as —.
          </p>`
        : nothing
    }
    <div class="scroll">
      <table data-table="segments">
        <caption>
          Segments side by side
        </caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            ${groups.map((g) => html`<th scope="col">${nameOf(g)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${tableRows(groups).map(
            ([label, value]) =>
              html`<tr>
                <th scope="row">${label}</th>
                ${groups.map((g) => html`<td>${value(g)}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </figure>`;
}

/** Each segment's funnel and TTFI as raw numbers (the row's scalar figures are in `segment` rows). */
export function segmentsCsv(r: ActivationReport, add: CsvAdd): void {
  if (r.groupBy !== 'segment') return;
  for (const g of r.groups) {
    for (const f of g.funnel ?? []) add('segmentFunnel', g.key, f.step, f.users);
    for (const [k, v] of Object.entries(g.timeToFirstInteraction ?? {})) add('segmentTtfi', g.key, k, v);
  }
}
