// The LMS lesson page: <inflow-practice> inline in a lesson, no launcher, no panel.
import { boot } from './boot.js';

await boot();
await import('@inflow/elements/define/practice');
