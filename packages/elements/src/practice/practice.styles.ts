import { css } from 'lit';

export const practiceStyles = css`
  :host {
    display: block;
    color: var(--inflow-color-text, #1f2328);
    font: var(--inflow-font, 400 0.9375rem/1.5 system-ui, sans-serif);
    --_inflow-accent: var(--inflow-color-accent, #0b57d0);
    --_inflow-accent-text: var(--inflow-color-on-accent, #fff);
    --_inflow-surface: var(--inflow-color-surface, #fff);
    --_inflow-muted: var(--inflow-color-muted, #59636e);
    --_inflow-border: var(--inflow-color-border, #d1d9e0);
    --_inflow-coach-bg: var(--inflow-color-coach-bubble, #f0f3f6);
    --_inflow-user-bg: var(--inflow-color-user-bubble, #ddeaff);
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
    --_inflow-coach-bg: var(--inflow-color-coach-bubble, #262c36);
    --_inflow-user-bg: var(--inflow-color-user-bubble, #1f3a5f);
    --_inflow-danger: var(--inflow-color-danger, #ff9492);
  }
  [hidden] {
    display: none !important;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    background: var(--_inflow-surface);
    min-height: 0;
    height: 100%;
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
  .disclosure {
    color: var(--_inflow-muted);
    font-size: 0.8125rem;
  }
  .brief {
    display: grid;
    gap: 0.375rem;
  }
  .brief ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .transcript {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    overflow-y: auto;
    flex: 1 1 auto;
    min-height: 6rem;
  }
  .turn {
    /* Room for the sticky composer when a turn is scrolled into view. */
    scroll-margin-bottom: 9rem;
    max-width: 85%;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_inflow-radius);
    overflow-wrap: anywhere;
  }
  .turn.coach {
    background: var(--_inflow-coach-bg);
    align-self: flex-start;
  }
  .turn.user {
    background: var(--_inflow-user-bg);
    align-self: flex-end;
  }
  .turn.user .text {
    white-space: pre-wrap;
  }
  .turn.failed {
    outline: 1px dashed var(--_inflow-danger);
  }
  .who {
    display: block;
    font-size: 0.75rem;
    font-weight: 700;
  }
  .text :is(p, ul, ol, pre, blockquote) {
    margin: 0 0 0.5em;
  }
  .text :last-child {
    margin-bottom: 0;
  }
  .text a {
    color: var(--_inflow-accent);
  }
  .typing {
    display: inline-flex;
    gap: 0.25rem;
    align-self: flex-start;
    padding: 0.625rem 0.75rem;
    background: var(--_inflow-coach-bg);
    border-radius: var(--_inflow-radius);
  }
  .typing span {
    width: 0.375rem;
    height: 0.375rem;
    border-radius: 50%;
    background: var(--_inflow-muted);
    animation: inflow-blink 1.2s infinite ease-in-out;
  }
  .typing span:nth-child(2) {
    animation-delay: 0.2s;
  }
  .typing span:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes inflow-blink {
    50% {
      opacity: 0.25;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .typing span {
      animation: none;
    }
  }
  /* Composer and actions stay in view at the bottom of a scrolling panel. */
  .dock {
    position: sticky;
    bottom: 0;
    display: grid;
    gap: 0.5rem;
    padding-top: 0.5rem;
    background: var(--_inflow-surface);
  }
  .composer {
    display: flex;
    gap: 0.5rem;
    align-items: flex-end;
  }
  textarea {
    flex: 1;
    resize: vertical;
    min-height: 2.75rem;
    max-height: 12rem;
    font: inherit;
    color: inherit;
    background: var(--_inflow-surface);
    border: 1px solid var(--_inflow-border);
    border-radius: var(--_inflow-radius);
    padding: 0.5rem 0.625rem;
  }
  button {
    font: inherit;
    font-weight: 600;
    border-radius: var(--_inflow-radius);
    padding: 0.5rem 0.875rem;
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
  :is(button, textarea, [tabindex]):focus-visible {
    outline: none;
    box-shadow: var(--_inflow-focus);
  }
  .actions {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .help,
  .notice {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_inflow-border);
    border-radius: var(--_inflow-radius);
  }
  .notice.error {
    border-color: var(--_inflow-danger);
  }
  .feedback {
    display: grid;
    gap: 0.75rem;
  }
  .scores {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.625rem;
  }
  .score-head {
    display: flex;
    justify-content: space-between;
    font-weight: 600;
  }
  .bar {
    display: block;
    inline-size: 100%;
    block-size: 0.375rem;
    appearance: none;
    border: 0;
    background: var(--_inflow-coach-bg);
    border-radius: 999px;
    overflow: hidden;
  }
  .bar::-webkit-progress-bar {
    background: var(--_inflow-coach-bg);
  }
  .bar::-webkit-progress-value {
    background: var(--_inflow-accent);
  }
  .bar::-moz-progress-bar {
    background: var(--_inflow-accent);
  }
  .evidence {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
    color: var(--_inflow-muted);
    font-size: 0.8125rem;
  }
  .next-step {
    padding: 0.625rem 0.75rem;
    border-inline-start: 3px solid var(--_inflow-accent);
    background: var(--_inflow-coach-bg);
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
