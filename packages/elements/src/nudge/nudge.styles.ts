import { css } from 'lit';

export const nudgeStyles = css`
  :host {
    display: contents;
    --_inflow-accent: var(--inflow-color-accent, #0b57d0);
    --_inflow-accent-text: var(--inflow-color-on-accent, #fff);
    --_inflow-surface: var(--inflow-color-surface, #fff);
    --_inflow-text: var(--inflow-color-text, #1f2328);
    --_inflow-muted: var(--inflow-color-muted, #59636e);
    --_inflow-border: var(--inflow-color-border, #d1d9e0);
    --_inflow-radius: var(--inflow-radius, 0.5rem);
    --_inflow-focus: var(
      --inflow-focus-ring,
      0 0 0 3px color-mix(in srgb, var(--_inflow-accent) 45%, transparent)
    );
  }
  :host([theme='dark']) {
    --_inflow-accent: var(--inflow-color-accent, #8ab4f8);
    --_inflow-accent-text: var(--inflow-color-on-accent, #0d1117);
    --_inflow-surface: var(--inflow-color-surface, #161b22);
    --_inflow-text: var(--inflow-color-text, #e6edf3);
    --_inflow-muted: var(--inflow-color-muted, #9198a1);
    --_inflow-border: var(--inflow-color-border, #3d444d);
  }
  .callout {
    position: fixed;
    inset: auto;
    top: 0;
    left: 0;
    margin: 0;
    box-sizing: border-box;
    width: max-content;
    max-width: min(var(--inflow-nudge-width, 18rem), calc(100vw - 16px));
    padding: 0.75rem 2.25rem 0.75rem 0.875rem;
    font: var(--inflow-font, 400 0.875rem/1.4 system-ui, sans-serif);
    color: var(--_inflow-text);
    background: var(--_inflow-surface);
    border: 1px solid var(--_inflow-border);
    border-radius: var(--_inflow-radius);
    box-shadow: var(--inflow-nudge-shadow, 0 6px 20px rgb(0 0 0 / 0.16));
    z-index: var(--inflow-z-index, 2147483000);
    overflow: visible;
    /* Revealed by anchor.ts once positioned, so it never flashes at the top-left corner. */
    visibility: hidden;
  }
  .callout:not(.open) {
    display: none;
  }
  .message {
    margin: 0 0 0.625rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: calc(var(--_inflow-radius) * 0.75);
  }
  button:focus-visible {
    outline: none;
    box-shadow: var(--_inflow-focus);
  }
  .practice {
    font-weight: 600;
    border: 1px solid var(--_inflow-accent);
    background: var(--_inflow-accent);
    color: var(--_inflow-accent-text);
    padding: 0.375rem 0.75rem;
  }
  .snooze {
    border: 1px solid var(--_inflow-border);
    background: transparent;
    color: var(--_inflow-text);
    padding: 0.375rem 0.75rem;
  }
  .close {
    position: absolute;
    top: 0.375rem;
    right: 0.375rem;
    display: grid;
    place-items: center;
    width: 1.75rem;
    height: 1.75rem;
    padding: 0;
    border: none;
    background: transparent;
    color: var(--_inflow-muted);
  }
  svg {
    width: 1rem;
    height: 1rem;
    fill: currentColor;
  }
  .arrow {
    position: absolute;
    width: 10px;
    height: 10px;
    background: var(--_inflow-surface);
    border: inherit;
    border-width: 0 0 1px 1px;
    pointer-events: none;
  }
  .callout[data-placement^='right'] .arrow {
    transform: rotate(45deg);
  }
  .callout[data-placement^='left'] .arrow {
    transform: rotate(-135deg);
  }
  .callout[data-placement^='top'] .arrow {
    transform: rotate(-45deg);
  }
  .callout[data-placement^='bottom'] .arrow {
    transform: rotate(135deg);
  }
  @media (prefers-reduced-motion: no-preference) {
    .callout.open {
      animation: inflow-nudge-in 160ms ease-out;
    }
  }
  @keyframes inflow-nudge-in {
    from {
      opacity: 0;
    }
  }
`;
