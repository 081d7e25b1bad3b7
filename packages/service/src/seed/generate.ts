/**
 * A seeded demo dataset: a company rolling Inflow out in its performance-review tool over one
 * review cycle. Deterministic (same seed and anchor date → same rows, same ids), so the demo and
 * the benchmark are reproducible and reseeding is idempotent.
 *
 * The story it tells, drawn from the seed articles: the launcher sits next to "Write review", so
 * most practice is embedded and unprompted; one HR campaign email in week 1 brings a burst of
 * prompted sessions that must not count as activation; nudges and chat deep links bring more;
 * teams differ a lot (uneven use across teams is the point of the uniformity figure).
 */
import { DEFAULT_PASS_THRESHOLD, type EventName, type Source } from '@inflow/contract';

export interface SeedOptions {
  /** PRNG seed. */
  seed?: number;
  people?: number;
  /** Number of teams (names cycle through TEAM_NAMES with a numeric suffix past 8). */
  teams?: number;
  /** Length of the review cycle in days. */
  days?: number;
  /** End of the cycle (exclusive); default: today 00:00 UTC + 1 day, so "the last 6 weeks" shows it. */
  end?: Date;
  /** Review-screen visits per person over the cycle (mean). Scales the dataset for benchmarks. */
  visitsPerPerson?: number;
}

export interface SeedMember {
  user: string;
  team: string;
  accessAt: Date;
  /** The demo tenant's segments (tenants.ts): who needs the tool most, and who loves it anyway. */
  segments: string[];
}

export interface SeedEvent {
  id: string;
  name: EventName;
  at: Date;
  user: string;
  team: string;
  sessionId: string | null;
  scenario: string | null;
  source: Source | null;
  props: Record<string, string | number | boolean> | null;
}

/** The service's record of a completed, scored session (what `complete` stores). */
export interface SeedAttempt {
  id: string;
  user: string;
  team: string;
  scenario: string;
  source: Source;
  createdAt: Date;
  completedAt: Date;
  userTurns: number;
  score: number;
  maxScore: number;
  passed: boolean;
}

/** One turn as the service measures it, or a coach error (what `turn_metrics` stores). */
export interface SeedTurn {
  sessionId: string;
  at: Date;
  firstDeltaMs: number | null;
  turnMs: number | null;
  error: 'reply' | null;
}

/** One HR campaign nudge (`POST /v1/nudges` with `campaign: true`), as the nudge log stores it. */
export interface SeedCampaignSend {
  id: string;
  user: string;
  scenario: string;
  at: Date;
}

export interface SeedData {
  members: SeedMember[];
  events: SeedEvent[];
  /** Completed sessions with their scores, so the report's skill growth has something to show. */
  attempts: SeedAttempt[];
  /** The service's timing of each turn, so the report's API stability has something to show. */
  turns: SeedTurn[];
  /** HR's campaign email, one per member, so the weekly chart marks the send its spike follows. */
  campaignSends: SeedCampaignSend[];
  range: { from: Date; to: Date };
}

export const TEAM_NAMES = [
  'Sales',
  'Customer Success',
  'Engineering',
  'Marketing',
  'Finance',
  'Operations',
  'People',
  'Legal',
];
const SCENARIOS: [string, number][] = [
  ['underperformance', 0.3],
  ['critical-feedback', 0.25],
  ['rating-disagreement', 0.2],
  ['goal-setting', 0.15],
  ['first-one-to-one', 0.1],
];
/** How likely a team's managers open the launcher on a visit: some teams embrace it, some don't. */
const TEAM_PROPENSITY = [0.2, 0.16, 0.12, 0.1, 0.08, 0.06, 0.18, 0.04];
const DAY = 24 * 60 * 60 * 1000;
/** Each demo attempt's maximum total; the report compares shares of it. */
const MAX_SCORE = 12;

/** mulberry32: a tiny, well-known 32-bit PRNG; good enough for demo data, and deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateDemoData(options: SeedOptions = {}): SeedData {
  const rand = prng(options.seed ?? 20260301);
  const people = options.people ?? 300;
  const teamCount = options.teams ?? 8;
  const days = options.days ?? 42;
  const visits = options.visitsPerPerson ?? 6;
  const todayUtc = Math.floor(Date.now() / DAY) * DAY;
  const end = options.end ?? new Date(todayUtc + DAY);
  const start = new Date(end.getTime() - days * DAY);

  // UUIDv4-shaped ids from a PRNG: deterministic, and valid for the uuid columns.
  const uuidFrom = (r: () => number) => {
    const hex = (n: number) =>
      Math.floor(r() * 16 ** n)
        .toString(16)
        .padStart(n, '0');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(r() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
  };
  const uuid = () => uuidFrom(rand);
  const pick = <T>(weighted: [T, number][]): T => {
    let r = rand();
    for (const [v, w] of weighted) if ((r -= w) < 0) return v;
    return weighted[weighted.length - 1]![0];
  };
  /** A moment in working hours (08:00-18:00 UTC) on a weekday on or after `day`. */
  const workMoment = (day: number) => {
    let d = Math.min(Math.max(day, 0), days - 1);
    while (d < days - 1 && [0, 6].includes(new Date(start.getTime() + d * DAY).getUTCDay())) d++;
    return new Date(start.getTime() + d * DAY + (8 + rand() * 10) * 60 * 60 * 1000);
  };
  const teamName = (i: number) => (i < TEAM_NAMES.length ? TEAM_NAMES[i]! : `Team ${i + 1}`);

  const members: SeedMember[] = [];
  const events: SeedEvent[] = [];
  const attempts: SeedAttempt[] = [];
  const turnRows: SeedTurn[] = [];
  // Scores draw from a PRNG of their own, so adding them left every event of the cycle unchanged.
  const scoreRand = prng((options.seed ?? 20260301) ^ 0x5c0e);
  const campaignDay = 3; // HR's "please try the AI coach" email
  for (let p = 0; p < people; p++) {
    // Uneven team sizes: earlier teams are bigger.
    const t = Math.min(teamCount - 1, Math.floor(teamCount * (1 - Math.sqrt(1 - rand()))));
    const team = teamName(t);
    const user = `u${String(p + 1).padStart(Math.max(4, String(people).length), '0')}`;
    const accessAt = new Date(start.getTime() + Math.floor(rand() * 3) * DAY + 9 * 60 * 60 * 1000);
    const keen = 0.4 + rand() * 1.2;
    const propensity = TEAM_PROPENSITY[t % TEAM_PROPENSITY.length]! * keen;
    // Point-of-pain managers use it less, but really; enthusiasts use it most.
    const segments = keen < 0.75 ? ['point-of-pain'] : keen > 1.35 ? ['enthusiast'] : [];
    members.push({ user, team, accessAt, segments });
    const ev = (name: EventName, at: Date, extra: Partial<SeedEvent> = {}) =>
      events.push({
        id: uuid(),
        name,
        at,
        user,
        team,
        sessionId: null,
        scenario: null,
        source: null,
        props: null,
        ...extra,
      });

    const practise = (source: Source, at: Date) => {
      const sessionId = uuid();
      const scenario = pick(SCENARIOS);
      const base = { sessionId, scenario, source };
      let clock = at.getTime();
      const next = (minutes: number) => new Date((clock += minutes * 60 * 1000));
      ev('open', new Date(clock), { source, scenario });
      const startedAt = next(0.2);
      ev('session_start', startedAt, base);
      if (rand() < 0.004) {
        ev('error', next(0.5), { ...base, props: { code: 'coach_unavailable' } });
        turnRows.push({ sessionId, at: new Date(clock), firstDeltaMs: null, turnMs: null, error: 'reply' });
      }
      if (rand() < 0.12) return; // opened, read the brief, left
      ev('first_interaction', next(1 + rand() * 2), { ...base, props: { userTurns: 1 } });
      // Turns: most sessions that start go on; prompted ones fizzle more often.
      const turns = 1 + Math.floor(-Math.log(1 - rand()) * (source === 'campaign' ? 2 : 3));
      // The service's own timings: first delta mostly 0.3-0.9 s, the whole turn 1-2 s with a tail.
      for (let i = 0; i < turns; i++) {
        const firstDeltaMs = Math.round(300 + 600 * scoreRand() ** 2);
        const turnMs = Math.round(firstDeltaMs + 700 + 900 * scoreRand() ** 3);
        turnRows.push({ sessionId, at: new Date(clock + i * 60_000), firstDeltaMs, turnMs, error: null });
      }
      if (rand() < 0.05) ev('help', next(1), { ...base, props: { topic: 'how-it-works' } });
      if (turns >= 3) ev('meaningful_interaction', next(2 * 3), { ...base, props: { userTurns: 3 } });
      if (turns >= 3 && rand() < 0.7) {
        ev('complete', next(2 * Math.max(0, turns - 3) + 1), { ...base, props: { userTurns: turns } });
        attempts.push({
          id: sessionId,
          user,
          team,
          scenario,
          source,
          createdAt: startedAt,
          completedAt: new Date(clock),
          userTurns: turns,
          score: 0,
          maxScore: MAX_SCORE,
          passed: false,
        });
      }
    };

    // The HR campaign email: a burst of prompted sessions in week 1.
    if (rand() < 0.3) practise('campaign', workMoment(campaignDay + Math.floor(rand() * 2)));
    // Visits to the review screen; each shows the launcher (an impression) once.
    const visitCount = Math.round(visits * (0.3 + rand() * 1.4));
    for (let v = 0; v < visitCount; v++) {
      // Managers open the review tool in week 1 when the cycle starts (and are most curious
      // then); later visits cluster towards the deadline.
      const day = v === 0 ? Math.floor(rand() * 3) : Math.floor(days * (0.15 + 0.85 * Math.sqrt(rand())));
      const at = workMoment(day);
      ev('impression', at, { source: 'embedded' });
      if (rand() < propensity * (v === 0 ? 2 : 1))
        practise('embedded', new Date(at.getTime() + (1 + rand() * 20) * 60 * 1000));
    }
    // Nudges at the moment a review is due, and chat deep links.
    if (rand() < 0.35) {
      const at = workMoment(Math.floor(days * (0.5 + rand() * 0.45)));
      ev('nudge_shown', at, { source: 'nudge' });
      if (rand() < propensity * 1.5) practise('nudge', new Date(at.getTime() + 30_000));
      else if (rand() < 0.5) ev('nudge_dismissed', new Date(at.getTime() + 5_000), { source: 'nudge' });
    }
    if (rand() < 0.12) practise('deeplink', workMoment(Math.floor(days * (0.4 + rand() * 0.6))));
  }
  // Nothing in the future: a cycle that ends today stops at this moment.
  const cutoff = Math.min(end.getTime(), Date.now());
  const kept = options.end ? events : events.filter((e) => e.at.getTime() < cutoff);
  kept.sort((a, b) => a.at.getTime() - b.at.getTime());
  // Many who finish a scenario try it again a few days later, from the same place (so the retries
  // change no one's activation): sessions the service records, with no client events.
  for (const a of [...attempts]) {
    let last = a;
    while (scoreRand() < (last === a ? 0.6 : 0.3)) {
      const at = last.completedAt.getTime() + (1 + scoreRand() * 6) * DAY;
      if (at >= end.getTime()) break;
      last = {
        ...a,
        id: uuidFrom(scoreRand),
        createdAt: new Date(at),
        completedAt: new Date(at + 15 * 60_000),
      };
      attempts.push(last);
    }
  }
  const done = options.end ? attempts : attempts.filter((a) => a.completedAt.getTime() < cutoff);
  // Practice shows: each earlier attempt at the same scenario adds about a tenth of the maximum.
  done.sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime());
  const tries = new Map<string, number>();
  for (const a of done) {
    const before = tries.get(`${a.user} ${a.scenario}`) ?? 0;
    tries.set(`${a.user} ${a.scenario}`, before + 1);
    a.score = Math.round(Math.min(1, 0.3 + 0.1 * before + scoreRand() * 0.35) * MAX_SCORE);
    a.passed = a.score / MAX_SCORE >= DEFAULT_PASS_THRESHOLD;
  }
  const turns = options.end ? turnRows : turnRows.filter((t) => t.at.getTime() < cutoff);
  // The email goes out at 08:00 on the campaign's working day, before the burst it prompts. Its
  // ids draw from a PRNG of their own, so every event of the cycle is unchanged.
  const sendRand = prng((options.seed ?? 20260301) ^ 0xca11);
  let sendDay = campaignDay;
  while ([0, 6].includes(new Date(start.getTime() + sendDay * DAY).getUTCDay())) sendDay++;
  const sentAt = new Date(start.getTime() + sendDay * DAY + 8 * 60 * 60 * 1000);
  const campaignSends = members.map((m) => ({
    id: uuidFrom(sendRand),
    user: m.user,
    scenario: SCENARIOS[0]![0],
    at: sentAt,
  }));
  return { members, events: kept, attempts: done, turns, campaignSends, range: { from: start, to: end } };
}
