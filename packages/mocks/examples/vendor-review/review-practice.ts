/**
 * A vendor's own code (the example under test): a headless integration of Inflow in a
 * performance-review product. The "Practise this conversation" button calls `start()`, the
 * vendor's chat UI calls `reply()`, "End" calls `finish()`. It records the activation events
 * HR's report is built from; the vendor's test (review-practice.test.ts) checks they arrive.
 */
import { createClient, type InflowClient } from '@inflow/client';

export interface ReviewPracticeOptions {
  apiBase: string;
  /** The vendor backend's token endpoint, called by the SDK before expiry and on a 401. */
  fetchToken: () => Promise<string>;
}

export function createReviewPractice(options: ReviewPracticeOptions) {
  const client: InflowClient = createClient({ apiBase: options.apiBase, fetchToken: options.fetchToken });
  const source = 'embedded' as const;

  return {
    client,
    async start(scenario: string) {
      client.track('open', { scenario, source });
      const session = await client.createSession({ scenario, source });
      client.track('session_start', { sessionId: session.id, scenario, source });
      return { id: session.id, scenario, opening: session.opening.text, userTurns: 0 };
    },
    async reply(session: { id: string; scenario: string; userTurns: number }, text: string) {
      const answer = await client.sendTurn(session.id, text);
      session.userTurns++;
      if (session.userTurns === 1)
        client.track('first_interaction', { sessionId: session.id, scenario: session.scenario, source });
      return answer.reply.text;
    },
    async finish(session: { id: string; scenario: string }) {
      const feedback = await client.completeSession(session.id);
      client.track('complete', { sessionId: session.id, scenario: session.scenario, source });
      await client.flush();
      return feedback;
    },
    dispose: () => client.dispose(),
  };
}
