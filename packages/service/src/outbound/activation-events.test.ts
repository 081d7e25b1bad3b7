// Every activation event type end to end, on PGlite and PostgreSQL: the real service runs two
// practices, the worker delivers each event to a loopback receiver, and the receiver verifies it
// with the Standard Webhooks reference library, as docs/integrations.md's snippet does. Each type
// arrives once per session, at its moment, with ids and times and never a score or text.
import { Webhook } from 'standardwebhooks';
import { expect } from 'vitest';
import { generateSecret } from '../nudges/sign.js';
import { ACME_SECRET, token } from '../test/harness.js';
import type { InProcess } from '../test/support.js';
import { outboundSuite } from './test/service.js';
import { ACTIVATION_EVENTS } from './webhook-config.js';
import type { ActivationEvent } from './webhooks.js';

const secret = generateSecret();
// Every behaviour of goal-setting twice (coach/scripted.test.ts): the rubric scores 12/12, a pass.
const GOOD = [
  'Let us make it measurable: 2 presentations by the end of June.',
  'What would you like to focus on most?',
  'The churn dashboard is a team priority this quarter.',
  'We can do a monthly check-in and a practice run.',
];
const PASSING = [...GOOD, ...GOOD, 'One more, confidential to the two of us.'];

outboundSuite(
  'activation event types',
  {
    acme: (url) => ({
      meaningfulTurns: 3,
      activationWebhook: { url, secret, events: [...ACTIVATION_EVENTS] },
      allowPrivateReceivers: true, // the loopback receiver
    }),
  },
  (s) => {
    const { it, drain } = s;
    const post = (api: InProcess, path: string, bearer: string, body?: unknown) =>
      s.request(api, 'POST', path, bearer, body);
    /** What the receiver got since `from`, each verified with standardwebhooks (throws if not). */
    const verified = (from: number) =>
      s
        .receiver()
        .received.slice(from)
        .map(({ headers, body }) => {
          const event = new Webhook(secret).verify(body, {
            'webhook-id': String(headers['webhook-id']),
            'webhook-timestamp': String(headers['webhook-timestamp']),
            'webhook-signature': String(headers['webhook-signature']),
          }) as ActivationEvent;
          expect(headers['webhook-id']).toBe(`${event.type}:${event.data.sessionId}`);
          expect(body).not.toContain('confidential');
          expect(body).not.toMatch(/score/i);
          return event;
        });
    const practise = async (api: InProcess, turns: string[]) => {
      const bearer = await token({ iss: 'acme', secret: ACME_SECRET, sub: 'mgr-1', team: 'sales' });
      const from = s.receiver().received.length;
      const res = await post(api, '/v1/sessions', bearer, { scenario: 'goal-setting', source: 'nudge' });
      const { id } = (await res.json()) as { id: string };
      await drain(api);
      const seen: string[][] = [verified(from).map((e) => e.type)];
      for (const text of turns) {
        const mark = s.receiver().received.length;
        expect((await post(api, `/v1/sessions/${id}/turns`, bearer, { text })).status).toBe(200);
        await drain(api);
        seen.push(verified(mark).map((e) => e.type));
      }
      const mark = s.receiver().received.length;
      const feedback = (await (await post(api, `/v1/sessions/${id}/complete`, bearer)).json()) as {
        passed: boolean;
      };
      // Completing again answers the same feedback and queues nothing new.
      await post(api, `/v1/sessions/${id}/complete`, bearer);
      await drain(api);
      // The completion's events are independent jobs: any order.
      seen.push(
        verified(mark)
          .map((e) => e.type)
          .sort(),
      );
      return { id, passed: feedback.passed, seen, events: verified(from) };
    };

    it('a passed practice: started, first_interaction, meaningful at the 3rd turn, completed, passed, each once', async (api) => {
      s.receiver().script({ status: 204 });
      const { id, passed, seen, events } = await practise(api, PASSING);
      expect(passed).toBe(true);
      expect(seen).toEqual([
        ['session.started'],
        ['session.first_interaction'],
        [],
        ['session.meaningful'],
        ...PASSING.slice(3).map(() => []),
        ['session.completed', 'session.passed'],
      ]);
      for (const e of events) {
        expect(e.data).toMatchObject({
          sessionId: id,
          user: 'mgr-1',
          team: 'sales',
          scenario: 'goal-setting',
          scenarioVersion: 1,
          source: 'nudge',
        });
        expect(Date.parse(e.timestamp)).toBeGreaterThanOrEqual(Date.parse(e.data.startedAt));
        // Only the events of a completed session carry completedAt.
        expect(e.data.completedAt !== undefined, e.type).toBe(
          e.type === 'session.completed' || e.type === 'session.passed',
        );
      }
    });

    it('a failed practice of one turn: meaningful at completion, no passed', async (api) => {
      s.receiver().script({ status: 200 });
      const { seen, passed, events } = await practise(api, ['Hi.']);
      expect(passed).toBe(false);
      expect(seen).toEqual([
        ['session.started'],
        ['session.first_interaction'],
        ['session.completed', 'session.meaningful'],
      ]);
      expect(events.find((e) => e.type === 'session.meaningful')!.data.completedAt).toBeDefined();
    });
  },
);
