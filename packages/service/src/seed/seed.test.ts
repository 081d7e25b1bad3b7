import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeActivation } from '../activation/metrics.js';
import { activationSettings } from '../activation/settings.js';
import { DEMO_TENANT } from '../tenants.js';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { openMemoryDb } from '../store/pglite.js';
import { generateDemoData } from './generate.js';
import { seedDemo } from './seed.js';

const end = new Date('2026-04-13T00:00:00Z');

describe('demo dataset generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateDemoData({ end });
    const b = generateDemoData({ end });
    expect(b).toEqual(a);
    expect(generateDemoData({ end, seed: 2 }).events.length).not.toBe(a.events.length);
  });

  it('models a 300-person company in 8 teams over a 6-week cycle with every source', () => {
    const { members, events, range } = generateDemoData({ end });
    expect(members).toHaveLength(300);
    expect(new Set(members.map((m) => m.team)).size).toBe(8);
    expect(range.to.getTime() - range.from.getTime()).toBe(42 * 24 * 3600 * 1000);
    expect(events.every((e) => e.at >= range.from && e.at < range.to)).toBe(true);
    const sources = new Set(events.filter((e) => e.name === 'session_start').map((e) => e.source));
    expect([...sources].sort()).toEqual(['campaign', 'deeplink', 'embedded', 'nudge']);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});

describe('seeding a tenant', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openMemoryDb();
    await migrate(db, MIGRATIONS);
  });
  afterAll(() => db.close());

  it('writes the roster and events once, and gives a report worth showing', async () => {
    const first = await seedDemo(db, 'demo', { end });
    expect(first.seeded).toBe(true);
    expect(first.members).toBe(300);
    expect((await seedDemo(db, 'demo', { end })).seeded).toBe(false);
    // Forced reseed of the same dataset inserts nothing new: ids are deterministic.
    expect((await seedDemo(db, 'demo', { end, force: true })).events).toBe(0);

    const r = await computeActivation(
      db,
      'demo',
      { from: new Date(first.range.from), to: end },
      'team',
      activationSettings(undefined),
    );
    expect(r.audience.size).toBe(300);
    expect(r.audience.outside).toBe(0);
    // Legal (4 people) is under the default minGroupSize of 5: folded, never shown on its own.
    expect(r.audience.teams).toBe(8);
    expect(r.teams.map((t) => t.key)).toContain('Other teams');
    expect(r.teams.map((t) => t.key)).not.toContain('Legal');
    expect(r.teams.every((t) => t.audience >= 5)).toBe(true);
    // Meaningful, not degenerate: some but not all activated, some prompted-only, a funnel that narrows.
    expect(r.activation.rate).toBeGreaterThan(0.1);
    expect(r.activation.rate).toBeLessThan(0.9);
    expect(r.activation.promptedUsers).toBeGreaterThan(0);
    const users = r.funnel.map((f) => f.users);
    expect(users).toEqual([...users].sort((a, b) => b - a));
    expect(users[0]).toBeGreaterThan(users[5]!);
    expect(r.timeToFirstInteraction.users).toBeGreaterThan(0);
    expect(r.uniformity.cv).toBeGreaterThan(0);
    expect(r.supportLoad.help + r.supportLoad.errors).toBeGreaterThan(0);
    // The campaign spike and its fading (issue 18): HR's email to all 300 is marked in the week
    // campaign sessions peak, which is also the busiest week; later weeks are well under it.
    const campaign = r.weekly.map((w) => w.sessions.campaign);
    const total = r.weekly.map((w) => Object.values(w.sessions).reduce((a, b) => a + b, 0));
    const peak = campaign.indexOf(Math.max(...campaign));
    expect(r.weekly.map((w) => w.campaignSends)).toEqual(r.weekly.map((_, i) => (i === peak ? 300 : 0)));
    expect(total.indexOf(Math.max(...total))).toBe(peak);
    expect(peak).toBeLessThan(r.weekly.length - 2);
    for (const later of campaign.slice(peak + 2)) expect(later).toBeLessThan(campaign[peak]! / 4);
    expect(total.at(-2)!).toBeLessThan(total[peak]! * 0.75);
    // Skill growth: practice shows (the median best above the median first in most rows), and
    // no row describes fewer than 5 people.
    expect(r.growth.scenarios.length).toBeGreaterThan(2);
    const rows = [...r.growth.scenarios, ...r.growth.teams];
    expect(rows.every((g) => g.people >= 5 && g.bestScoreMedian! >= g.firstScoreMedian!)).toBe(true);
    expect(rows.filter((g) => g.bestScoreMedian! > g.firstScoreMedian!).length).toBeGreaterThan(
      rows.length / 2,
    );
    // API stability: turns timed, some coach errors, a p95 turn time near the 2 s criterion.
    expect(r.stability.turns).toBeGreaterThan(100);
    expect(r.stability.firstDeltaP95Ms!).toBeLessThan(r.stability.turnP95Ms!);
    expect(r.stability.turnP95Ms!).toBeGreaterThan(1000);
    expect(r.stability.turnP95Ms!).toBeLessThan(3000);
    // Segments: the demo decides on point-of-pain managers, who use it less than the rest.
    const focus = (
      await computeActivation(
        db,
        'demo',
        { from: new Date(first.range.from), to: end },
        'segment',
        activationSettings(DEMO_TENANT),
      )
    ).goNoGo.focus!;
    expect(focus).toMatchObject({ segment: 'point-of-pain', withheld: false });
    expect(focus.audience!).toBeGreaterThan(50);
    expect(focus.enthusiastGap!).toBeGreaterThan(0.2);
    expect(focus.enthusiastGap!).toBeLessThan(1);
    const [count] = await db.query<{ n: number }>(`select count(*)::int as n from turn_metrics`);
    expect(count!.n).toBe(r.stability.turns + r.stability.coachErrors);
  });
});
