import { css } from 'lit';

export const reportStyles = css`
  :host {
    display: block;
    --_inflow-accent: var(--inflow-color-accent, #0b57d0);
    --_inflow-prompted: #8fb4f0;
    --_inflow-surface: var(--inflow-color-surface, #fff);
    --_inflow-text: var(--inflow-color-text, #1f2328);
    --_inflow-muted: #59636e;
    --_inflow-border: var(--inflow-color-border, #d1d9e0);
    --_inflow-pass: #116329;
    --_inflow-fail: #a40e26;
    color: var(--_inflow-text);
    background: var(--_inflow-surface);
    font: var(--inflow-font, 400 0.9375rem/1.45 system-ui, sans-serif);
  }
  .base {
    position: relative;
    display: grid;
    /* One column that may shrink below its widest table (which then scrolls in its disclosure). */
    grid-template-columns: minmax(0, 1fr);
    gap: 1rem;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 1rem;
  }
  h2 {
    margin: 0;
    font-size: 1.375rem;
  }
  h3 {
    margin: 0 0 0.25rem;
    font-size: 1rem;
  }
  .meta {
    margin: 0;
    color: var(--_inflow-muted);
    flex: 1 1 20rem;
  }
  .export {
    color: var(--_inflow-accent);
    font-weight: 600;
  }
  .export:focus-visible,
  summary:focus-visible {
    outline: 3px solid var(--_inflow-accent);
    outline-offset: 2px;
  }
  .status:empty {
    display: none;
  }
  .error {
    color: var(--_inflow-fail);
    font-weight: 600;
  }
  .empty {
    padding: 0.75rem 1rem;
    border: 1px dashed var(--_inflow-border);
    border-radius: 0.5rem;
  }
  .note {
    margin: 0.5rem 0 0;
    font-size: 0.875rem;
  }
  .kpis {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0.75rem;
  }
  .kpi,
  .decision-box,
  figure,
  .ruler {
    margin: 0;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_inflow-border);
    border-radius: 0.5rem;
  }
  /* As wide as a figure's content, i.e. a chart: the element lays its charts out in that width. */
  .ruler {
    position: absolute;
    inset-inline: 0;
    visibility: hidden;
  }
  .kpi p {
    margin: 0;
    color: var(--_inflow-muted);
  }
  .big {
    display: block;
    font-size: 1.75rem;
    font-weight: 700;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5rem;
    border-radius: 999px;
    font-weight: 700;
    color: #fff;
  }
  .badge.pass {
    background: var(--_inflow-pass);
  }
  .badge.fail {
    background: var(--_inflow-fail);
  }
  .criteria {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.25rem;
  }
  .chart {
    display: block;
    width: 100%;
    height: auto;
  }
  /* The cards' font: a chart's user unit is a CSS pixel (charts.ts). */
  .chart text {
    font: inherit;
    fill: var(--_inflow-text);
  }
  .track {
    fill: color-mix(in srgb, var(--_inflow-border) 45%, transparent);
  }
  .bar {
    fill: var(--_inflow-accent);
  }
  .bar.prompted {
    fill: var(--_inflow-prompted);
  }
  .bar.muted {
    fill: var(--_inflow-border);
  }
  .goal {
    stroke: var(--_inflow-fail);
    stroke-width: 2;
    stroke-dasharray: 4 3;
  }
  .axis {
    stroke: var(--_inflow-muted);
  }
  .line {
    fill: none;
    stroke: var(--_inflow-text);
    stroke-width: 2;
  }
  .swatch.line {
    height: 2px;
    background: var(--_inflow-text);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0.5rem 0 0;
    padding: 0;
    list-style: none;
  }
  .swatch {
    display: inline-block;
    width: 0.75rem;
    height: 0.75rem;
    margin-right: 0.375rem;
    border-radius: 2px;
    background: var(--_inflow-accent);
  }
  .swatch.prompted {
    background: var(--_inflow-prompted);
  }
  .swatch.none {
    background: var(--_inflow-border);
  }
  /* A table wider than a phone scrolls in its own box instead of widening the report. */
  details,
  .scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    margin: 0.5rem 0;
  }
  caption {
    text-align: left;
    font-weight: 600;
  }
  th,
  td {
    padding: 0.125rem 0.75rem 0.125rem 0;
    text-align: left;
  }
  td {
    font-variant-numeric: tabular-nums;
    /* "44.0 %" stays on one line: a narrow table scrolls in its box instead. */
    white-space: nowrap;
  }
`;
