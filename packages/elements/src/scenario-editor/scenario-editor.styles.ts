import { css } from 'lit';

export const editorStyles = css`
  :host {
    display: block;
    color: var(--inflow-color-text, #1f2328);
    font: var(--inflow-font, 400 0.9375rem/1.5 system-ui, sans-serif);
    --_inflow-accent: var(--inflow-color-accent, #0b57d0);
    --_inflow-accent-text: var(--inflow-color-on-accent, #fff);
    --_inflow-surface: var(--inflow-color-surface, #fff);
    --_inflow-muted: var(--inflow-color-muted, #59636e);
    --_inflow-border: var(--inflow-color-border, #d1d9e0);
    --_inflow-danger: var(--inflow-color-danger, #b3261e);
    --_inflow-radius: var(--inflow-radius, 0.5rem);
    --_inflow-focus: var(
      --inflow-focus-ring,
      0 0 0 3px color-mix(in srgb, var(--_inflow-accent) 45%, transparent)
    );
  }
  :host([theme='dark']) {
    color: var(--inflow-color-text, #e6edf3);
    --_inflow-accent: var(--inflow-color-accent, #8ab4f8);
    --_inflow-accent-text: var(--inflow-color-on-accent, #0d1117);
    --_inflow-surface: var(--inflow-color-surface, #161b22);
    --_inflow-muted: var(--inflow-color-muted, #9198a1);
    --_inflow-border: var(--inflow-color-border, #3d444d);
    --_inflow-danger: var(--inflow-color-danger, #ff9492);
  }
  .base {
    display: grid;
    gap: 1rem;
    background: var(--_inflow-surface);
  }
  h2,
  h3 {
    margin: 0;
    font-size: 1rem;
    line-height: 1.3;
  }
  p {
    margin: 0;
  }
  .muted,
  .hint {
    color: var(--_inflow-muted);
    font-size: 0.8125rem;
  }
  form {
    display: grid;
    gap: 1rem;
  }
  fieldset {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0.75rem 1rem 1rem;
    border: 1px solid var(--_inflow-border);
    border-radius: var(--_inflow-radius);
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
  }
  input,
  textarea,
  select {
    font: inherit;
    color: inherit;
    background: var(--_inflow-surface);
    border: 1px solid var(--_inflow-border);
    border-radius: var(--_inflow-radius);
    padding: 0.4375rem 0.625rem;
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_inflow-danger);
    border-width: 2px;
  }
  .field-error {
    color: var(--_inflow-danger);
    font-size: 0.8125rem;
    font-weight: 600;
  }
  .criteria {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .criterion {
    display: grid;
    gap: 0.625rem;
    padding: 0.75rem;
    border: 1px solid var(--_inflow-border);
    border-radius: var(--_inflow-radius);
  }
  .criterion-actions,
  .actions,
  .preview-head {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
    align-items: center;
  }
  .preview-head {
    justify-content: space-between;
  }
  button {
    font: inherit;
    font-weight: 600;
    border-radius: var(--_inflow-radius);
    padding: 0.4375rem 0.875rem;
    border: 1px solid var(--_inflow-border);
    background: var(--_inflow-surface);
    color: inherit;
    cursor: pointer;
  }
  button.primary {
    background: var(--_inflow-accent);
    border-color: var(--_inflow-accent);
    color: var(--_inflow-accent-text);
  }
  button.link {
    border: none;
    background: none;
    padding: 0.25rem;
    color: var(--_inflow-accent);
    text-decoration: underline;
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  :is(button, input, textarea, select, [tabindex]):focus-visible {
    outline: none;
    box-shadow: var(--_inflow-focus);
  }
  .preview,
  .history,
  .notice {
    display: grid;
    gap: 0.75rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_inflow-border);
    border-radius: var(--_inflow-radius);
  }
  .history ol {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.375rem;
  }
  .history li {
    display: flex;
    gap: 0.75rem;
    flex-wrap: wrap;
    align-items: baseline;
  }
  .history li[aria-current] {
    font-weight: 600;
  }
  .status {
    font-size: 0.8125rem;
    padding: 0 0.375rem;
    border: 1px solid var(--_inflow-border);
    border-radius: 999px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
