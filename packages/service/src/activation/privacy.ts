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
 * Folds every group with fewer than `min` members into one "Other teams" row. When those groups
 * together are still under `min`, the smallest shown groups join them until the row reaches it:
 * otherwise "total − shown groups" would give the small groups' figures exactly. When the whole
 * audience is under `min`, no group is shown.
 */
export function foldSmallGroups<G extends AdditiveGroup>(groups: G[], min: number): Folded<G> {
  const total = groups.reduce((n, g) => n + g.audience, 0);
  if (total < min) return { rows: [], folded: 0, withheld: groups.length };
  const small = groups.filter((g) => g.audience < min);
  if (small.length === 0) return { rows: groups, folded: 0, withheld: 0 };
  // Smallest first, ties by key: the same roster always folds the same groups, whatever the range.
  const big = groups
    .filter((g) => g.audience >= min)
    .sort((a, b) => a.audience - b.audience || (a.key < b.key ? -1 : 1));
  const pool = [...small];
  while (pool.reduce((n, g) => n + g.audience, 0) < min) pool.push(big.shift()!);
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
  const shown = groups.filter((g) => !pool.includes(g));
  return { rows: [...shown, other], folded: pool.length, withheld: 0 };
}
