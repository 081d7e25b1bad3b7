import { css } from 'lit';

/** The microphone button (voice-control.ts); the voice chunk adds its own (voice/styles.ts). */
export const voiceStyles = css`
  .mic {
    padding: 0.5rem;
    line-height: 0;
  }
  .mic[aria-pressed='true'] {
    background: var(--_inflow-danger);
    color: #fff;
  }
`;
