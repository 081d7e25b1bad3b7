import { css } from 'lit';

/**
 * The level meter and Stop speaking, adopted into the practice's shadow root when the chunk
 * loads (a constructed style sheet, which a strict CSP allows).
 */
export const chunkStyles = css`
  .meter {
    display: block;
    height: 0.25rem;
    margin-top: 0.375rem;
    background: var(--_inflow-border);
    border-radius: 0.125rem;
    overflow: hidden;
  }
  .meter > span {
    display: block;
    height: 100%;
    background: var(--_inflow-accent);
    transform-origin: left;
    transform: scaleX(0);
    transition: transform 80ms linear;
  }
  /* No moving bar under reduced motion: a steady full bar says "recording". */
  @media (prefers-reduced-motion: reduce) {
    .meter > span {
      transition: none;
      transform: none !important;
    }
  }
  [part='stop-speaking-button'] {
    margin-top: 0.375rem;
  }
`;
