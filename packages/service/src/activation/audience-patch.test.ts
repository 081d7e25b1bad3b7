/**
 * `GET /v1/audience` paging and `PATCH /v1/audience` (issue 18 item 6) on PGlite and PostgreSQL:
 * every page in user id order, nothing skipped; a patch stored whole or, with any problem, not at all.
 */
import { expect } from 'vitest';
import type { Db } from '../store/db.js';
import { onBackends } from '../test/both-stores.js';
import { AudienceInvalidError, replaceAudience } from './audience.js';
import { listAudience, patchAudience } from './audience-patch.js';

const T = 'acme';
const SEGMENTS = ['point-of-pain', 'enthusiast'];

const roster = (db: Db) =>
  db.query<{ user_id: string; team: string; segments: string[] }>(
    `select user_id, team, segments from audience where tenant = $1 order by user_id collate "C"`,
    [T],
  );
async function problems(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AudienceInvalidError) return e.problems;
    throw e;
  }
  throw new Error('expected AudienceInvalidError');
}

onBackends('audience_patch', (test) => {
  test('pages through the roster in user id order with a cursor, each member once', async (db) => {
    // 7 members, ids chosen so that byte order differs from a locale's (upper case first).
    const users = ['b', 'A', 'c', 'é', 'a', 'Z', 'd'];
    await replaceAudience(
      db,
      T,
      users.map((user) => ({ user, team: 'T', accessAt: new Date('2026-03-01T00:00:00Z') })),
    );
    await replaceAudience(db, 'other', [{ user: 'zz', team: 'T', accessAt: null }]);
    const seen: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listAudience(db, T, { limit: '3', ...(cursor ? { cursor } : {}) });
      seen.push(page.members.map((m) => m.user));
      cursor = page.next ?? undefined;
    } while (cursor);
    // 3 + 3 + 1, byte order: A Z a | b c d | é; the other tenant's member never shows.
    expect(seen).toEqual([['A', 'Z', 'a'], ['b', 'c', 'd'], ['é']]);
    const first = await listAudience(db, T, { limit: '1' });
    expect(first.members).toEqual([
      { user: 'A', team: 'T', accessAt: '2026-03-01T00:00:00.000Z', segments: [] },
    ]);
    expect(await problems(() => listAudience(db, T, { limit: '0', cursor: '%%%' }))).toEqual([
      { path: 'limit', message: 'an integer from 1 to 1000' },
      { path: 'cursor', message: 'not a cursor this endpoint returned' },
    ]);
  });

  test('adds, removes and updates (remove then add) in one patch', async (db) => {
    await replaceAudience(db, T, [
      { user: 'u1', team: 'A', accessAt: null },
      { user: 'u2', team: 'A', accessAt: null },
    ]);
    const r = await patchAudience(
      db,
      T,
      {
        remove: ['u1', 'u2'],
        add: [
          { user: 'u2', team: 'B', segments: ['enthusiast'] },
          { user: 'u3', team: 'C' },
        ],
      },
      SEGMENTS,
    );
    // u1 gone, u2 moved to B with a segment, u3 new: 2 members in 2 teams.
    expect(r).toEqual({ size: 2, teams: 2 });
    expect(await roster(db)).toEqual([
      { user_id: 'u2', team: 'B', segments: ['enthusiast'] },
      { user_id: 'u3', team: 'C', segments: [] },
    ]);
  });

  test('answers every problem with its path and stores nothing', async (db) => {
    await replaceAudience(db, T, [
      { user: 'u1', team: 'A', accessAt: null },
      { user: 'u2', team: 'A', accessAt: null },
    ]);
    const before = await roster(db);
    const found = await problems(() =>
      patchAudience(
        db,
        T,
        {
          add: [
            { user: 'u3', team: 'B' }, // fine on its own
            { user: 'u1', team: 'B' }, // already on the roster, not removed: a duplicate
            { user: 'u4', team: 'B', segments: ['typo'] },
            { user: 'u3', team: 'C' }, // twice in the patch
          ],
          remove: ['u2', 'nobody', 'u2'],
        },
        SEGMENTS,
      ),
    );
    expect(found).toEqual([
      { path: '/add/2/segments', message: 'unknown segment "typo" (defined: point-of-pain, enthusiast)' },
      { path: '/add/3/user', message: 'duplicate of /add/0' },
      { path: '/remove/2', message: 'duplicate of /remove/0' },
      { path: '/remove/1', message: '"nobody" is not on the roster' },
      {
        path: '/add/1/user',
        message: '"u1" is already on the roster (remove it in the same patch to update it)',
      },
    ]);
    // u3 (valid) was not added and u2 not removed: the patch is whole or nothing.
    expect(await roster(db)).toEqual(before);
  });
});
