import { css } from 'lit';

/** Styles of the panel, adopted by the launcher's shadow root when the panel chunk loads. */
export const panelStyles = css`
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
  .close:focus-visible {
    outline: none;
    box-shadow: var(--_inflow-focus);
  }
  .close svg {
    width: 1.125rem;
    height: 1.125rem;
    fill: currentColor;
  }
`;
