/**
 * Reading the roster a page at a time and changing it member by member (docs/activation.md,
 * Roster), beside `replaceAudience`'s full replace. A patch is checked whole against the stored
 * roster and written in one transaction: either every change is stored or none.
 */
import type { AudienceResponse } from '@inflow/contract';
import { DATE_MESSAGE, parseInstant } from '../dates.js';
import type { Db } from '../store/db.js';
import { AudienceInvalidError, validateMembers, type Problem } from './audience.js';
import { beginChange, parseEffectiveAt, syncHistory } from './history.js';

export const PAGE_DEFAULT = 100;
export const PAGE_MAX = 1000;

export interface RosterMember {
  user: string;
  team: string;
  accessAt: string | null;
  segments: string[];
}

/** The cursor is the last user id of the page, base64url so any id travels in a query string. */
const encode = (user: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(user)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
function decode(cursor: string): string | undefined {
  try {
    const bin = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * Keyset paging by user id: a page costs the same wherever it is, and a member is never skipped.
 * With `at`, the roster as it was at that instant (its members' intervals holding it).
 */
export async function listAudience(
  db: Pick<Db, 'query'>,
  tenant: string,
  query: { cursor?: string; limit?: string; at?: string },
): Promise<{ members: RosterMember[]; next: string | null }> {
  const problems: Problem[] = [];
  const limit = query.limit === undefined ? PAGE_DEFAULT : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX)
    problems.push({ path: 'limit', message: `an integer from 1 to ${PAGE_MAX}` });
  const after = query.cursor === undefined ? '' : decode(query.cursor);
  if (after === undefined) problems.push({ path: 'cursor', message: 'not a cursor this endpoint returned' });
  const at = query.at === undefined ? undefined : parseInstant(query.at);
  if (query.at !== undefined && !at) problems.push({ path: 'at', message: DATE_MESSAGE });
  if (problems.length) throw new AudienceInvalidError(problems);
  const rows = await db.query<{
    user_id: string;
    team: string;
    access_at: Date | string | null;
    segments: string[];
  }>(
    at
      ? `select user_id, team, access_at, segments from audience_history
         where tenant = $1 and user_id collate "C" > $2
           and valid_from <= $4::timestamptz and (valid_to is null or valid_to > $4::timestamptz)
         order by user_id collate "C" limit $3`
      : `select user_id, team, access_at, segments from audience
         where tenant = $1 and user_id collate "C" > $2 order by user_id collate "C" limit $3`,
    [tenant, after, limit + 1, ...(at ? [at.toISOString()] : [])],
  );
  const page = rows.slice(0, limit).map((r) => ({
    user: r.user_id,
    team: r.team,
    accessAt: r.access_at === null ? null : new Date(r.access_at).toISOString(),
    segments: r.segments,
  }));
  return { members: page, next: rows.length > limit ? encode(page[page.length - 1]!.user) : null };
}

/**
 * `remove` first, then `add` (a user in both is updated). Problems, all reported at once: a
 * member to add who is already on the roster and not removed (it would be a duplicate), a user
 * to remove who is not on it, a user removed twice, every `validateMembers` problem, and an
 * `effectiveAt` that is unreadable, in the future or before the roster's latest change.
 */
export async function patchAudience(
  db: Pick<Db, 'transaction'>,
  tenant: string,
  body: { add?: unknown; remove?: unknown; effectiveAt?: unknown },
  segments: readonly string[],
  now: Date = new Date(),
): Promise<AudienceResponse> {
  const problems: Problem[] = [];
  const effectiveAt = parseEffectiveAt(body.effectiveAt, now);
  if (effectiveAt !== undefined && !(effectiveAt instanceof Date)) problems.push(effectiveAt);
  const collect = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof AudienceInvalidError)) throw e;
      const toAdd = (s: string) => s.replace(/^\/members/, '/add').replace(/of \/members\//, 'of /add/');
      problems.push(...e.problems.map((p) => ({ path: toAdd(p.path), message: toAdd(p.message) })));
      return undefined;
    }
  };
  const add = body.add === undefined ? [] : (collect(() => validateMembers(body.add, false, segments)) ?? []);
  // Checked against the roster even when another member of the patch is invalid: every problem at once.
  const addUsers = (Array.isArray(body.add) ? body.add : []).map((m: unknown) => {
    const user = (m as { user?: unknown } | null)?.user;
    return typeof user === 'string' ? user.trim() : '';
  });
  const remove: string[] = [];
  if (body.remove !== undefined && !Array.isArray(body.remove))
    problems.push({ path: '/remove', message: 'expected an array of user ids' });
  else
    (body.remove ?? []).forEach((u: unknown, i: number) => {
      if (typeof u !== 'string' || u.trim() === '' || u.length > 128)
        problems.push({ path: `/remove/${i}`, message: 'required, 1-128 characters' });
      else if (remove.includes(u.trim()))
        problems.push({ path: `/remove/${i}`, message: `duplicate of /remove/${remove.indexOf(u.trim())}` });
      else remove.push(u.trim());
    });
  return db.transaction(async (tx) => {
    // First: it takes the tenant's roster lock, and its problem joins the others.
    const at = await beginChange(tx, tenant, {
      ...(effectiveAt instanceof Date ? { effectiveAt } : {}),
      now,
    });
    if (!(at instanceof Date)) problems.push(at);
    const users = [...new Set([...addUsers, ...remove])];
    const stored = new Set(
      (
        await tx.query<{ user_id: string }>(
          // `for update`: a concurrent patch of the same members waits instead of racing this check.
          `select user_id from audience where tenant = $1 and user_id = any($2::text[]) for update`,
          [tenant, users],
        )
      ).map((r) => r.user_id),
    );
    remove.forEach((u, i) => {
      if (!stored.has(u)) problems.push({ path: `/remove/${i}`, message: `"${u}" is not on the roster` });
    });
    addUsers.forEach((u, i) => {
      if (stored.has(u) && !remove.includes(u))
        problems.push({
          path: `/add/${i}/user`,
          message: `"${u}" is already on the roster (remove it in the same patch to update it)`,
        });
    });
    if (problems.length || !(at instanceof Date)) throw new AudienceInvalidError(problems.slice(0, 50));
    await tx.query(`delete from audience where tenant = $1 and user_id = any($2::text[])`, [tenant, remove]);
    await tx.query(
      `insert into audience (tenant, user_id, team, access_at, segments)
       select $1, user_id, team, access_at, coalesce(string_to_array(nullif(segs, ''), ';'), '{}')
       from unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[]) as t(user_id, team, access_at, segs)`,
      [
        tenant,
        add.map((m) => m.user),
        add.map((m) => m.team),
        add.map((m) => m.accessAt?.toISOString() ?? null),
        add.map((m) => (m.segments ?? []).join(';')),
      ],
    );
    await syncHistory(tx, tenant, at);
    const [size] = await tx.query<{ size: number; teams: number }>(
      `select count(*)::int as size, count(distinct team)::int as teams from audience where tenant = $1`,
      [tenant],
    );
    return size ?? { size: 0, teams: 0 };
  });
}
