import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { openMemoryDb } from '../store/pglite.js';
import {
  AudienceInvalidError,
  membersFromCsv,
  parseCsv,
  replaceAudience,
  validateMembers,
} from './audience.js';

describe('CSV roster', () => {
  it('parses RFC 4180: quotes, escaped quotes, commas and newlines in quotes, CRLF, BOM', () => {
    expect(parseCsv('\ufeffuser,team\r\n"u,1","Sales ""EMEA"""\r\nu2,"two\nlines"\n\n')).toEqual([
      ['user', 'team'],
      ['u,1', 'Sales "EMEA"'],
      ['u2', 'two\nlines'],
    ]);
  });

  it('maps header aliases in any order and drops empty cells', () => {
    expect(membersFromCsv('Team,User_Id,access_date\nOps,u1,2026-03-02\nOps,u2,\n')).toEqual([
      { team: 'Ops', user: 'u1', accessAt: '2026-03-02' },
      { team: 'Ops', user: 'u2' },
    ]);
  });

  it('rejects a file without the required columns, or with an open quote', () => {
    expect(() => membersFromCsv('id,group\n1,2\n')).toThrow(/missing column "user"/);
    expect(() => parseCsv('user,team\n"u1,Ops\n')).toThrow(AudienceInvalidError);
  });

  it('reports every bad row with its spreadsheet line, and duplicates', () => {
    const csv = 'user,team,accessAt\nu1,Ops,2026-03-02\nu2,,\nu1,Sales,\nu3,Ops,yesterday\n';
    try {
      validateMembers(membersFromCsv(csv), true);
      expect.unreachable();
    } catch (error) {
      expect((error as AudienceInvalidError).problems).toEqual([
        { path: 'line 3 team', message: 'required, 1-128 characters' },
        { path: 'line 4 user', message: 'duplicate of line 2' },
        {
          path: 'line 5 accessAt',
          message:
            'expected a date (2026-03-02) or an RFC 3339 date-time (2026-03-02T09:00:00Z) in the years 1970–9999',
        },
      ]);
    }
  });

  it('validates JSON members with JSON pointers', () => {
    expect(() => validateMembers([{ user: 'u1', team: 'Ops', extra: 1 }])).toThrow(/\/members\/0\/extra/);
    expect(validateMembers([{ user: ' u1 ', team: 'Ops', accessAt: '2026-03-02T09:00:00+01:00' }])).toEqual([
      { user: 'u1', team: 'Ops', accessAt: new Date('2026-03-02T08:00:00Z') },
    ]);
  });
});

describe('replaceAudience', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openMemoryDb();
    await migrate(db, MIGRATIONS);
  });
  afterAll(() => db.close());

  const roster = async (tenant: string) =>
    db.query<{ user_id: string; team: string }>(
      `select user_id, team from audience where tenant = $1 order by user_id`,
      [tenant],
    );

  it('replaces the whole roster of one tenant and leaves others alone', async () => {
    await replaceAudience(db, 'other', [{ user: 'u1', team: 'X', accessAt: null }]);
    expect(
      await replaceAudience(db, 't', [
        { user: 'u1', team: 'Ops', accessAt: null },
        { user: 'u2', team: 'Ops', accessAt: null },
        { user: 'u3', team: 'Sales', accessAt: null },
      ]),
    ).toEqual({ size: 3, teams: 2 });
    // u2 leaves, u1 moves team, u4 joins.
    await replaceAudience(db, 't', [
      { user: 'u1', team: 'Sales', accessAt: null },
      { user: 'u3', team: 'Sales', accessAt: null },
      { user: 'u4', team: 'Ops', accessAt: null },
    ]);
    expect(await roster('t')).toEqual([
      { user_id: 'u1', team: 'Sales' },
      { user_id: 'u3', team: 'Sales' },
      { user_id: 'u4', team: 'Ops' },
    ]);
    expect(await roster('other')).toEqual([{ user_id: 'u1', team: 'X' }]);
    await replaceAudience(db, 't', []);
    expect(await roster('t')).toEqual([]);
  });
});
