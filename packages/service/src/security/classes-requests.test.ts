// One seeded generator per fault class of issue 17 in requests, against the real service over
// HTTP on PGlite and PostgreSQL: unstorable text in every string and key of every body, record
// keys outside their pattern, dates at and past every bound, another user's session. Property
// everywhere: no 5xx, no stack trace, the documented 4xx.
import { UNSTORABLE_TEXT_MESSAGE } from '@inflow/contract';
import { ROUTES, type RouteSpec } from '@inflow/contract/openapi';
import fc from 'fast-check';
import { beforeAll, describe, expect } from 'vitest';
import { serveOnBackend, storageBackends } from '../test/authored.js';
import {
  acceptable,
  anyDate,
  badKey,
  badValue,
  MIN_MS,
  oddButValid,
  options,
  pointer,
  replaced,
  stringSlots,
  unstorable,
} from '../test/fault-classes.js';
import { token, type Reply } from '../test/harness.js';
import { checkResponse, label, validBody } from '../test/support.js';

/**
 * Routes whose JSON body the store keeps (the demo route has its own suite: classes-shapes.test.ts).
 * Not the audio routes: their bodies go to the speech server and are never stored (voice/routes.ts).
 */
const BODY_ROUTES = ROUTES.filter((r) => r.body && r.scope !== null && !r.path.startsWith('/v1/audio/'));
// ---- over HTTP on both stores -----------------------------------------------------------

const { backends, skipReason } = storageBackends('classes');

describe.each(backends)('$name', ({ db }) => {
  const { live, it } = serveOnBackend(db, skipReason);
  let sessionId = '';
  const call = async (route: RouteSpec, body: unknown, bearer?: string): Promise<Reply> => {
    const t = bearer ?? (route.scope === 'admin' ? live.admin : live.practice);
    return live.call(route.method.toUpperCase(), route.path.replace('{id}', pathId(route)), {
      token: t,
      body,
    });
  };
  const pathId = (route: RouteSpec) => (route.operationId === 'putScenario' ? 'class-probe' : sessionId);
  /** A turn in the manager's own session, answered as JSON. */
  const ownTurn = (text: string) =>
    live.call('POST', `/v1/sessions/${sessionId}/turns`, {
      token: live.practice,
      body: { text },
      headers: { accept: 'application/json' },
    });
  const expectChecked = async (reply: Reply, context: string) =>
    checkResponse(new Response(reply.text, { status: reply.status }), context);

  beforeAll(async () => {
    if (!live.server) return;
    const created = await live.call('POST', '/v1/sessions', {
      token: live.practice,
      body: { scenario: 'underperformance', source: 'embedded' },
    });
    sessionId = created.json.id;
  });

  it('unstorable text in any string or key of any body: 422 naming the path, never a 5xx', async () => {
    for (const route of BODY_ROUTES) {
      const base = validBody(route);
      const slots = stringSlots(base);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...slots), unstorable, async ({ path, key }, text) => {
          const body = replaced(base, path, key, text);
          const reply = await call(route, body);
          const where = `${label(route)} ${pointer(path)}${key ? ' (key)' : ''} = ${JSON.stringify(text)}`;
          await expectChecked(reply, where);
          expect(reply.status, where).toBe(422);
          const at = key ? pointer([...path.slice(0, -1), text]) : pointer(path);
          expect(reply.json.error.details, where).toContainEqual({
            path: at,
            message: UNSTORABLE_TEXT_MESSAGE,
          });
        }),
        options,
      );
    }
  });

  it('odd but well-formed text in any string value is never a 5xx', async () => {
    for (const route of BODY_ROUTES) {
      const base = validBody(route);
      const slots = stringSlots(base).filter((s) => !s.key);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...slots), oddButValid, async ({ path }, text) => {
          const reply = await call(route, replaced(base, path, false, text));
          await expectChecked(reply, `${label(route)} ${pointer(path)} = ${JSON.stringify(text)}`);
        }),
        options,
      );
    }
    // A turn of odd text is stored and answered.
    expect((await ownTurn('\u202Eevil\u202C 👩‍👩‍👧‍👦 e\u0301')).status).toBe(200);
  });

  it('a roster (CSV or JSON) with unstorable text in a user or team: 422 naming the row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('user', 'team'),
        unstorable,
        fc.boolean(),
        async (field, text, csv) => {
          const row = { user: 'u9', team: 'sales', [field]: text.replace(/[,"\n\r]/g, '') || '\u0000' };
          const reply = csv
            ? await live.call('PUT', '/v1/audience', {
                token: live.admin,
                raw: `user,team\nu1,sales\n${row.user},${row.team}\n`,
                headers: { 'content-type': 'text/csv' },
              })
            : await live.call('PUT', '/v1/audience', {
                token: live.admin,
                body: { members: [{ user: 'u1', team: 'sales' }, row] },
              });
          const where = `audience ${csv ? 'CSV' : 'JSON'} ${field} = ${JSON.stringify(row[field])}`;
          await expectChecked(reply, where);
          // CSV travels as UTF-8, which cannot carry a lone surrogate (fetch sends U+FFFD): only NUL stays.
          if (csv && !row[field]!.includes('\u0000')) return;
          expect(reply.status, where).toBe(422);
          expect(JSON.stringify(reply.json.error.details), where).toContain(
            csv ? `line 3 ${field}` : `/members/1/${field}`,
          );
        },
      ),
      options,
    );
  });

  it('a record key outside its pattern, or a value of the wrong shape, in context or props: 422', async () => {
    const sessions = ROUTES.find((r) => r.operationId === 'createSession')!;
    const events = ROUTES.find((r) => r.operationId === 'ingestEvents')!;
    await fc.assert(
      fc.asyncProperty(
        badKey,
        fc.oneof(fc.constant('fine'), badValue),
        fc.boolean(),
        async (key, value, props) => {
          const body = props
            ? { events: [{ ...(validBody(events).events as object[])[0], props: { [key]: value } }] }
            : { ...validBody(sessions), context: { [key]: value } };
          const reply = await call(props ? events : sessions, body);
          const where = `${props ? 'props' : 'context'} ${JSON.stringify(key).slice(0, 60)}: ${JSON.stringify(value).slice(0, 40)}`;
          await expectChecked(reply, where);
          expect(reply.status, where).toBe(422);
        },
      ),
      options,
    );
  });

  it('every date (event at, roster accessAt, report from/to) at and past its bounds: accepted inside, 422 outside', async () => {
    const events = ROUTES.find((r) => r.operationId === 'ingestEvents')!;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(anyDate, fc.constantFrom('event', 'accessAt', 'from', 'to'), async (date, where) => {
        let reply: Reply;
        if (where === 'event') {
          const id = `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
          const event = { ...(validBody(events).events as Record<string, unknown>[])[0], id, at: date };
          reply = await call(events, { events: [event] });
        } else if (where === 'accessAt') {
          reply = await live.call('PUT', '/v1/audience', {
            token: live.admin,
            body: { members: [{ user: 'u1', team: 'sales', accessAt: date }] },
          });
        } else {
          const other = where === 'from' ? 'to=9999-12-31' : 'from=1970-01-01';
          reply = await live.call('GET', `/v1/activation?${where}=${encodeURIComponent(date)}&${other}`, {
            token: live.admin,
          });
        }
        const context = `${where} = ${date}`;
        await expectChecked(reply, context);
        // An event's `at` is a date-time; `to` must also end after `from` (1970-01-01 00:00).
        const inRange = acceptable(date) && (where !== 'event' || date.includes('T'));
        const ordered = where !== 'to' || date.length === 10 || new Date(date).getTime() > MIN_MS;
        if (inRange && ordered) expect(reply.status, context).toBeLessThan(300);
        else expect(reply.status, context).toBe(422);
      }),
      options,
    );
  });

  it("another user's session, of this tenant, with a practice or an admin token: 404 like an unknown id", async () => {
    const sessionRoutes = ROUTES.filter((r) => r.path.startsWith('/v1/sessions/{id}'));
    const unknown = '00000000-0000-4000-8000-00000000beef';
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...sessionRoutes),
        fc.constantFrom('practice', 'admin'),
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s !== 'u1'),
        async (route, scope, sub) => {
          const other = await token({ sub, team: 'sales', scope });
          const body = route.body ? validBody(route) : undefined;
          const path = (id: string) => route.path.replace('{id}', id);
          const method = route.method.toUpperCase();
          const theirs = await live.call(method, path(sessionId), { token: other, body });
          const none = await live.call(method, path(unknown), { token: other, body });
          const where = `${label(route)} as ${scope} ${JSON.stringify(sub)}`;
          await expectChecked(theirs, where);
          expect(theirs.status, where).toBe(404);
          expect(theirs.json.error.code, where).toBe(none.json.error.code);
        },
      ),
      options,
    );
    // The owner still has it, untouched: no other user's turn was stored.
    expect((await ownTurn('Still mine.')).status).toBe(200);
  });
});
