/**
 * Test helper shared by the outbound suites: on PGlite and on a throw-away PostgreSQL, the real
 * service with the test tenants (acme's extra config from `acme(receiverUrl)`) and a loopback
 * receiver, the worker with no background ticks (each suite runs its rounds with `drain`), and
 * the calls every suite makes: a tenant's tokens, JSON requests, one practice.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { createService } from '../../node.js';
import { storageBackends } from '../../test/authored.js';
import { ACME_SECRET, testTenants, token, type Keys } from '../../test/harness.js';
import { inProcess, type InProcess } from '../../test/support.js';
import type { TenantConfig } from '../../tenants.js';
import { startReceiver, type Judge, type Receiver } from './receiver.js';

type Outbound = Exclude<NonNullable<Parameters<typeof createService>[0]>['outbound'], false | undefined>;

export interface OutboundSetup {
  /** acme's config beyond its keys, given the receiver's URL (`…/hook`). */
  acme: (receiverUrl: string) => Partial<TenantConfig>;
  /** Answers in the receiver's place (the loopback LRS's rules); made afresh per backend. */
  judge?: () => Judge;
  /** Worker options beyond "no background ticks". */
  outbound?: Outbound;
}

export interface OutboundSuite {
  it(name: string, fn: (api: InProcess) => Promise<void>): void;
  receiver(): Receiver;
  /** The test tenants' keys (globex signs ES256 tokens with `keys().es256.privateKey`). */
  keys(): Keys;
  /** acme's token: a manager practising, or HR with the admin scope. */
  bearer(scope?: 'practice' | 'admin', sub?: string): Promise<string>;
  request(api: InProcess, method: string, path: string, bearer: string, body?: unknown): Promise<Response>;
  /** Worker rounds until one leases nothing (at most 50). */
  drain(api: InProcess): Promise<void>;
  /** One practice of goal-setting with these turns, completed; its session id and feedback. */
  practise(api: InProcess, turns: string[], bearer?: string): Promise<{ id: string; passed: boolean }>;
}

export function outboundSuite(name: string, setup: OutboundSetup, body: (s: OutboundSuite) => void): void {
  const { backends, skipReason } = storageBackends(name.replace(/\W+/g, '_'));
  describe.each(backends)(`${name} on $name`, (backend) => {
    let api: InProcess | undefined;
    let receiver: Receiver;
    let keys: Keys;
    beforeAll(async () => {
      receiver = await startReceiver(setup.judge?.());
      const storage = await backend.db();
      if (!storage) return;
      const t = await testTenants({ acme: setup.acme(receiver.url) });
      keys = t.keys;
      const outbound = { ...setup.outbound, policy: { intervalMs: 3_600_000, ...setup.outbound?.policy } };
      api = await inProcess(t.tenants, { ...storage, outbound });
    });
    afterAll(async () => {
      await api?.service.close();
      await receiver.close();
    });
    const request: OutboundSuite['request'] = (api, method, path, bearer, json) =>
      api.fetch(path, {
        method,
        headers: {
          authorization: `Bearer ${bearer}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
    const bearer: OutboundSuite['bearer'] = (scope = 'practice', sub) =>
      token({
        iss: 'acme',
        secret: ACME_SECRET,
        sub: sub ?? (scope === 'admin' ? 'hr' : 'mgr-1'),
        team: 'sales',
        scope,
      });
    body({
      it: (title, fn) =>
        test(title, async (ctx) => {
          if (!api) return ctx.skip(skipReason());
          await fn(api);
        }),
      receiver: () => receiver,
      keys: () => keys,
      bearer,
      request,
      drain: async (api) => {
        for (let i = 0; i < 50; i++) if ((await api.service.outbound!.tick()) === 0) return;
      },
      practise: async (api, turns, given) => {
        const b = given ?? (await bearer());
        const res = await request(api, 'POST', '/v1/sessions', b, {
          scenario: 'goal-setting',
          source: 'nudge',
        });
        const { id } = (await res.json()) as { id: string };
        for (const text of turns) await request(api, 'POST', `/v1/sessions/${id}/turns`, b, { text });
        const done = await request(api, 'POST', `/v1/sessions/${id}/complete`, b);
        return { id, passed: ((await done.json()) as { passed: boolean }).passed };
      },
    });
  });
}
