/**
 * Small-group privacy of the activation report (docs/activation.md, Small groups): no published
 * row describes fewer than `minGroupSize` audience members, and no difference of published
 * figures does either.
 */

/** The key of the row that carries the teams too small to show on their own. */
export const OTHER_TEAMS = 'Other teams';

/** A group row whose counts add up across groups (they are disjoint sets of people and sessions). */
export interface AdditiveGroup {
  key: string;
  audience: number;
  activated: number;
  meaningful: number;
  sessions: number;
}

export interface Folded<G> {
  rows: (G & { folded?: number })[];
  /** Groups folded into the "Other teams" row. */
  folded: number;
  /** Groups not shown at all (only when the whole audience is under the minimum). */
  withheld: number;
}

/**
 * The rule itself, for any disjoint groups of people: which to show and which to pool into one
 * "Other teams" row. Every group with fewer than `min` people is pooled; when those together are
 * still under `min`, the smallest shown groups join them until the pool reaches it (otherwise
 * "total − shown groups" would give the small groups' figures exactly). When all of them together
 * are under `min`, nothing is shown (`withheld`).
 */
export function planFold<G extends { key: string }>(
  groups: G[],
  size: (g: G) => number,
  min: number,
): { shown: G[]; pool: G[]; withheld: boolean } {
  const total = groups.reduce((n, g) => n + size(g), 0);
  if (total < min) return { shown: [], pool: [], withheld: true };
  const pool = groups.filter((g) => size(g) < min);
  if (pool.length === 0) return { shown: groups, pool, withheld: false };
  // Smallest first, ties by key: the same sizes always fold the same groups.
  const big = groups
    .filter((g) => size(g) >= min)
    .sort((a, b) => size(a) - size(b) || (a.key < b.key ? -1 : 1));
  while (pool.reduce((n, g) => n + size(g), 0) < min) pool.push(big.shift()!);
  return { shown: groups.filter((g) => !pool.includes(g)), pool, withheld: false };
}

/** `planFold` over the roster's teams, the pooled row's counts summed. */
export function foldSmallGroups<G extends AdditiveGroup>(groups: G[], min: number): Folded<G> {
  const { shown, pool, withheld } = planFold(groups, (g) => g.audience, min);
  if (withheld) return { rows: [], folded: 0, withheld: groups.length };
  if (pool.length === 0) return { rows: shown, folded: 0, withheld: 0 };
  const sum = (k: 'audience' | 'activated' | 'meaningful' | 'sessions') => pool.reduce((n, g) => n + g[k], 0);
  const other = {
    ...pool[0]!,
    key: OTHER_TEAMS,
    audience: sum('audience'),
    activated: sum('activated'),
    meaningful: sum('meaningful'),
    sessions: sum('sessions'),
    folded: pool.length,
  };
  return { rows: [...shown, other], folded: pool.length, withheld: 0 };
}

/**
 * Segments overlap (a person may be in two), so they cannot be folded like teams; instead a
 * segment is shown only when it, the rest of the audience (total − it), and its difference with
 * every other shown segment (A − A∩B, both ways) each cover 0 or at least `min` people. Larger
 * segments are considered first, ties by key, so the same roster always shows the same segments.
 */
export function shownSegments<G extends { key: string; audience: number }>(
  segments: G[],
  total: number,
  shared: (a: string, b: string) => number,
  min: number,
): { rows: G[]; withheld: number } {
  const ok = (n: number) => n === 0 || n >= min;
  const shown: G[] = [];
  const order = [...segments].sort((a, b) => b.audience - a.audience || (a.key < b.key ? -1 : 1));
  for (const g of order) {
    if (g.audience < min || !ok(total - g.audience)) continue;
    const both = (b: G) => shared(g.key, b.key);
    if (shown.some((b) => !ok(g.audience - both(b)) || !ok(b.audience - both(b)))) continue;
    shown.push(g);
  }
  return { rows: segments.filter((g) => shown.includes(g)), withheld: segments.length - shown.length };
}
