// Tenant isolation (docs/design.md §7), generated from the contract's ROUTES so a new route joins
// every row automatically: tenant A's token against tenant B's resources → 404, no B data in the
// answer, B's stored data unchanged, in both directions (HS256 tenant ↔ ES256 tenant); a token
// that names B but is signed with A's key → 401.
import { describe, expect, test } from 'vitest';
import { ACME_SECRET, token, uuid } from '../test/harness.js';
import { AUTH_ROUTES, checkResponse, label, validBody } from '../test/support.js';
import { call, keys, pairs, PUT_SCENARIO, stateOf, tenants, twoTenants } from '../test/two-tenants.js';

twoTenants();

// PUT of a scenario id goes last: it creates A's own scenario under B's ids, which would then
// answer A's GET and DELETE of those ids.
const ISOLATION_ROUTES = [...AUTH_ROUTES.filter((r) => r !== PUT_SCENARIO), PUT_SCENARIO];

describe.each(pairs)('tenant $a against tenant $b', ({ a, b }) => {
  test.each(ISOLATION_ROUTES.map((r) => ({ route: r, name: label(r) })))(
    `$name with ${b}'s resource ids: 404 for every id it owns, nothing of ${b}'s data read or written`,
    async ({ route }) => {
      const A = tenants[a];
      const B = tenants[b];
      const before = await stateOf(b);
      const bearer = route.scope === 'admin' ? await A.admin() : await A.practice();
      // Routes with an id: every id B owns (open and completed session, nudge, scenario) must be
      // "not found" — except that PUT of a scenario id creates A's own scenario under that id.
      for (const id of route.path.includes('{id}')
        ? [B.sessionId, B.completedId, B.nudgeId, B.scenarioId]
        : [B.sessionId]) {
        // Event ids of B reused by A must not be "duplicates" of B's (that would leak B's ids).
        const body =
          route.operationId === 'ingestEvents'
            ? {
                events: [
                  {
                    id: uuid(b === 'acme' ? 100 : 200),
                    name: 'open',
                    at: new Date().toISOString(),
                    sessionId: id,
                  },
                ],
              }
            : validBody(route);
        const res = await call(route, bearer, id, body);
        const { status, code, text } = await checkResponse(res, `${label(route)} as ${a} on ${b}'s ${id}`);
        if (route.operationId === 'putScenario') expect([200, 201]).toContain(status);
        else if (route.path.includes('{id}'))
          expect({ status, code }).toEqual({ status: 404, code: 'not_found' });
        if (route.operationId === 'ingestEvents')
          expect(JSON.parse(text)).toEqual({ accepted: 1, duplicates: 0 });
        // A scenario A creates echoes the id A chose: that is A's input, not B's data.
        const markers = route.operationId === 'putScenario' ? B.markers.filter((m) => m !== id) : B.markers;
        for (const m of markers) expect(text, `${b}'s data in ${a}'s answer`).not.toContain(m);
      }
      expect(await stateOf(b), `${b}'s stored data changed`).toBe(before);
    },
  );

  test.each(AUTH_ROUTES.map((r) => ({ route: r, name: label(r) })))(
    `$name with a token naming ${b} but signed with ${a}'s key: 401`,
    async ({ route }) => {
      const B = tenants[b];
      // Claims of B (iss, a user of B), signature of A: a tenant forging another tenant's tokens.
      const forged =
        a === 'acme'
          ? await token({ iss: b, sub: `${b}-hr`, scope: 'admin', secret: ACME_SECRET })
          : await token({ iss: b, sub: `${b}-hr`, scope: 'admin', key: keys.es256.privateKey });
      const res = await call(route, forged, B.sessionId);
      const { status, code } = await checkResponse(res, label(route));
      expect({ status, code }).toEqual({ status: 401, code: 'unauthorized' });
    },
  );
});
