/**
 * The report's charts as plain SVG (no chart library: four bar-and-marker charts do not earn
 * one's weight). Each chart is one `role="img"` with a full text alternative in `aria-label`;
 * the exact figures are also in the element's data tables.
 *
 * A chart is laid out in its rendered width (`Fit.w`, measured by the element), so one user unit
 * is one CSS pixel and its text is the cards' size at every width; below `STACK` a bar's label
 * goes above it instead of beside it. Text widths are estimated (`textW`), so labels that would
 * not fit are cut with an ellipsis: the full text is in the text alternative and the tables.
 */
import type { ActivationReport } from '@inflow/contract';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { duration, pct, STEP_LABELS } from './format.js';

/** The chart's width in CSS px and the text size in px (the cards'). */
export interface Fit {
  w: number;
  f: number;
}
/** Below this width a bar's label goes above its bar. */
const STACK = 480;

/** An estimate of a text's width: system-ui's glyphs average under 0.62 em (DejaVu Sans: digits 0.64). */
export const textW = (s: string, f: number) => s.length * f * 0.64;
const cut = (s: string, px: number, f: number) =>
  textW(s, f) <= px ? s : `${s.slice(0, Math.max(1, Math.floor(px / (f * 0.64)) - 1))}…`;

/** A label's anchor at `x` that keeps a text `tw` wide inside a chart `w` wide. */
export const anchor = (x: number, tw: number, w: number) =>
  x < tw / 2 + 2 ? 'start' : x > w - tw / 2 - 2 ? 'end' : 'middle';

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
  { w, f }: Fit,
  goal?: { share: number; label: string },
  segment?: string,
): TemplateResult {
  const stacked = w < STACK;
  const valueW = Math.max(0, ...rows.map((r) => textW(r.value, f))) + 12;
  const labelW = stacked ? 0 : Math.min(w * 0.35, Math.max(0, ...rows.map((r) => textW(r.label, f))) + 12);
  const barW = Math.max(20, w - labelW - valueW);
  const line = Math.round(f * 1.4);
  const row = stacked ? line + 26 : Math.max(30, line + 8);
  const barY = stacked ? line : (row - 18) / 2;
  // The baseline that centres a value (and a side label) on its bar.
  const mid = barY + 9 + f * 0.35;
  const top = goal ? line + 4 : 0;
  const h = top + rows.length * row + 6;
  const x = (share: number) => labelW + Math.max(0, Math.min(1, share)) * barW;
  return html`<svg
    part=${part}
    class="chart"
    data-segment=${segment ?? nothing}
    viewBox="0 0 ${w} ${h}"
    role="img"
    aria-label=${ariaLabel}
  >
    ${rows.map(
      (r, i) => svg`<g transform="translate(0 ${top + i * row})">
        ${
          stacked
            ? svg`<text class="label" x="0" y=${f}>${cut(r.label, w, f)}</text>`
            : svg`<text class="label" x=${labelW - 8} y=${mid} text-anchor="end">${cut(r.label, labelW - 12, f)}</text>`
        }
        <rect class="track" x=${labelW} y=${barY} width=${barW} height="18" rx="3"></rect>
        <rect class=${r.muted ? 'bar muted' : 'bar'} x=${labelW} y=${barY} width=${x(r.share) - labelW} height="18" rx="3"></rect>
        <text class="value" x=${labelW + barW + 8} y=${mid}>${r.value}</text>
        ${
          // Stacked, the goal is marked on each bar: a line through the labels would cross them.
          goal && stacked
            ? svg`<line class="goal" x1=${x(goal.share)} x2=${x(goal.share)} y1=${barY - 2} y2=${barY + 20}></line>`
            : null
        }
      </g>`,
    )}
    ${
      goal
        ? svg`${stacked ? null : svg`<line class="goal" x1=${x(goal.share)} x2=${x(goal.share)} y1=${top - 2} y2=${h}></line>`}
          <text class="goal-label" x=${x(goal.share)} y=${f} text-anchor=${anchor(x(goal.share), textW(goal.label, f), w)}>${goal.label}</text>`
        : null
    }
  </svg>`;
}

/** Funnel: users reaching each step, as a share of the audience (or of the first step without one). */
export function funnelChart(r: ActivationReport, fit: Fit): TemplateResult {
  const base = r.audience.size || Math.max(1, ...r.funnel.map((f) => f.users));
  const rows = r.funnel.map((f) => ({
    label: STEP_LABELS[f.step] ?? f.step,
    share: f.users / base,
    value: `${f.users} (${pct(f.users / base)})`,
  }));
  const alt = `Funnel of ${base} ${r.audience.size ? 'audience members' : 'users'}: ${rows.map((row) => `${row.label} ${row.value}`).join('; ')}.`;
  return bars(rows, alt, 'funnel-chart', fit);
}

/** Activation split of the audience: unprompted (activated), prompted only, neither. */
export function splitChart(r: ActivationReport, { w }: Fit): TemplateResult {
  const size = r.audience.size;
  const { unpromptedUsers: u, promptedUsers: p } = r.activation;
  const rest = Math.max(0, size - u - p);
  const share = (n: number) => (size ? n / size : 0);
  const alt = size
    ? `Of ${size} audience members: ${u} activated unprompted (${pct(share(u))}), ${p} only when prompted by a campaign (${pct(share(p))}), ${rest} with no meaningful interaction.`
    : 'No audience uploaded: the activation split cannot be computed.';
  const x1 = share(u) * w;
  const x2 = x1 + share(p) * w;
  return html`<svg part="split-chart" class="chart" viewBox="0 0 ${w} 28" role="img" aria-label=${alt}>
    <rect class="track" x="0" y="4" width=${w} height="20" rx="3"></rect>
    <rect class="bar" x="0" y="4" width=${x1} height="20"></rect>
    <rect class="bar prompted" x=${x1} y="4" width=${x2 - x1} height="20"></rect>
  </svg>`;
}

/**
 * Time to first interaction: median and p90 on an hours axis, with the tenant's goal. Only the
 * markers are labelled (median above, p90 below): axis-end ticks collide with a p90 near the end.
 */
export function ttfiChart(r: ActivationReport, { w, f }: Fit): TemplateResult {
  const { medianHours: median, p90Hours: p90, users } = r.timeToFirstInteraction;
  const goal = r.goNoGo.criteria.find((c) => c.metric === 'ttfiMedianHours')?.threshold;
  const max = Math.max(1, p90 ?? 0, median ?? 0, goal ?? 0) * 1.1;
  const x = (hours: number) => 10 + (hours / max) * (w - 20);
  const alt =
    median === null
      ? 'No first interactions in this range.'
      : `Time to first interaction over ${users} users: median ${duration(median)}, 90th percentile ${duration(p90)}${goal !== undefined ? `, goal at most ${duration(goal)}` : ''}.`;
  // Rows: the median's label, the bar, the p90's label.
  const by = f + 11;
  const py = by + 22 + f;
  const text = (cls: string, at: number, y: number, s: string) =>
    svg`<text class=${cls} x=${x(at)} y=${y} text-anchor=${anchor(x(at), textW(s, f), w)}>${s}</text>`;
  return html`<svg part="ttfi-chart" class="chart" viewBox="0 0 ${w} ${py + 6}" role="img" aria-label=${alt}>
    <line class="axis" x1="10" x2=${w - 10} y1=${by + 8} y2=${by + 8}></line>
    ${
      median !== null && p90 !== null
        ? svg`<rect class="bar" x=${x(0)} y=${by} width=${x(median) - x(0)} height="16" rx="3"></rect>
          <rect class="bar prompted" x=${x(median)} y=${by} width=${Math.max(0, x(p90) - x(median))} height="16"></rect>
          ${text('value', median, f + 2, `median ${duration(median)}`)}
          ${text('tick', p90, py, `p90 ${duration(p90)}`)}`
        : null
    }
    ${goal !== undefined ? svg`<line class="goal" x1=${x(goal)} x2=${x(goal)} y1=${by - 6} y2=${by + 22}></line>` : null}
  </svg>`;
}

/** Per-group activation rate (teams, scenarios or sources), with the activation goal line. */
export function groupChart(
  groups: ActivationReport['groups'],
  r: ActivationReport,
  what: string,
  fit: Fit,
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
    fit,
    goal !== undefined ? { share: goal, label: `goal ${pct(goal)}` } : undefined,
  );
}
