/** Return visits in the report (a lazily loaded section, insights.ts): the 14-day share and cohorts. */
import type { ActivationReport } from '@inflow/contract';
import { html, nothing } from 'lit';
import { pct, type CsvAdd } from './format.js';

export function returnsView(r: ActivationReport) {
  const x = r.returns;
  if (!x.eligible && !x.cohorts.length && !x.withheldCohorts) return nothing;
  return html`<figure data-section="returns">
    <figcaption><h3>Coming back</h3></figcaption>
    <p data-metric="returned">
      Practised again within 14 days: <data value=${x.rate ?? ''}>${pct(x.rate)}</data> (<data
        value=${x.returned}
        >${x.returned}</data
      >
      of ${x.eligible} activated at least 14 days before the end)
    </p>
    <div class="scroll">
      <table>
        <caption>
          Of those first activated in a week, the share who practised in each later week
        </caption>
        <thead>
          <tr>
            ${['First activated', 'People', '+1 week', '+2 weeks', '+3 weeks', '+4 weeks'].map(
              (h) => html`<th scope="col">${h}</th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${x.cohorts.map(
            (c) =>
              html`<tr data-cohort=${c.week}>
                <th scope="row">${c.week}</th>
                <td>${c.users}</td>
                ${c.again.map((v) => html`<td>${v === null ? 'not yet' : pct(v)}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      x.withheldCohorts
        ? html`<p class="note" data-privacy="cohorts">
            ${x.withheldCohorts} weeks with fewer than ${r.privacy.minGroupSize} new activations are withheld.
          </p>`
        : nothing
    }
  </figure>`;
}

export function returnsCsv(r: ActivationReport, add: CsvAdd): void {
  const { cohorts, ...x } = r.returns;
  for (const [k, v] of Object.entries(x)) add('returns', '', k, v);
  for (const c of cohorts) {
    add('cohort', c.week, 'users', c.users);
    c.again.forEach((v, i) => add('cohort', c.week, `week+${i + 1}`, v));
  }
}
