/**
 * The warehouse export (docs/activation.md, Export): `GET /v1/export/events` and
 * `GET /v1/export/sessions` stream one row per event or session of a half-open range, as NDJSON
 * (one object per line, these schemas) or CSV (a header row of the same names, in this order).
 */
import Type from 'typebox';
import { DateOrTimestamp, Timestamp } from './common.js';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
/** Longest range one export request covers; a backfill pulls one year after the other. */
export const EXPORT_MAX_RANGE_DAYS = 366;
export const EXPORT_MEDIA_TYPES = { ndjson: 'application/x-ndjson', csv: 'text/csv' } as const;

export const ExportQuery = Type.Object({
  /** Range start, inclusive (default: 42 days before `to`). Same rules as `GET /v1/activation`. */
  from: Type.Optional(DateOrTimestamp),
  /** Range end, exclusive; a date means through that day (default: now). */
  to: Type.Optional(DateOrTimestamp),
  /** Default: `csv` when the Accept header asks for `text/csv`, else `ndjson`. */
  format: Type.Optional(Type.Union([Type.Literal('ndjson'), Type.Literal('csv')])),
});

const Text = Type.Union([Type.String(), Type.Null()]);
const Time = Type.Union([Timestamp, Type.Null()]);
const Num = Type.Union([Type.Number(), Type.Null()]);

/** One event; `props` only as the listed fields, and those only when they are short tokens. */
export const ExportEventRow = Type.Object({
  id: Type.String(),
  type: Type.String(),
  at: Timestamp,
  received_at: Timestamp,
  user: Type.String(),
  team: Text,
  session_id: Text,
  scenario: Text,
  source: Text,
  user_turns: Num,
  input: Text,
  code: Text,
  trigger: Text,
  action: Text,
});

/** One practice session: its facts and scores, never its transcript or feedback. */
export const ExportSessionRow = Type.Object({
  id: Type.String(),
  user: Type.String(),
  team: Text,
  scenario: Type.String(),
  scenario_version: Type.Number(),
  source: Type.String(),
  locale: Text,
  started_at: Timestamp,
  last_active_at: Timestamp,
  completed_at: Time,
  abandoned_at: Time,
  user_turns: Type.Number(),
  score: Num,
  max_score: Num,
  passed: Type.Union([Type.Boolean(), Type.Null()]),
  judge_version: Text,
});
