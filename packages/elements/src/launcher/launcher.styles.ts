import { css } from 'lit';

export const launcherStyles = css`
  :host {
    display: inline-block;
    --_inflow-accent: var(--inflow-color-accent, #0b57d0);
    --_inflow-accent-text: var(--inflow-color-on-accent, #fff);
    --_inflow-surface: var(--inflow-color-surface, #fff);
    --_inflow-text: var(--inflow-color-text, #1f2328);
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
    --_inflow-border: var(--inflow-color-border, #3d444d);
  }
  [hidden] {
    display: none !important;
  }
  .trigger {
    font: var(--inflow-font, 600 0.9375rem/1.25 system-ui, sans-serif);
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    cursor: pointer;
    border-radius: var(--_inflow-radius);
    border: 1px solid var(--_inflow-accent);
    background: var(--_inflow-accent);
    color: var(--_inflow-accent-text);
    padding: 0.5rem 0.875rem;
  }
  .trigger.link {
    border-color: transparent;
    background: none;
    color: var(--_inflow-accent);
    padding: 0.125rem;
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .trigger.icon {
    padding: 0.5rem;
    border-radius: 999px;
  }
  .trigger:focus-visible,
  ::slotted(button:focus-visible) {
    outline: none;
    box-shadow: var(--_inflow-focus);
  }
  .trigger:disabled,
  ::slotted(button:disabled) {
    cursor: not-allowed;
    opacity: 0.5;
  }
  /* The page's own button (docs/hosts.md): paint only, so its box stays what the page gave it. */
  ::slotted(button) {
    cursor: pointer;
    border-color: var(--_inflow-accent);
    border-style: solid;
    border-radius: var(--_inflow-radius);
    background: var(--_inflow-accent);
    color: var(--_inflow-accent-text);
  }
  svg {
    width: 1.125rem;
    height: 1.125rem;
    fill: currentColor;
  }
`;
