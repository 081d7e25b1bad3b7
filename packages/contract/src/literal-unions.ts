/** The API's closed sets (sources, event names, groupings) as schemas, from constants.ts. */
import Type from 'typebox';
import { EVENT_NAMES, GROUP_BY, SOURCES } from './constants.js';

// `.map` widens a tuple to an array, and Static of a Union over an array is `never`: the cast
// keeps the tuple so `Source`, `EventName` and `GroupBy` fields get their literal unions.
type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: Type.TLiteral<T[K]> };
export const SourceSchema = Type.Union(SOURCES.map((s) => Type.Literal(s)) as Literals<typeof SOURCES>);
export const EventNameSchema = Type.Union(
  EVENT_NAMES.map((n) => Type.Literal(n)) as Literals<typeof EVENT_NAMES>,
);
export const GroupBySchema = Type.Union(GROUP_BY.map((g) => Type.Literal(g)) as Literals<typeof GROUP_BY>);
