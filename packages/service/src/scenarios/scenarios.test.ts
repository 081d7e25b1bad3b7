// Authored scenarios over real HTTP, on PGlite and on PostgreSQL: authoring and versions, drafts
// hidden from practice tokens, version pinning, archive, tenant isolation, and the refusals
// (409 built-in id, 422 with every path, 413 oversize).
import { LIMITS } from '@inflow/contract';
import * as S from '@inflow/contract/schemas';
import { beforeAll, describe, expect } from 'vitest';
import { conforms, pricing, serveOnBackend, status, storageBackends } from '../test/authored.js';
import { ACME_SECRET, token } from '../test/harness.js';

const { backends, skipReason } = storageBackends('scenarios');

describe.each(backends)('authored scenarios on $name', ({ db }) => {
  const { live, it } = serveOnBackend(db, skipReason);
  let acmeAdmin: string;

  beforeAll(async () => {
    acmeAdmin = await token({ iss: 'acme', secret: ACME_SECRET, sub: 'hr9', scope: 'admin' });
  });

  const put = (id: string, body: unknown, t = live.admin) =>
    live.call('PUT', `/v1/scenarios/${id}`, { token: t, body });
  const listed = async (t: string) =>
    (await live.call('GET', '/v1/scenarios', { token: t })).json.scenarios as {
      id: string;
      version?: number;
      status?: string;
    }[];
  const startSession = (id: string, t = live.practice) =>
    live.call('POST', '/v1/sessions', { token: t, body: { scenario: id, source: 'embedded' } });
  const turn = (session: string, text: string, t = live.practice) =>
    live.call('POST', `/v1/sessions/${session}/turns`, {
      token: t,
      body: { text },
      headers: { accept: 'application/json' },
    });

  it('PUT creates version 1 (201), then stores the next version (200); GET and the history read them back', async () => {
    const v1 = await put('history', pricing({ status: undefined }));
    expect(v1.status).toBe(201);
    conforms(S.AuthoredScenario, v1.json);
    expect(v1.json).toMatchObject({ id: 'history', version: 1, status: 'draft', passThreshold: 0.7 });
    const v2 = await put('history', pricing({ title: 'Second take', passThreshold: 0.5 }));
    expect(v2.status).toBe(200);
    expect(v2.json).toMatchObject({
      version: 2,
      status: 'published',
      title: 'Second take',
      passThreshold: 0.5,
    });
    expect((await live.call('GET', '/v1/scenarios/history', { token: live.admin })).json).toEqual(v2.json);
    const versions = await live.call('GET', '/v1/scenarios/history/versions', { token: live.admin });
    conforms(S.ScenarioVersions, versions.json);
    expect(versions.json.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('drafts are hidden from practice tokens and practisable with an admin token only', async () => {
    await put('draft-only', pricing({ status: 'draft' }));
    expect((await listed(live.practice)).map((s) => s.id)).not.toContain('draft-only');
    expect((await listed(live.admin)).find((s) => s.id === 'draft-only')).toMatchObject({
      version: 1,
      status: 'draft',
    });
    expect(status(await startSession('draft-only'))).toEqual({ status: 422, code: 'validation_failed' });
    const preview = await startSession('draft-only', live.admin);
    expect(preview.status).toBe(201);
    expect(preview.json.opening.text).toBe('V1: you wanted to see me?');

    // Editing a published scenario as a draft keeps the published version live for practice.
    await put('draft-only', pricing({ status: 'published' }));
    await put('draft-only', pricing({ status: 'draft', title: 'Unfinished edit' }));
    const seen = (await live.call('GET', '/v1/scenarios', { token: live.practice })).json;
    conforms(S.ScenarioList, seen);
    const entry = seen.scenarios.find((s: { id: string }) => s.id === 'draft-only');
    expect(entry).toMatchObject({ version: 2, title: 'No raise this year', passThreshold: 0.7 });
    expect(entry.status).toBeUndefined();
    expect((await startSession('draft-only')).json.scenario.version).toBe(2);
  });

  it('a session keeps the version it started with: turns and feedback after an edit and an archive', async () => {
    await put('pinned', pricing());
    const old = (await startSession('pinned')).json;
    expect(old.scenario.version).toBe(1);

    await put(
      'pinned',
      pricing({
        rubric: [
          {
            id: 'reason',
            label: 'Gives the reason',
            description: 'Names the headcount freeze.',
            signals: ['headcount'],
            reaction: 'V2: the freeze, then.',
            max: 5,
          },
        ],
        script: { opening: 'V2: hello.', pushback: ['V2: and?'], closing: 'V2: fine.' },
      }),
    );
    const fresh = (await startSession('pinned')).json;
    expect({ version: fresh.scenario.version, opening: fresh.opening.text }).toEqual({
      version: 2,
      opening: 'V2: hello.',
    });

    // The old session still plays version 1's lines and signals; the new one plays version 2's.
    expect((await turn(old.id, 'The budget is frozen this year.')).json.reply.text).toBe(
      'V1: so it is the budget.',
    );
    expect((await turn(fresh.id, 'The budget is frozen this year.')).json.reply.text).toBe('V2: and?');

    const archived = await live.call('DELETE', '/v1/scenarios/pinned', { token: live.admin });
    expect(archived.json).toMatchObject({ status: 'archived', version: 2 });
    expect((await listed(live.practice)).map((s) => s.id)).not.toContain('pinned');
    expect((await listed(live.admin)).map((s) => s.id)).not.toContain('pinned');
    expect(status(await startSession('pinned'))).toEqual({ status: 422, code: 'validation_failed' });
    expect(status(await startSession('pinned', live.admin))).toEqual({
      status: 422,
      code: 'validation_failed',
    });

    // Running sessions keep working after the archive, each scored by its own version.
    expect((await turn(old.id, 'How do you feel about it?')).status).toBe(200);
    const fb = await live.call('POST', `/v1/sessions/${old.id}/complete`, { token: live.practice });
    expect(fb.status).toBe(200);
    conforms(S.Feedback, fb.json);
    expect(fb.json.scenarioVersion).toBe(1);
    expect(
      fb.json.scores.map((s: { criterion: string; score: number; max: number }) => [
        s.criterion,
        s.score,
        s.max,
      ]),
    ).toEqual([
      ['reason', 2, 3],
      ['ask', 2, 3],
    ]);
    // 4 of 6 is under the default threshold of 0.7.
    expect({ passed: fb.json.passed, passThreshold: fb.json.passThreshold }).toEqual({
      passed: false,
      passThreshold: 0.7,
    });
    const fb2 = (await live.call('POST', `/v1/sessions/${fresh.id}/complete`, { token: live.practice })).json;
    expect({
      version: fb2.scenarioVersion,
      scores: fb2.scores.map((s: { criterion: string; max: number }) => [s.criterion, s.max]),
    }).toEqual({ version: 2, scores: [['reason', 5]] });
    const rows = await live.server!.query<{ scenario_version: number; judge_version: string }>(
      `select scenario_version, judge_version from sessions where id = $1`,
      [old.id],
    );
    expect(rows[0]).toEqual({ scenario_version: 1, judge_version: fb.json.judgeVersion });
  });

  it('ids are per tenant: another tenant’s id answers 404 exactly like an unknown one, and stays untouched', async () => {
    await put('isolated', pricing());
    const unknown = await live.call('GET', '/v1/scenarios/never-made', { token: acmeAdmin });
    for (const path of ['/v1/scenarios/isolated', '/v1/scenarios/isolated/versions']) {
      const r = await live.call('GET', path, { token: acmeAdmin });
      expect({ status: r.status, body: r.json }).toEqual({ status: 404, body: unknown.json });
    }
    expect(status(await live.call('DELETE', '/v1/scenarios/isolated', { token: acmeAdmin }))).toEqual({
      status: 404,
      code: 'not_found',
    });
    const acmePractice = await token({ iss: 'acme', secret: ACME_SECRET, sub: 'a1' });
    expect(status(await startSession('isolated', acmePractice))).toEqual({
      status: 422,
      code: 'validation_failed',
    });
    expect((await listed(acmePractice)).map((s) => s.id)).not.toContain('isolated');
    // The same id in acme is acme's own scenario, version 1; demo's is unchanged.
    expect((await put('isolated', pricing({ title: 'Acme version' }), acmeAdmin)).json).toMatchObject({
      version: 1,
      title: 'Acme version',
    });
    expect((await live.call('GET', '/v1/scenarios/isolated', { token: live.admin })).json).toMatchObject({
      version: 1,
      title: 'No raise this year',
      status: 'published',
    });
  });

  it('refusals: practice scope 403, built-in id 409, invalid body 422 with every path, oversize 413', async () => {
    expect(status(await put('mine', pricing(), live.practice))).toEqual({ status: 403, code: 'forbidden' });
    expect(status(await live.call('GET', '/v1/scenarios/mine', { token: live.practice }))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    for (const method of ['PUT', 'GET', 'DELETE']) {
      const r = await live.call(method, '/v1/scenarios/goal-setting', {
        token: live.admin,
        ...(method === 'PUT' ? { body: pricing() } : {}),
      });
      expect(status(r), method).toEqual({ status: 409, code: 'conflict' });
    }
    const bad = await put('broken', {
      ...pricing(),
      title: '',
      persona: { name: 'Ana', role: 'x'.repeat(LIMITS.personaRoleChars + 1), description: 'd' },
      rubric: [{ id: 'a', label: 'A', description: 'a', max: 11 }],
      passThreshold: 2,
    });
    expect(status(bad)).toEqual({ status: 422, code: 'validation_failed' });
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      '/passThreshold',
      '/persona/role',
      '/rubric/0/max',
      '/title',
    ]);
    const dup = await put('broken', pricing({ rubric: [pricing().rubric[0]!, pricing().rubric[0]!] }));
    expect({ ...status(dup), paths: dup.json.error.details.map((d: { path: string }) => d.path) }).toEqual({
      status: 422,
      code: 'validation_failed',
      paths: ['/rubric/1/id'],
    });
    expect(status(await put('broken', { ...pricing(), version: 7 }))).toEqual({
      status: 422,
      code: 'validation_failed',
    });
    expect(status(await put('not%20an%20id', pricing()))).toEqual({ status: 404, code: 'not_found' });
    const huge = { ...pricing(), summary: 'x'.repeat(LIMITS.scenarioBodyBytes) };
    expect(status(await put('huge', huge))).toEqual({ status: 413, code: 'payload_too_large' });
    expect(status(await live.call('GET', '/v1/scenarios/broken', { token: live.admin }))).toEqual({
      status: 404,
      code: 'not_found',
    });
  });
});
