// xAPI statements end to end, on PGlite and PostgreSQL: the real service runs a practice, the
// queue's worker posts each cmi5 statement to a loopback LRS that records what it accepts. The
// LRS answers 503 once, to `completed`: it is sent again with the same id, and the statements
// queued behind it (passed|failed, terminated) wait for it, so each is recorded once, in order.
// The LRS keeps the specification's rules (test/lrs.ts): the version header, a valid statement
// (400 otherwise), one statement per id (409 for another one). A statement that breaks the
// specification is never queued.
import { expect, test } from 'vitest';
import type { SessionRow } from '../store/store.js';
import { ACME_SECRET, token } from '../test/harness.js';
import type { InProcess } from '../test/support.js';
import { tenantRegistry } from '../tenants.js';
import { enqueue } from './queue.js';
import { lrsRules, type LrsRules } from './test/lrs.js';
import { outboundSuite } from './test/service.js';
import { uuidV5, xapiSessionStarted, XAPI_KIND, type Statement } from './xapi.js';

let rules: LrsRules;
const BASE = 'https://lms.acme.example/inflow';

outboundSuite(
  'xAPI to an LRS',
  {
    judge: () => (rules = lrsRules()).judge,
    acme: (url) => ({
      lrs: {
        endpoint: url.replace(/\/hook$/, '/xapi/'),
        username: 'inflow',
        password: 's3cret:pw',
        activityIriBase: BASE,
      },
      allowPrivateReceivers: true, // the loopback LRS
    }),
    // No jitter: a retry is due at once.
    outbound: { random: () => 0 },
  },
  (s) => {
    const { it } = s;
    const call = (api: InProcess, path: string, bearer: string, body?: unknown) =>
      s.request(api, 'POST', path, bearer, body);
    const drain = async (api: InProcess) => {
      for (let i = 0; i < 20; i++) if ((await api.service.outbound!.tick()) === 0) return;
    };

    it('a full practice: launched, initialized, completed, passed|failed, terminated, each once and in order, through one 503', async (api) => {
      s.receiver().received.length = 0;
      s.receiver().script(
        { status: 200 },
        { status: 200 },
        { status: 503, body: 'warming up' },
        { status: 200 },
      );
      const bearer = await token({
        iss: 'acme',
        secret: ACME_SECRET,
        sub: 'mgr-1',
        team: 'sales',
        scope: 'practice',
      });
      const created = await call(api, '/v1/sessions', bearer, {
        scenario: 'goal-setting',
        source: 'embedded',
      });
      const { id } = (await created.json()) as { id: string };
      await drain(api);
      for (const text of ['confidential words of the manager', 'and more of them'])
        expect((await call(api, `/v1/sessions/${id}/turns`, bearer, { text })).status).toBe(200);
      await drain(api);
      const feedback = (await (await call(api, `/v1/sessions/${id}/complete`, bearer)).json()) as {
        passed: boolean;
        scores: { score: number; max: number }[];
      };
      await drain(api);

      expect(s.receiver().received).toHaveLength(6);
      for (const r of s.receiver().received) {
        expect(r.method).toBe('POST');
        expect(r.path).toBe('/xapi/statements');
        expect(r.headers['x-experience-api-version']).toBe('1.0.3');
        expect(r.headers.authorization).toBe(`Basic ${Buffer.from('inflow:s3cret:pw').toString('base64')}`);
        expect(r.body).not.toContain('confidential');
      }
      const sent = s.receiver().received.map((r) => JSON.parse(r.body) as Statement);
      const refused = sent[2]!;
      const recorded = sent.filter((_, i) => i !== 2);
      expect(recorded[2], 'the refused statement is sent again as it was').toEqual(refused);
      const outcome = feedback.passed ? 'passed' : 'failed';
      expect(recorded.map((s) => s.verb.display['en-US'])).toEqual([
        'launched',
        'initialized',
        'completed',
        outcome,
        'terminated',
      ]);
      for (const s of recorded) {
        expect(s.verb.id).toBe(`http://adlnet.gov/expapi/verbs/${s.verb.display['en-US']}`);
        expect(s.id).toBe(await uuidV5(`${id}:${s.verb.display['en-US']}`));
        expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        // The pseudonymous account only: no name, mbox or other identifier of the person.
        expect(s.actor).toEqual({ objectType: 'Agent', account: { homePage: BASE, name: 'mgr-1' } });
        expect(s.object.id).toBe(`${BASE}/scenarios/goal-setting`);
        expect(s.context.registration).toBe(id);
      }
      expect(new Set(recorded.map((s) => s.id)).size).toBe(5);
      expect([...rules.stored.keys()], 'the LRS accepted each, valid per the specification').toEqual(
        recorded.map((s) => s.id),
      );
      const withScore = recorded.filter((s) => s.result?.score);
      expect(withScore.map((s) => s.verb.display['en-US'])).toEqual([outcome]);
      const raw = feedback.scores.reduce((n, s) => n + s.score, 0);
      const max = feedback.scores.reduce((n, s) => n + s.max, 0);
      expect(withScore[0]!.result).toEqual({
        success: feedback.passed,
        completion: true,
        score: { scaled: raw / max, raw, min: 0, max },
      });
    });

    it('the LRS answers 400 to an invalid statement or a missing version header, 409 to a conflicting id: dead letters with the reason', async (api) => {
      s.receiver().received.length = 0;
      s.receiver().script({ status: 200 });
      const [id, known] = [...rules.stored.entries()][0]!;
      const valid = JSON.parse(known) as Statement;
      const db = { query: api.service.query.bind(api.service) } as Parameters<typeof enqueue>[0];
      const now = new Date();
      const jobs = {
        invalid: { ...valid, id: await uuidV5('invalid'), context: { ...valid.context, registration: 'x' } },
        conflict: { ...valid, timestamp: new Date(0).toISOString() },
      };
      for (const [key, payload] of Object.entries(jobs))
        await enqueue(db, { tenant: 'acme', kind: XAPI_KIND, payload, idempotencyKey: `test:${key}` }, now);
      await drain(api);
      const dead = await api.service.query<{ idempotency_key: string; status: string; last_error: string }>(
        `select idempotency_key, status, last_error from deliveries where idempotency_key like 'test:%' order by 1`,
      );
      expect(dead).toEqual([
        {
          idempotency_key: 'test:conflict',
          status: 'dead',
          last_error: 'HTTP 409: conflicting statement id (not retried)',
        },
        {
          idempotency_key: 'test:invalid',
          status: 'dead',
          last_error: 'HTTP 400: statement.context.registration: TypeWarning (not retried)',
        },
      ]);
      expect(rules.stored.get(id), 'the stored statement is unchanged').toBe(known);
      const post = (headers: Record<string, string>) =>
        fetch(s.receiver().url.replace(/\/hook$/, '/xapi/statements'), {
          method: 'POST',
          headers,
          body: known,
        });
      expect((await post({ 'content-type': 'application/json' })).status).toBe(400);
      expect((await post({ 'x-experience-api-version': '1.0.3' })).status, 'the same statement again').toBe(
        204,
      );
    });

    it('a broken lrs config is refused when the service starts', () => {
      const tenant = { id: 'x', secrets: ['s'.repeat(32)] };
      const good = {
        endpoint: 'https://lrs.example/xapi',
        username: 'u',
        password: 'p',
        activityIriBase: BASE,
      };
      expect(() => tenantRegistry([{ ...tenant, lrs: good }])).not.toThrow();
      for (const lrs of [
        { ...good, endpoint: 'ftp://lrs.example' },
        { ...good, password: '' },
        { ...good, username: 'a:b' },
        { ...good, activityIriBase: 'not an iri' },
      ])
        expect(() => tenantRegistry([{ ...tenant, lrs }])).toThrow(/tenant config "x": lrs\./);
      return Promise.resolve();
    });
  },
);

test('a statement that breaks the specification is never queued', async () => {
  const queries: string[] = [];
  const db = {
    query: (sql: string) => {
      queries.push(sql);
      return Promise.resolve([]);
    },
  } as unknown as Parameters<typeof xapiSessionStarted>[0];
  const lrs = { endpoint: 'https://lrs.example/xapi', username: 'u', password: 'p', activityIriBase: BASE };
  const auth = { tenantId: 'acme', tenant: { id: 'acme', lrs } };
  // A registration must be a UUID; a session id always is, so only a bug could send this.
  const row = {
    id: 'not-a-uuid',
    user: 'mgr-1',
    scenario: 'goal-setting',
    created_at: new Date(),
  } as SessionRow;
  await expect(xapiSessionStarted(db, auth, row, new Date())).rejects.toThrow(
    'xAPI launched statement breaks xAPI 1.0.3: context.registration: not a UUID',
  );
  expect(queries).toEqual([]);
});
