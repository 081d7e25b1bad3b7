/**
 * The report's first chart sections (funnel, prompted or not, time to first interaction, the
 * team and second breakdowns), laid out in the measured width (charts.ts). Loaded with the
 * insights chunk: the report shows nothing before both it and the data are in.
 */
import type { ActivationReport } from '@inflow/contract';
import { html, nothing } from 'lit';
import { funnelChart, groupChart, splitChart, ttfiChart, type Fit } from './charts.js';
import { groupTable } from './report-views.js';

/** The second breakdown's figures as a table (by scenario or source; segments have their own). */
function groupsTable(r: ActivationReport) {
  if (r.groupBy === 'team' || r.groupBy === 'segment') return nothing;
  return html`<div class="scroll">${groupTable(r.groups, r.groupBy)}</div>`;
}

/** `teamNote` goes under the team chart (the privacy note, from the element's first sight). */
export function chartsView(r: ActivationReport, fit: Fit, teamNote: unknown) {
  const a = r.activation;
  return html`<figure>
      <figcaption><h3>Funnel</h3></figcaption>
      ${funnelChart(r, fit)}
    </figure>
    <figure>
      <figcaption><h3>Prompted or not</h3></figcaption>
      ${splitChart(r, fit)}
      <ul class="legend">
        <li><span class="swatch"></span>Activated without a prompt (${a.unpromptedUsers})</li>
        <li><span class="swatch prompted"></span>Only via an HR campaign (${a.promptedUsers})</li>
        <li>
          <span class="swatch none"></span>No meaningful interaction
          (${Math.max(0, r.audience.size - a.unpromptedUsers - a.promptedUsers)})
        </li>
      </ul>
    </figure>
    <figure>
      <figcaption><h3>Time to first interaction</h3></figcaption>
      ${ttfiChart(r, fit)}
    </figure>
    <figure>
      <figcaption><h3>Activation by team</h3></figcaption>
      ${groupChart(r.teams, r, 'team', fit)} ${teamNote}
    </figure>
    ${
      r.groupBy !== 'team'
        ? html`<figure>
            <figcaption><h3>Activation by ${r.groupBy}</h3></figcaption>
            ${groupChart(r.groups, r, r.groupBy, fit)} ${groupsTable(r)}
          </figure>`
        : nothing
    }`;
}
