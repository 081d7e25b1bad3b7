/** The weekly series of the report (a lazily loaded section, insights.ts): chart, table, CSV rows. */
import type { ActivationReport } from '@inflow/contract';
import { html, svg, type TemplateResult } from 'lit';
import { anchor, textW, type Fit } from './charts.js';
import type { CsvAdd } from './format.js';

/** One week's sessions over every source. */
export const weekSessions = (w: ActivationReport['weekly'][number]) =>
  Object.values(w.sessions).reduce((a, b) => a + b, 0);

/**
 * Weekly series: sessions as an area (the campaign's share darker), active users as a line, and
 * campaign sends marked on the time axis. Only the first and last weeks are labelled; a send's
 * label takes the first of two rows where it clears the labels before it, or is left out (its
 * marker stays). Every week's figures are in the text alternative and the data table.
 */
export function weeklyChart(r: ActivationReport, { w, f }: Fit): TemplateResult {
  const weeks = r.weekly;
  const line = Math.round(f * 1.4);
  const x = (i: number) => 10 + (i * (w - 20)) / Math.max(1, weeks.length - 1);
  // Each label row's right edge so far; a label goes in the first row it clears by 8 px.
  const ends = [-Infinity, -Infinity];
  const sends = weeks.flatMap((wk, i) => {
    if (!wk.campaignSends) return [];
    const s = `campaign (${wk.campaignSends})`;
    const tw = textW(s, f);
    const a = anchor(x(i), tw, w);
    const left = a === 'start' ? x(i) : a === 'end' ? x(i) - tw : x(i) - tw / 2;
    const at = ends.findIndex((end) => left >= end + 8);
    if (at >= 0) ends[at] = left + tw;
    return [{ i, s, a, at }];
  });
  const top = (ends[1]! > -Infinity ? 2 : 1) * line + 2;
  const base = top + 100;
  const max = Math.max(1, ...weeks.map((wk) => Math.max(weekSessions(wk), wk.activeUsers)));
  const y = (v: number) => base - (v / max) * 100;
  const area = (v: (wk: (typeof weeks)[number]) => number) =>
    `M${x(0)} ${base} ${weeks.map((wk, i) => `L${x(i)} ${y(v(wk))}`).join(' ')} L${x(weeks.length - 1)} ${base}Z`;
  const alt = `Weekly activity: ${weeks
    .map(
      (wk) =>
        `${wk.week}: ${wk.activeUsers} active users, ${wk.newActivations} new activations, ${weekSessions(wk)} sessions (${wk.sessions.campaign} campaign), ${wk.meaningfulSessions} meaningful, ${wk.campaignSends} campaign sends`,
    )
    .join('; ')}.`;
  return html`<svg
    part="weekly-chart"
    class="chart"
    viewBox="0 0 ${w} ${base + f + 14}"
    role="img"
    aria-label=${alt}
  >
    <line class="axis" x1="10" x2=${w - 10} y1=${base} y2=${base}></line>
    <path class="bar" d=${area(weekSessions)}></path>
    <path class="bar prompted" d=${area((wk) => wk.sessions.campaign)}></path>
    <polyline
      class="line"
      points=${weeks.map((wk, i) => `${x(i)},${y(wk.activeUsers)}`).join(' ')}
    ></polyline>
    ${sends.map(
      ({ i, s, a, at }) =>
        svg`<line class="goal" x1=${x(i)} x2=${x(i)} y1=${top} y2=${base}></line>
          ${at >= 0 ? svg`<text class="tick" x=${x(i)} y=${f + at * line} text-anchor=${a}>${s}</text>` : null}`,
    )}
    <text class="tick" x="10" y=${base + f + 6}>${weeks[0]?.week ?? ''}</text>
    <text class="tick" x=${w - 10} y=${base + f + 6} text-anchor="end">
      ${weeks.length > 1 ? weeks[weeks.length - 1]!.week : ''}
    </text>
  </svg>`;
}

export function weeklyView(r: ActivationReport, fit: Fit) {
  return html`<figure>
    <figcaption><h3>Week by week</h3></figcaption>
    ${weeklyChart(r, fit)}
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
