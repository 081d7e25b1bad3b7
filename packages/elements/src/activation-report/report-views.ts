/** The go / no-go box and the data tables of `<inflow-activation-report>`: every figure as text. */
import type { ActivationReport } from '@inflow/contract';
import { html, nothing } from 'lit';
import { criterionValue, pct, STEP_LABELS } from './format.js';

/** The go / no-go decision with each criterion's measured value and goal. */
export function decisionView(r: ActivationReport, focus: unknown = nothing) {
  const go = r.goNoGo.decision === 'go';
  const whole = new Map(r.goNoGo.focus?.wholeAudience.criteria.map((c) => [c.metric, c.value]));
  return html`<div class="decision-box">
    <h3>
      Scale the pilot?
      <span part="decision" class="badge ${go ? 'pass' : 'fail'}" data-decision=${r.goNoGo.decision}
        >${go ? 'Go' : 'No-go'}</span
      >
    </h3>
    ${focus}
    <ul part="criteria" class="criteria">
      ${r.goNoGo.criteria.map(
        (c) =>
          html`<li data-metric=${c.metric}>
            <span class="badge ${c.pass ? 'pass' : 'fail'}">${c.pass ? 'Pass' : 'Fail'}</span>
            ${c.label}: <data value=${c.value ?? ''}>${criterionValue(c.metric, c.value)}</data>
            (goal ${c.comparator === '>=' ? 'at least' : 'at most'}
            ${criterionValue(c.metric, c.threshold)})${
              whole.has(c.metric)
                ? html` · whole audience
                    <data data-whole value=${whole.get(c.metric) ?? ''}
                      >${criterionValue(c.metric, whole.get(c.metric) ?? null)}</data
                    >`
                : nothing
            }
          </li>`,
      )}
    </ul>
  </div>`;
}

/** Says when team figures are combined or withheld, and why (docs/activation.md, Small groups). */
export function privacyNote(r: ActivationReport) {
  const { minGroupSize: min, foldedTeams, withheldTeams } = r.privacy;
  if (withheldTeams)
    return html`<p class="note" data-privacy="withheld">
      Team figures are withheld: the audience has fewer than ${min} members.
    </p>`;
  if (foldedTeams)
    return html`<p class="note" data-privacy="folded">
      ${foldedTeams} teams are combined into “Other teams”: no figure describes fewer than ${min} people.
    </p>`;
  return nothing;
}

export function tableView(r: ActivationReport) {
  return html`<details>
    <summary>All figures as a table</summary>
    <table>
      <caption>
        Funnel (audience members reaching each step)
      </caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Users</th>
        </tr>
      </thead>
      <tbody>
        ${r.funnel.map(
          (f) =>
            html`<tr data-step=${f.step}>
              <th scope="row">${STEP_LABELS[f.step] ?? f.step}</th>
              <td>${f.users}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${groupTable(r.teams, 'team')}
  </details>`;
}

/**
 * A breakdown's figures as a table: the teams (rows `data-team`) or the second breakdown by
 * scenario or source (rows `data-group`). The same columns as the breakdown's chart.
 */
export function groupTable(groups: ActivationReport['groups'], by: 'team' | 'scenario' | 'source') {
  const team = by === 'team';
  return html`<table data-table=${team ? nothing : 'groups'}>
    <caption>
      ${team ? 'By team' : `Activation by ${by}`}
    </caption>
    <thead>
      <tr>
        ${[
          { team: 'Team', scenario: 'Scenario', source: 'Source' }[by],
          'Audience',
          'Activated',
          'Rate',
          'Sessions',
        ].map((h) => html`<th scope="col">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${groups.map(
        (g) =>
          html`<tr data-team=${team ? g.key : nothing} data-group=${team ? nothing : g.key}>
            <th scope="row">${g.label ?? g.key}</th>
            <td>${g.audience}</td>
            <td>${g.activatedUsers}</td>
            <td>${pct(g.rate)}</td>
            <td>${g.sessions}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
