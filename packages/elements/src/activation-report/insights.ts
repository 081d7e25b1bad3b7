/**
 * The report's later sections, loaded with `import()` while the report's data is on its way, so
 * the element's first sight stays within its size guard (.size-limit.js). Every figure is in a
 * chart's text alternative and in a data table, like the sections of the first sight.
 */
import type { ActivationReport } from '@inflow/contract';
import { html } from 'lit';
import type { Fit } from './charts.js';
import type { CsvAdd } from './format.js';
import { growthCsv, growthView } from './growth.js';
import { returnsCsv, returnsView } from './returns.js';
import { segmentsCsv, segmentsStyles, segmentsView } from './segments.js';
import { stabilityCsv, stabilityView } from './stability.js';
import { weeklyCsv } from './weekly.js';

// The first sections' charts too: the report shows nothing before this chunk is in.
export { chartsView } from './chart-views.js';
export { focusView } from './focus.js';
export { weeklyView } from './weekly.js';

/** The sections' own styles, adopted by the report when this chunk has loaded. */
export const insightsStyles = [segmentsStyles];

/** The sections after the team and group breakdowns. */
export const insightsView = (r: ActivationReport, fit: Fit) =>
  html`${segmentsView(r, fit)} ${returnsView(r)} ${growthView(r, fit)} ${stabilityView(r)}`;

/** Their figures as CSV rows (raw numbers), in the report's one file. */
export function insightsCsv(r: ActivationReport, add: CsvAdd): void {
  weeklyCsv(r, add);
  segmentsCsv(r, add);
  growthCsv(r, add);
  stabilityCsv(r, add);
  returnsCsv(r, add);
}
