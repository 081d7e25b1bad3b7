/**
 * The target roster: who the activation rate is measured against. `PUT /v1/audience` replaces it
 * as a whole (JSON `{members:[{user,team,accessAt?,segments?}]}` or CSV `user,team,accessAt,segments`).
 */
import {
  isStorableText,
  LIMITS,
  UNSTORABLE_TEXT_MESSAGE,
  type AudienceMember,
  type AudienceResponse,
} from '@inflow/contract';
import { DATE_MESSAGE, parseInstant } from '../dates.js';
import type { Db } from '../store/db.js';
import { beginChange, syncHistory, type RosterChange } from './history.js';
import { AudienceInvalidError, type Problem } from './problems.js';

export { AudienceInvalidError, type Problem } from './problems.js';

const MAX_PROBLEMS = 50;

/**
 * RFC 4180 CSV: quoted fields with `""` escapes, commas and newlines inside quotes, CRLF or LF.
 * Hand-written (30 lines) because the app must stay runtime-neutral for the in-browser mocks,
 * and csv-parse depends on Node's `Buffer`.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // Excel's BOM
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (src[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (quoted) throw new AudienceInvalidError([{ path: 'csv', message: 'unterminated quoted field' }]);
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  // Blank lines carry nothing.
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
}

const HEADER_ALIASES: Record<string, keyof AudienceMember> = {
  user: 'user',
  userid: 'user',
  user_id: 'user',
  team: 'team',
  accessat: 'accessAt',
  access_at: 'accessAt',
  accessdate: 'accessAt',
  access_date: 'accessAt',
  segments: 'segments',
};

/** CSV with a header row naming `user`, `team` and optionally `accessAt`, `segments` (any order). */
export function membersFromCsv(text: string): unknown[] {
  const [header, ...rows] = parseCsv(text);
  if (!header)
    throw new AudienceInvalidError([
      { path: 'csv', message: 'empty file: expected a header row user,team[,accessAt]' },
    ]);
  const columns = header.map((h) => HEADER_ALIASES[h.trim().toLowerCase()]);
  for (const need of ['user', 'team'] as const) {
    if (!columns.includes(need))
      throw new AudienceInvalidError([
        { path: 'csv/header', message: `missing column "${need}" (header: ${header.join(',')})` },
      ]);
  }
  return rows.map((cells) => {
    const member: Record<string, string> = {};
    columns.forEach((key, i) => {
      const value = cells[i]?.trim() ?? '';
      if (key && value !== '') member[key] = value;
    });
    // One column, ids separated by `;` (a comma would need quoting in every spreadsheet).
    if (member.segments !== undefined)
      return { ...member, segments: member.segments.split(';').map((x) => x.trim()) };
    return member;
  });
}

/** Validates every member; problems carry the row (`/members/3/team`, or CSV line numbers). */
export interface Member {
  user: string;
  team: string;
  accessAt: Date | null;
  segments?: string[];
}

/**
 * `segments` is the tenant's list of segment ids: a member's segment must be one of them (an
 * unknown id is a typo or a list out of date, and guessing would misreport a segment).
 */
export function validateMembers(input: unknown, csv = false, segments: readonly string[] = []): Member[] {
  if (!Array.isArray(input))
    throw new AudienceInvalidError([
      { path: '/members', message: 'expected an array of {user, team, accessAt?}' },
    ]);
  if (input.length > LIMITS.audienceRows) {
    throw new AudienceInvalidError([
      {
        path: '/members',
        message: `at most ${LIMITS.audienceRows} members per upload (got ${input.length})`,
      },
    ]);
  }
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  // CSV: line numbers as a spreadsheet shows them (header is line 1).
  const where = (i: number, field?: string) =>
    csv ? `line ${i + 2}${field ? ` ${field}` : ''}` : `/members/${i}${field ? `/${field}` : ''}`;
  const out = input.map((m: unknown, i) => {
    const r = (m ?? {}) as Record<string, unknown>;
    if (typeof m !== 'object' || m === null || Array.isArray(m))
      problems.push({ path: where(i), message: 'expected an object' });
    for (const key of Object.keys(r))
      if (!['user', 'team', 'accessAt', 'segments'].includes(key))
        problems.push({ path: where(i, key), message: 'unknown field' });
    for (const field of ['user', 'team'] as const) {
      const v = r[field];
      if (typeof v !== 'string' || v.trim() === '' || v.length > 128)
        problems.push({ path: where(i, field), message: 'required, 1-128 characters' });
      else if (!isStorableText(v)) problems.push({ path: where(i, field), message: UNSTORABLE_TEXT_MESSAGE });
    }
    let accessAt: Date | null = null;
    if (r.accessAt !== undefined && r.accessAt !== null) {
      const parsed = typeof r.accessAt === 'string' ? parseInstant(r.accessAt) : undefined;
      if (!parsed) problems.push({ path: where(i, 'accessAt'), message: DATE_MESSAGE });
      accessAt = parsed ?? null;
    }
    let own: string[] | undefined;
    if (r.segments !== undefined) {
      const list = r.segments;
      if (!Array.isArray(list) || list.some((x) => typeof x !== 'string'))
        problems.push({ path: where(i, 'segments'), message: 'expected a list of segment ids' });
      else if (list.length > LIMITS.segmentsPerMember)
        problems.push({
          path: where(i, 'segments'),
          message: `at most ${LIMITS.segmentsPerMember} segments per member (got ${list.length})`,
        });
      else {
        own = [...new Set(list as string[])].filter((x) => x !== '');
        for (const id of own)
          if (!segments.includes(id))
            problems.push({
              path: where(i, 'segments'),
              message: `unknown segment "${id}" (defined: ${segments.join(', ') || 'none'})`,
            });
      }
    }
    const user = typeof r.user === 'string' ? r.user.trim() : '';
    // A user twice is ambiguous (which team?): reject rather than guess.
    const first = seen.get(user);
    if (user && first !== undefined)
      problems.push({ path: where(i, 'user'), message: `duplicate of ${where(first)}` });
    else seen.set(user, i);
    return {
      user,
      team: typeof r.team === 'string' ? r.team.trim() : '',
      accessAt,
      ...(own ? { segments: own } : {}),
    };
  });
  if (problems.length) throw new AudienceInvalidError(problems.slice(0, MAX_PROBLEMS));
  return out;
}

/**
 * Replaces the tenant's roster: delete who is no longer listed, upsert the rest, then record the
 * change in the history (history.ts), all in one transaction, so a reader never sees half a roster.
 * `change.effectiveAt` dates the change (docs/activation.md, Roster history).
 */
export async function replaceAudience(
  db: Pick<Db, 'query'> & Partial<Pick<Db, 'transaction'>>,
  tenant: string,
  members: Member[],
  change: RosterChange = {},
): Promise<AudienceResponse> {
  // The demo seeder holds only a query handle, on a tenant nobody else writes yet.
  const inTransaction = <T>(fn: (tx: Pick<Db, 'query'>) => Promise<T>) =>
    db.transaction ? db.transaction(fn) : fn(db);
  await inTransaction(async (tx) => {
    const at = await beginChange(tx, tenant, change);
    if (!(at instanceof Date)) throw new AudienceInvalidError([at]);
    await tx.query(
      `with incoming as (
         select * from unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[]) as t(user_id, team, access_at, segs)
       ), gone as (
         delete from audience a where a.tenant = $1
           and not exists (select 1 from incoming i where i.user_id = a.user_id)
       )
       insert into audience (tenant, user_id, team, access_at, segments)
       -- Segment lists travel ';'-joined (a ragged text[][] is not a PostgreSQL array); ids hold no ';'.
       select $1, user_id, team, access_at, coalesce(string_to_array(nullif(segs, ''), ';'), '{}') from incoming
       on conflict (tenant, user_id) do update
         set team = excluded.team, access_at = excluded.access_at, segments = excluded.segments`,
      [
        tenant,
        members.map((m) => m.user),
        members.map((m) => m.team),
        members.map((m) => m.accessAt?.toISOString() ?? null),
        members.map((m) => (m.segments ?? []).join(';')),
      ],
    );
    await syncHistory(tx, tenant, at);
  });
  return { size: members.length, teams: new Set(members.map((m) => m.team)).size };
}
