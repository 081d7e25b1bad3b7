/** The weekly series of the report (a lazily loaded section, insights.ts): chart, table, CSV rows. */
import type { ActivationReport } from '@inflow/contract';
import { html, svg, type TemplateResult } from 'lit';
import { anchor, W } from './charts.js';
import type { CsvAdd } from './format.js';

/** One week's sessions over every source. */
export const weekSessions = (w: ActivationReport['weekly'][number]) =>
  Object.values(w.sessions).reduce((a, b) => a + b, 0);

/**
 * Weekly series: sessions as an area (the campaign's share darker), active users as a line, and
 * campaign sends marked on the time axis. Only the first and last weeks are labelled, so labels
 * never collide; every week's figures are in the text alternative and the data table.
 */
export function weeklyChart(r: ActivationReport): TemplateResult {
  const weeks = r.weekly;
  const h = 150;
  const max = Math.max(1, ...weeks.map((w) => Math.max(weekSessions(w), w.activeUsers)));
  const x = (i: number) => 10 + (i * (W - 20)) / Math.max(1, weeks.length - 1);
  const y = (v: number) => 120 - (v / max) * 100;
  const area = (v: (w: (typeof weeks)[number]) => number) =>
    `M${x(0)} 120 ${weeks.map((w, i) => `L${x(i)} ${y(v(w))}`).join(' ')} L${x(weeks.length - 1)} 120Z`;
  const alt = `Weekly activity: ${weeks
    .map(
      (w) =>
        `${w.week}: ${w.activeUsers} active users, ${w.newActivations} new activations, ${weekSessions(w)} sessions (${w.sessions.campaign} campaign), ${w.meaningfulSessions} meaningful, ${w.campaignSends} campaign sends`,
    )
    .join('; ')}.`;
  return html`<svg part="weekly-chart" class="chart" viewBox="0 0 ${W} ${h}" role="img" aria-label=${alt}>
    <line class="axis" x1="10" x2=${W - 10} y1="120" y2="120"></line>
    <path class="bar" d=${area(weekSessions)}></path>
    <path class="bar prompted" d=${area((w) => w.sessions.campaign)}></path>
    <polyline class="line" points=${weeks.map((w, i) => `${x(i)},${y(w.activeUsers)}`).join(' ')}></polyline>
    ${weeks.map((w, i) =>
      w.campaignSends
        ? svg`<line class="goal" x1=${x(i)} x2=${x(i)} y1="14" y2="120"></line>
          <text class="tick" x=${x(i)} y="10" text-anchor=${anchor(x(i))}>campaign (${w.campaignSends})</text>`
        : null,
    )}
    <text class="tick" x="10" y="140">${weeks[0]?.week ?? ''}</text>
    <text class="tick" x=${W - 10} y="140" text-anchor="end">
      ${weeks.length > 1 ? weeks[weeks.length - 1]!.week : ''}
    </text>
  </svg>`;
}

export function weeklyView(r: ActivationReport) {
  return html`<figure>
    <figcaption><h3>Week by week</h3></figcaption>
    ${weeklyChart(r)}
    <ul class="legend">
      <li><span class="swatch"></span>Sessions</li>
      <li><span class="swatch prompted"></span>of which from an HR campaign</li>
      <li><span class="swatch line"></span>Active users</li>
    </ul>
    <details>
      <summary>Week by week as a table</summary>
      <table>
        <caption>
          Week by week (ISO weeks)
        </caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Active users</th>
            <th scope="col">New activations</th>
            <th scope="col">Sessions</th>
            <th scope="col">Campaign</th>
            <th scope="col">Meaningful</th>
            <th scope="col">Campaign sends</th>
          </tr>
        </thead>
        <tbody>
          ${r.weekly.map(
            (w) =>
              html`<tr data-week=${w.week}>
                <th scope="row">${w.week}</th>
                <td>${w.activeUsers}</td>
                <td>${w.newActivations}</td>
                <td>${weekSessions(w)}</td>
                <td>${w.sessions.campaign}</td>
                <td>${w.meaningfulSessions}</td>
                <td>${w.campaignSends}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>
  </figure>`;
}

export function weeklyCsv(r: ActivationReport, add: CsvAdd): void {
  for (const { week, sessions, ...w } of r.weekly) {
    for (const [k, v] of Object.entries(sessions)) add('weekly', week, `sessions.${k}`, v);
    for (const [k, v] of Object.entries(w)) add('weekly', week, k, v);
  }
}
