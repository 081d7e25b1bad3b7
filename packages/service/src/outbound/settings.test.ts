// GET/PUT /v1/settings/integrations on PGlite and PostgreSQL: what a PUT stores is where the
// next practice's statements and webhooks go (verified with standardwebhooks and the Basic
// credentials at the loopback receiver); secrets are write-only and kept when left out; a bad
// body answers 422 naming every problem's path and changes nothing; a private receiver URL is
// refused for a tenant that does not allow one.
import { Webhook } from 'standardwebhooks';
import { expect } from 'vitest';
import { generateSecret } from '../nudges/sign.js';
import { token } from '../test/harness.js';
import type { InProcess } from '../test/support.js';
import { DEMO_SECRET } from '../tenants.js';
import { outboundSuite } from './test/service.js';

const secret = generateSecret();
const BASE = 'https://lms.acme.example/inflow';
const PATH = '/v1/settings/integrations';

outboundSuite('integration settings', { acme: () => ({ allowPrivateReceivers: true }) }, (s) => {
  const put = async (api: InProcess, body: unknown, bearer?: string) =>
    s.request(api, 'PUT', PATH, bearer ?? (await s.bearer('admin')), body);
  const get = async (api: InProcess, bearer?: string) =>
    (await (await s.request(api, 'GET', PATH, bearer ?? (await s.bearer('admin')))).json()) as Record<
      string,
      unknown
    >;
  const settings = () => {
    const url = s.receiver().url;
    return {
      lrs: {
        endpoint: url.replace(/\/hook$/, '/xapi'),
        username: 'inflow',
        password: 'first-password',
        activityIriBase: BASE,
      },
      webhook: { url, secret, events: ['session.completed'] },
    };
  };

  s.it('a PUT decides where the next practice is delivered; no answer carries a secret', async (api) => {
    expect(await get(api)).toEqual({ lrs: null, webhook: null, source: 'tenant-config', updatedAt: null });
    const res = await put(api, settings());
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('first-password');
    expect(text).not.toContain(secret.slice(6));
    const shown = await get(api);
    expect(JSON.stringify(shown)).toBe(text);
    expect(shown).toMatchObject({
      lrs: { username: 'inflow', activityIriBase: BASE, passwordSet: true },
      webhook: { url: s.receiver().url, events: ['session.completed'], secretSet: true },
      source: 'settings',
    });

    s.receiver().received.length = 0;
    const { id } = await s.practise(api, ['Hello.']);
    await s.drain(api);
    const got = s.receiver().received;
    const statements = got.filter((r) => r.path === '/xapi/statements');
    expect(
      statements
        .map((r) => (JSON.parse(r.body) as { verb: { display: { 'en-US': string } } }).verb.display['en-US'])
        .sort(),
    ).toEqual(['completed', 'failed', 'initialized', 'launched', 'terminated']);
    for (const r of statements)
      expect(r.headers.authorization).toBe(
        `Basic ${Buffer.from('inflow:first-password').toString('base64')}`,
      );
    const hooks = got.filter((r) => r.path === '/hook');
    expect(hooks).toHaveLength(1);
    const event = new Webhook(secret).verify(hooks[0]!.body, {
      'webhook-id': String(hooks[0]!.headers['webhook-id']),
      'webhook-timestamp': String(hooks[0]!.headers['webhook-timestamp']),
      'webhook-signature': String(hooks[0]!.headers['webhook-signature']),
    }) as { type: string; data: { sessionId: string } };
    expect(event).toMatchObject({ type: 'session.completed', data: { sessionId: id } });
  });

  s.it(
    'secrets left out are kept; a new LRS origin needs the password again; null turns one off',
    async (api) => {
      const first = settings();
      expect((await put(api, first)).status).toBe(200);
      const { password: _p, ...lrs } = first.lrs;
      const { secret: _s, ...webhook } = first.webhook;
      const kept = await put(api, { lrs: { ...lrs, username: 'inflow2' }, webhook });
      expect(kept.status).toBe(200);
      expect(await kept.json()).toMatchObject({ lrs: { passwordSet: true }, webhook: { secretSet: true } });
      const moved = await put(api, { lrs: { ...lrs, endpoint: 'http://127.0.0.2:9/xapi' }, webhook });
      expect(moved.status).toBe(422);
      expect(((await moved.json()) as { error: { details: unknown } }).error.details).toEqual([
        { path: '/lrs/password', message: "is required again when the endpoint's origin changes" },
      ]);

      s.receiver().received.length = 0;
      await s.practise(api, []);
      await s.drain(api);
      const statements = s.receiver().received.filter((r) => r.path === '/xapi/statements');
      expect(statements.length).toBeGreaterThan(0);
      for (const r of statements)
        expect(r.headers.authorization, 'the kept password, the new user name').toBe(
          `Basic ${Buffer.from('inflow2:first-password').toString('base64')}`,
        );

      expect((await put(api, { lrs: null, webhook: null })).status).toBe(200);
      expect(await get(api)).toMatchObject({ lrs: null, webhook: null, source: 'settings' });
      s.receiver().received.length = 0;
      await s.practise(api, []);
      await s.drain(api);
      expect(s.receiver().received, 'turned off: nothing is queued').toEqual([]);
    },
  );

  s.it('a bad body answers 422 with every path and stores nothing', async (api) => {
    expect((await put(api, settings())).status).toBe(200);
    const before = await get(api);
    const res = await put(api, {
      lrs: { endpoint: 'ftp://lrs.example', username: 'a:b', activityIriBase: 'not an iri', extra: 1 },
      webhook: { url: 'https://hooks.example/x', secret: 'whsec_c2hvcnQ=', events: ['session.nope'] },
    });
    expect(res.status).toBe(422);
    const paths = ((await res.json()) as { error: { details: { path: string }[] } }).error.details
      .map((d) => d.path)
      .sort();
    expect(paths).toEqual([
      '/lrs', // the unknown "extra"
      '/lrs/activityIriBase',
      '/lrs/endpoint',
      '/lrs/password', // a new origin
      '/lrs/username',
      '/webhook/events/0',
      '/webhook/secret',
    ]);
    expect((await put(api, { lrs: null })).status, 'both keys are required').toBe(422);
    expect(await get(api), 'nothing changed').toEqual(before);
  });

  s.it('a private or plain-http receiver is refused for a tenant that does not allow one', async (api) => {
    const demo = await token({ iss: 'demo', secret: DEMO_SECRET, sub: 'hr', scope: 'admin' });
    const res = await put(
      api,
      {
        lrs: { endpoint: 'https://10.1.2.3/xapi', username: 'u', password: 'p', activityIriBase: BASE },
        webhook: { url: 'http://hooks.example/x', secret },
      },
      demo,
    );
    expect(res.status).toBe(422);
    const details = ((await res.json()) as { error: { details: { path: string; message: string }[] } }).error
      .details;
    expect(details.map((d) => d.path)).toEqual(['/lrs/endpoint', '/webhook/url']);
    expect(details[0]!.message).toContain('private IPv4 address');
    expect(JSON.stringify(details), 'the URL is never echoed').not.toContain('10.1.2.3');
    expect(await get(api, demo)).toMatchObject({ lrs: null, webhook: null });
  });
});
