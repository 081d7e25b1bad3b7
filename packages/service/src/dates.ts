/**
 * The service's one date parser: every date it reads (a query's `from`/`to`, a roster's
 * `accessAt`) goes through here, and the contract's schemas hold event dates to the same
 * rule, so no date outside DATE_YEARS reaches a store (docs/security.md, "Text and dates").
 */
import { DATE_YEARS } from '@inflow/contract';
import { DateOrTimestamp } from '@inflow/contract/schemas';
import Compile from 'typebox/compile';

const dateOrTimestamp = Compile(DateOrTimestamp);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MIN = Date.UTC(DATE_YEARS.min, 0, 1);
const MAX = Date.UTC(DATE_YEARS.max + 1, 0, 1) - 1;
/** The last instant the service handles: past it, `Date` writes a six-digit year no store parses. */
export const LATEST_INSTANT_MS = MAX;

export const DATE_MESSAGE = `expected a date (2026-03-02) or an RFC 3339 date-time (2026-03-02T09:00:00Z) in the years ${DATE_YEARS.min}–${DATE_YEARS.max}`;

/** A date (`2026-03-02`, taken as 00:00 UTC) or an RFC 3339 date-time, else undefined. */
export function parseInstant(value: string): Date | undefined {
  // The schema's formats check the calendar (no 30 February), which `Date` would roll over.
  if (!dateOrTimestamp.Check(value)) return undefined;
  const ms = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value).getTime();
  // An offset can still move a date-time across the bound the schema's year pattern holds.
  return ms >= MIN && ms <= MAX ? new Date(ms) : undefined;
}

export const isDateOnly = (value: string): boolean => DATE_ONLY.test(value);
