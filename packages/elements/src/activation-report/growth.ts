/** Skill growth in the report (a lazily loaded section, insights.ts): chart, tables, CSV rows. */
import type { ActivationReport } from '@inflow/contract';
import { html, nothing } from 'lit';
import { bars, type Fit } from './charts.js';
import { pct, type CsvAdd } from './format.js';

type GrowthRow = ActivationReport['growth']['scenarios'][number];

const growthTable = (caption: string, head: string, rows: GrowthRow[], attr: string) =>
  html`<div class="scroll">
    <table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${[head, 'People', 'First attempt (median)', 'Best attempt (median)', 'Passed'].map(
            (h) => html`<th scope="col">${h}</th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (g) =>
            html`<tr data-growth=${attr} data-key=${g.key}>
              <th scope="row">${g.key}</th>
              <td>${g.people}</td>
              <td>${pct(g.firstScoreMedian)}</td>
              <td>${pct(g.bestScoreMedian)}</td>
              <td>${pct(g.passRate)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;

export function growthView(r: ActivationReport, fit: Fit) {
  const g = r.growth;
  if (!g.scenarios.length && !g.withheldScenarios) return nothing;
  const rows = g.scenarios.flatMap((s) => [
    { label: `${s.key}, first`, share: s.firstScoreMedian ?? 0, value: pct(s.firstScoreMedian), muted: true },
    { label: `${s.key}, best`, share: s.bestScoreMedian ?? 0, value: pct(s.bestScoreMedian) },
  ]);
  const alt = `Median score, first and best attempt, by scenario: ${g.scenarios
    .map(
      (s) =>
        `${s.key} (${s.people} people): first ${pct(s.firstScoreMedian)}, best ${pct(s.bestScoreMedian)}, passed ${pct(s.passRate)}`,
    )
    .join('; ')}.`;
  return html`<figure>
    <figcaption><h3>Skill growth</h3></figcaption>
    ${g.scenarios.length ? bars(rows, alt, 'growth-chart', fit) : nothing}
    ${
      g.withheldScenarios
        ? html`<p class="note" data-privacy="growth">
            ${g.withheldScenarios} scenarios practised by fewer than ${r.privacy.minGroupSize} people are
            withheld.
          </p>`
        : nothing
    }
    ${growthTable('Skill growth by scenario (share of the maximum score)', 'Scenario', g.scenarios, 'scenario')}
    ${growthTable('Skill growth by team', 'Team', g.teams, 'team')}
  </figure>`;
}

export function growthCsv(r: ActivationReport, add: CsvAdd): void {
  add('growth', '', 'withheldScenarios', r.growth.withheldScenarios);
  for (const [section, rows] of [
    ['growthScenario', r.growth.scenarios],
    ['growthTeam', r.growth.teams],
  ] as const)
    for (const g of rows) for (const [k, v] of Object.entries(g)) if (k !== 'key') add(section, g.key, k, v);
}
