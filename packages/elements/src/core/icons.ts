import { svg } from 'lit';

/** The close (×) icon of the launcher's panel and the nudge. */
export const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4Z"/></svg>`;
