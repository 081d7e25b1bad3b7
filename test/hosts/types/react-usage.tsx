// Type tests for the React 19 declarations (checked by `tsc -p test/hosts/tsconfig.json`):
// the valid uses compile, and each @ts-expect-error line must stay an error.
import type {} from '@inflow/elements/frameworks/react';
import type { InflowCompleteEvent } from '@inflow/elements';

export const ok = (
  <>
    <inflow-launcher
      scenario="underperformance"
      variant="link"
      api-base="https://inflow.example.com"
      fetchToken={async () => 'token'}
      context-role="Senior engineer"
      oninflow-complete={(event) => event.feedback.nextStep.toUpperCase()}
    />
    <inflow-practice scenario="goal-setting" autostart oninflow-session-start={(event) => event.sessionId} />
    <inflow-nudge for="rating" trigger="focus" launcher="l1" />
    <inflow-activation-report group-by="team" oninflow-error={(event) => event.code} />
  </>
);

// @ts-expect-error — `variant` is 'button' | 'link' | 'icon'.
export const badVariant = <inflow-launcher variant="huge" />;
// @ts-expect-error — fetchToken returns a Promise<string>, not a string.
export const badToken = <inflow-launcher fetchToken={() => 'token'} />;
// @ts-expect-error — the complete event carries feedback, not a `score` field.
export const badEvent = <inflow-launcher oninflow-complete={(event: InflowCompleteEvent) => event.score} />;
// @ts-expect-error — no such element.
export const badTag = <inflow-launchr />;
