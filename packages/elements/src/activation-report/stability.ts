/** API stability in the report (a lazily loaded section, insights.ts): the service's own timings. */
import type { ActivationReport } from '@inflow/contract';
import { html, nothing } from 'lit';
import { ms, num, type CsvAdd } from './format.js';

export function stabilityView(r: ActivationReport) {
  const s = r.stability;
  if (!s.turns && !s.coachErrors) return nothing;
  const rows: [string, string, number | null, string][] = [
    ['firstDeltaP50Ms', 'Time to first words, median', s.firstDeltaP50Ms, ms(s.firstDeltaP50Ms)],
    ['firstDeltaP95Ms', 'Time to first words, 95th percentile', s.firstDeltaP95Ms, ms(s.firstDeltaP95Ms)],
    ['turnP95Ms', 'Whole turn, 95th percentile', s.turnP95Ms, ms(s.turnP95Ms)],
    [
      'coachErrorsPer100Sessions',
      `Coach errors per 100 sessions (${s.coachErrors})`,
      s.coachErrorsPer100Sessions,
      num(s.coachErrorsPer100Sessions),
    ],
  ];
  return html`<div class="scroll">
    <table data-section="stability">
      <caption>
        API stability: ${s.turns} turns as the service timed them
      </caption>
      <tbody>
        ${rows.map(
          ([key, label, value, text]) =>
            html`<tr data-metric=${key}>
              <th scope="row">${label}</th>
              <td><data value=${value ?? ''}>${text}</data></td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function stabilityCsv(r: ActivationReport, add: CsvAdd): void {
  for (const [k, v] of Object.entries(r.stability)) add('stability', '', k, v);
}
