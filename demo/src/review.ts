// The mock performance-review screen: one launcher next to the review form, and a nudge beside
// the text area. boot.ts configures the elements (live service or, in preview, the in-tab mocks).
import { boot } from './boot.js';

await boot();
await import('@inflow/elements/define/launcher');
await import('@inflow/elements/define/nudge');

// The review is due in two days (the subject line says so), so the nudge beside the text area is
// within its lead window and shows when the reviewer starts writing.
document
  .getElementById('review-nudge')
  ?.setAttribute('due-at', new Date(Date.now() + 2 * 86_400_000).toISOString());
