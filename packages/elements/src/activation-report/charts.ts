/**
 * The report's charts as plain SVG (no chart library: four bar-and-marker charts do not earn
 * one's weight). Each chart is one `role="img"` with a full text alternative in `aria-label`;
 * the exact figures are also in the element's data table.
 */
import type { ActivationReport } from '@inflow/contract';
import { html, svg, type TemplateResult } from 'lit';
import { duration, pct, STEP_LABELS } from './format.js';

export const W = 640;
const LABEL_W = 190;
// Room for the widest value label at 13px, e.g. "100.0 % (1000/1000)".
const VALUE_W = 150;
const BAR_W = W - LABEL_W - VALUE_W;
const ROW = 30;

interface Bar {
  label: string;
  /** 0..1 share of the bar area. */
  share: number;
  value: string;
  muted?: boolean;
}

export function bars(
  rows: Bar[],
  ariaLabel: string,
  part: string,
  goal?: { share: number; label: string },
): TemplateResult {
  const h = rows.length * ROW + (goal ? 22 : 6);
  const top = goal ? 18 : 0;
  const x = (share: number) => LABEL_W + Math.max(0, Math.min(1, share)) * BAR_W;
  return html`<svg part=${part} class="chart" viewBox="0 0 ${W} ${h}" role="img" aria-label=${ariaLabel}>
    ${rows.map(
      (r, i) => svg`<g transform="translate(0 ${top + i * ROW})">
        <text class="label" x=${LABEL_W - 8} y="19" text-anchor="end">${r.label}</text>
        <rect class="track" x=${LABEL_W} y="6" width=${BAR_W} height="18" rx="3"></rect>
        <rect class=${r.muted ? 'bar muted' : 'bar'} x=${LABEL_W} y="6" width=${x(r.share) - LABEL_W} height="18" rx="3"></rect>
        <text class="value" x=${W - VALUE_W + 8} y="19">${r.value}</text>
      </g>`,
    )}
    ${
      goal
        ? svg`<line class="goal" x1=${x(goal.share)} x2=${x(goal.share)} y1="14" y2=${h}></line>
          <text class="goal-label" x=${x(goal.share)} y="11" text-anchor="middle">${goal.label}</text>`
        : null
    }
  </svg>`;
}

/** Funnel: users reaching each step, as a share of the audience (or of the first step without one). */
export function funnelChart(r: ActivationReport): TemplateResult {
  const base = r.audience.size || Math.max(1, ...r.funnel.map((f) => f.users));
  const rows = r.funnel.map((f) => ({
    label: STEP_LABELS[f.step] ?? f.step,
    share: f.users / base,
    value: `${f.users} (${pct(f.users / base)})`,
  }));
  const alt = `Funnel of ${base} ${r.audience.size ? 'audience members' : 'users'}: ${rows.map((row) => `${row.label} ${row.value}`).join('; ')}.`;
  return bars(rows, alt, 'funnel-chart');
}

/** Activation split of the audience: unprompted (activated), prompted only, neither. */
export function splitChart(r: ActivationReport): TemplateResult {
  const size = r.audience.size;
  const { unpromptedUsers: u, promptedUsers: p } = r.activation;
  const rest = Math.max(0, size - u - p);
  const share = (n: number) => (size ? n / size : 0);
  const alt = size
    ? `Of ${size} audience members: ${u} activated unprompted (${pct(share(u))}), ${p} only when prompted by a campaign (${pct(share(p))}), ${rest} with no meaningful interaction.`
    : 'No audience uploaded: the activation split cannot be computed.';
  const x1 = share(u) * W;
  const x2 = x1 + share(p) * W;
  return html`<svg part="split-chart" class="chart" viewBox="0 0 ${W} 28" role="img" aria-label=${alt}>
    <rect class="track" x="0" y="4" width=${W} height="20" rx="3"></rect>
    <rect class="bar" x="0" y="4" width=${x1} height="20"></rect>
    <rect class="bar prompted" x=${x1} y="4" width=${x2 - x1} height="20"></rect>
  </svg>`;
}

/** A label's anchor at `x` that keeps its text inside the chart's width. */
export const anchor = (x: number) => (x < W * 0.2 ? 'start' : x > W * 0.8 ? 'end' : 'middle');

/**
 * Time to first interaction: median and p90 on an hours axis, with the tenant's goal. Only the
 * markers are labelled (median above, p90 below): axis-end ticks collide with a p90 near the end.
 */
export function ttfiChart(r: ActivationReport): TemplateResult {
  const { medianHours: median, p90Hours: p90, users } = r.timeToFirstInteraction;
  const goal = r.goNoGo.criteria.find((c) => c.metric === 'ttfiMedianHours')?.threshold;
  const max = Math.max(1, p90 ?? 0, median ?? 0, goal ?? 0) * 1.1;
  const x = (hours: number) => 10 + (hours / max) * (W - 20);
  const alt =
    median === null
      ? 'No first interactions in this range.'
      : `Time to first interaction over ${users} users: median ${duration(median)}, 90th percentile ${duration(p90)}${goal !== undefined ? `, goal at most ${duration(goal)}` : ''}.`;
  return html`<svg part="ttfi-chart" class="chart" viewBox="0 0 ${W} 64" role="img" aria-label=${alt}>
    <line class="axis" x1="10" x2=${W - 10} y1="34" y2="34"></line>
    ${
      median !== null && p90 !== null
        ? svg`<rect class="bar" x=${x(0)} y="26" width=${x(median) - x(0)} height="16" rx="3"></rect>
          <rect class="bar prompted" x=${x(median)} y="26" width=${Math.max(0, x(p90) - x(median))} height="16"></rect>
          <text class="value" x=${x(median)} y="18" text-anchor=${anchor(x(median))}>median ${duration(median)}</text>
          <text class="tick" x=${x(p90)} y="58" text-anchor=${anchor(x(p90))}>p90 ${duration(p90)}</text>`
        : null
    }
    ${goal !== undefined ? svg`<line class="goal" x1=${x(goal)} x2=${x(goal)} y1="20" y2="46"></line>` : null}
  </svg>`;
}

/** Per-group activation rate (teams, scenarios or sources), with the activation goal line. */
export function groupChart(
  groups: ActivationReport['groups'],
  r: ActivationReport,
  what: string,
): TemplateResult {
  const goal = r.goNoGo.criteria.find((c) => c.metric === 'activationRate')?.threshold;
  const rows = groups.map((g) => ({
    label: g.label ?? g.key,
    share: g.rate ?? 0,
    value: `${pct(g.rate)} (${g.activatedUsers}/${g.audience})`,
    muted: g.rate === null,
  }));
  const alt = `Activation rate by ${what}: ${rows.map((row) => `${row.label} ${row.value}`).join('; ')}${goal !== undefined ? `; goal ${pct(goal)}` : ''}.`;
  return bars(
    rows,
    alt,
    `${what}-chart`,
    goal !== undefined ? { share: goal, label: `goal ${pct(goal)}` } : undefined,
  );
}
