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
    --_inflow-focus: var(--inflow-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_inflow-accent) 45%, transparent));
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
  .close:focus-visible {
    outline: none;
    box-shadow: var(--_inflow-focus);
  }
  .trigger:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }
  svg {
    width: 1.125rem;
    height: 1.125rem;
    fill: currentColor;
  }
  .panel {
    position: fixed;
    inset: auto;
    top: 0;
    left: 0;
    margin: 0;
    box-sizing: border-box;
    width: min(var(--inflow-panel-width, 26rem), calc(100vw - 16px));
    max-height: min(var(--inflow-panel-max-height, 40rem), calc(100vh - 16px));
    display: flex;
    flex-direction: column;
    overflow: hidden;
    padding: 0;
    color: var(--_inflow-text);
    background: var(--_inflow-surface);
    border: 1px solid var(--_inflow-border);
    border-radius: calc(var(--_inflow-radius) * 1.5);
    box-shadow: var(--inflow-panel-shadow, 0 12px 32px rgb(0 0 0 / 0.18));
    z-index: var(--inflow-z-index, 2147483000);
  }
  .panel:not(.open) {
    display: none;
  }
  .panel.sheet {
    inset: 0;
    width: 100%;
    height: 100%;
    max-height: none;
    border-radius: 0;
    border: none;
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.5rem 0.5rem 0.5rem 1rem;
    border-bottom: 1px solid var(--_inflow-border);
    font: var(--inflow-font, 600 0.9375rem/1.25 system-ui, sans-serif);
  }
  .header h2 {
    margin: 0;
    font-size: 0.9375rem;
  }
  .close {
    border: none;
    background: none;
    color: inherit;
    cursor: pointer;
    border-radius: var(--_inflow-radius);
    padding: 0.375rem;
    line-height: 0;
  }
  .body {
    padding: 1rem;
    overflow-y: auto;
    flex: 1 1 auto;
    min-height: 0;
  }
  .loading {
    margin: 0;
    font: var(--inflow-font, 400 0.9375rem/1.5 system-ui, sans-serif);
  }
`;
