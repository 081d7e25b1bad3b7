// xAPI `terminated` for abandoned sessions, on PGlite and PostgreSQL, to the loopback LRS (which
// checks every statement against the specification): a session idle past abandonAfterMinutes and
// not completed gets one `terminated`, after its last statement, timed at its last activity, with
// the deterministic id a completion's would have; a fresh or completed session gets none from the
// sweep; sweeping again queues nothing.
import { expect } from 'vitest';
import type { InProcess } from '../test/support.js';
import { lrsRules, type LrsRules } from './test/lrs.js';
import { outboundSuite } from './test/service.js';
import { uuidV5, type Statement } from './xapi.js';

let rules: LrsRules;

outboundSuite(
  'abandoned sessions',
  {
    judge: () => (rules = lrsRules()).judge,
    acme: (url) => ({
      lrs: {
        endpoint: url.replace(/\/hook$/, '/xapi'),
        username: 'u',
        password: 'p',
        activityIriBase: 'https://lms.example/inflow',
        abandonAfterMinutes: 30,
      },
      allowPrivateReceivers: true,
    }),
  },
  (s) => {
    const start = async (api: InProcess, bearer: string, turns: string[]) => {
      const res = await s.request(api, 'POST', '/v1/sessions', bearer, {
        scenario: 'goal-setting',
        source: 'nudge',
      });
      const { id } = (await res.json()) as { id: string };
      for (const text of turns) await s.request(api, 'POST', `/v1/sessions/${id}/turns`, bearer, { text });
      return id;
    };
    const idleFor = (api: InProcess, id: string, minutes: number) =>
      api.service.query(
        `update sessions set created_at = now() - make_interval(mins => $2::int) - interval '1 minute',
                last_active_at = case when last_active_at is null then null else now() - make_interval(mins => $2::int) end
          where id = $1 returning coalesce(last_active_at, created_at) as at`,
        [id, minutes],
      ) as Promise<{ at: Date | string }[]>;
    const verbsOf = (id: string) =>
      s
        .receiver()
        .received.map((r) => JSON.parse(r.body) as Statement)
        .filter((st) => st.context.registration === id)
        .map((st) => st.verb.display['en-US']);

    s.it(
      'an idle open session gets one terminated at its last activity; fresh and completed ones none',
      async (api) => {
        const bearer = await s.bearer();
        const withTurn = await start(api, bearer, ['Hello.']);
        const noTurn = await start(api, bearer, []);
        const fresh = await start(api, bearer, ['Hello.']);
        const { id: completed } = await s.practise(api, ['Hello.'], bearer);
        // Sends what is queued, and the round's own sweep finds nothing idle yet.
        await s.drain(api);
        const [lastTurn] = await idleFor(api, withTurn, 31);
        const [started] = await idleFor(api, noTurn, 45);
        await idleFor(api, completed, 60);
        await idleFor(api, fresh, 10);

        expect(await api.service.outbound!.sweep()).toBe(2);
        expect(await api.service.outbound!.sweep(), 'swept once').toBe(0);
        await s.drain(api);
        expect(verbsOf(withTurn)).toEqual(['launched', 'initialized', 'terminated']);
        expect(verbsOf(noTurn)).toEqual(['launched', 'terminated']);
        expect(verbsOf(fresh)).toEqual(['launched', 'initialized']);
        expect(verbsOf(completed).filter((v) => v === 'terminated')).toHaveLength(1);

        const terminated = s
          .receiver()
          .received.map((r) => JSON.parse(r.body) as Statement)
          .filter((st) => st.verb.display['en-US'] === 'terminated' && st.context.registration === withTurn);
        expect(terminated).toHaveLength(1);
        expect(terminated[0]!.id).toBe(await uuidV5(`${withTurn}:terminated`));
        expect(terminated[0]!.timestamp).toBe(new Date(lastTurn!.at).toISOString());
        expect(rules.stored.has(terminated[0]!.id), 'the LRS accepted it').toBe(true);
        const other = s.receiver().received.map((r) => JSON.parse(r.body) as Statement);
        expect(
          other.find((st) => st.context.registration === noTurn && st.verb.display['en-US'] === 'terminated')!
            .timestamp,
        ).toBe(new Date(started!.at).toISOString());
      },
    );
  },
);
