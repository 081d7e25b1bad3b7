/**
 * The export's paging and its refusals on PGlite and PostgreSQL: pages of 3 across 10 rows that
 * share key times (none lost, none repeated, order stable), an empty range's header-only body,
 * 422 for a backwards or too long range or an unknown format, 403 without the admin scope; and
 * every page is an index range scan, never a sort of the range.
 */
import { EXPORT_MAX_RANGE_DAYS } from '@inflow/contract/schemas';
import { expect } from 'vitest';
import { onBackends } from '../test/both-stores.js';
import { exportApp, insertEvent, insertSession, ndjson, practiceToken } from '../test/export.js';
import { uuid } from '../test/harness.js';
import { EVENTS_TABLE, pageSql, sessionsTable } from './pager.js';

const RANGE = 'from=2026-03-02&to=2026-03-02';

onBackends('export_paging', (test) => {
  test('pages of 3 over 10 rows, ties on the key time split across pages: each row once, in order', async (db) => {
    // Ids inserted out of order; rows 2k and 2k+1 share a received_at, so page boundaries (after
    // rows 3, 6, 9) fall inside a tie and only the id separates the last row from the next.
    const expected: string[] = [];
    for (let i = 0; i < 10; i++) {
      const second = String(Math.floor(i / 2)).padStart(2, '0');
      expected.push(uuid(100 + i));
      await insertEvent(db, { id: uuid(100 + i), receivedAt: `2026-03-02T08:00:${second}.000001Z` });
      await insertSession(db, { id: uuid(200 + i), createdAt: `2026-03-02T08:00:${second}.000001Z` });
    }
    for (const size of [3, 5, 10, 11]) {
      const get = await exportApp(db, size);
      const events = ndjson((await get(`/v1/export/events?${RANGE}`)).text).map((r) => r.id);
      expect(events, `page size ${size}`).toEqual(expected);
      const sessions = ndjson((await get(`/v1/export/sessions?${RANGE}`)).text).map((r) => r.id);
      expect(sessions, `page size ${size}`).toEqual(expected.map((_, i) => uuid(200 + i)));
      const csv = (await get(`/v1/export/events?${RANGE}&format=csv`)).text.split('\r\n');
      expect(csv.slice(1, -1).map((l) => l.split(',')[0])).toEqual(expected);
      expect(csv.at(-1)).toBe('');
    }
  });

  test('an empty range: CSV is the header row alone, NDJSON an empty body', async (db) => {
    await insertEvent(db, { id: uuid(1), receivedAt: '2026-03-05T00:00:00Z' });
    const get = await exportApp(db);
    const csv = await get(`/v1/export/events?${RANGE}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).toBe(
      'id,type,at,received_at,user,team,session_id,scenario,source,user_turns,input,code,trigger,action\r\n',
    );
    const sessions = await get(`/v1/export/sessions?${RANGE}`, { accept: 'text/csv' });
    expect(sessions.text.split('\r\n')).toEqual([expect.stringMatching(/^id,user,team,/), '']);
    const empty = await get(`/v1/export/events?${RANGE}`);
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-type')).toBe('application/x-ndjson');
    expect(empty.text).toBe('');
  });

  test('422 for from >= to, a range over the limit, a bad date or format; 403 without admin', async (db) => {
    const get = await exportApp(db);
    const details = async (path: string) => {
      const res = await get(path);
      expect(res.status, path).toBe(422);
      return (JSON.parse(res.text) as { error: { details: { path: string }[] } }).error.details.map(
        (d) => d.path,
      );
    };
    for (const what of ['events', 'sessions']) {
      expect(await details(`/v1/export/${what}?from=2026-03-02T00:00:00Z&to=2026-03-02T00:00:00Z`)).toEqual([
        'from',
      ]);
      expect(await details(`/v1/export/${what}?from=2026-03-03&to=2026-03-02`)).toEqual(['from']);
      expect(await details(`/v1/export/${what}?from=2025-01-01&to=2026-01-02`)).toEqual(['to']);
      expect(await details(`/v1/export/${what}?from=yesterday`)).toEqual(['from']);
      expect(await details(`/v1/export/${what}?format=xlsx`)).toEqual(['format']);
      expect((await get(`/v1/export/${what}`, {}, await practiceToken())).status).toBe(403);
    }
    // The longest allowed range is exactly EXPORT_MAX_RANGE_DAYS (a date-only `to` is through that day).
    const from = new Date(Date.UTC(2025, 0, 1));
    const last = new Date(from.getTime() + (EXPORT_MAX_RANGE_DAYS - 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect((await get(`/v1/export/events?from=2025-01-01&to=${last}`)).status).toBe(200);
  });

  test('every page reads the index in order: with sorting disabled the plan has no Sort', async (db) => {
    for (const spec of [EVENTS_TABLE, sessionsTable(30, new Date())]) {
      const { first, next } = pageSql(spec, 5000);
      const cursor = ['2026-03-02T00:00:00.000000Z', uuid(1)];
      for (const [sql, params] of [
        [first, []],
        [next, cursor],
      ] as const) {
        const args = ['acme', '2026-03-01T00:00:00Z', '2026-03-08T00:00:00Z', ...spec.params, ...params];
        const plan = await db.transaction(async (tx) => {
          await tx.query('set local enable_sort = off');
          await tx.query('set local enable_seqscan = off');
          return tx.query<Record<string, string>>(`explain ${sql}`, args);
        });
        const text = plan.map((r) => Object.values(r)[0]).join('\n');
        expect(text, `${spec.table}: ${text}`).not.toMatch(/Sort/);
        expect(text).toMatch(
          spec.table === 'events' ? /events_tenant_received_id/ : /sessions_tenant_created_id/,
        );
      }
    }
  });
});
