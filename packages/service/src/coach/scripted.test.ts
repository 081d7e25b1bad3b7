// The scripted coach: deterministic, reacts to what the user actually said, and scores the
// rubric with evidence quoted from the user's own turns.
import { SCENARIO_IDS } from '@inflow/contract';
import { expect, test } from 'vitest';
import type { TranscriptEntry } from './engine.js';
import { builtInPlayable } from './playable.js';
import { scoreTranscript } from './rubric.js';
import { SCRIPTED_SCENARIOS, publicScenario } from './scenarios.js';
import { scriptedEngine, scriptedReply } from './scripted.js';

const user = (text: string): TranscriptEntry => ({ role: 'user', text });

/** One turn per criterion, each written to show exactly that behaviour. */
const GOOD: Record<string, string[]> = {
  underperformance: [
    'You missed the last three sprint commitments, for example the payments ticket.',
    'Help me understand: what is getting in the way?',
    'When it slips, the team is blocked and the release moves.',
    "Let's agree a plan: hand escalations to the rota, and check in next Friday.",
  ],
  'critical-feedback': [
    "In Tuesday's presentation, slide 6 showed last quarter's figures.",
    'The client questioned the numbers, and that costs us trust.',
    'How do you see what happened?',
    'Next time, could you get a second review before client decks go out.',
  ],
  'rating-disagreement': [
    'I can see you are disappointed, and that makes sense.',
    'The rating is based on the criteria: revenue was met, but two renewals slipped.',
    'The rating stands, and I want to be clear about that.',
    "Let's talk about what it would take for next cycle, and how I can support you.",
  ],
  'goal-setting': [
    'Let us make it measurable: 2 presentations by the end of June.',
    'What would you like to focus on most?',
    'The churn dashboard is a team priority this quarter.',
    'We can do a monthly check-in and a practice run.',
  ],
  'first-one-to-one': [
    "Tell me about the work you're proudest of here.",
    'How do you prefer to get feedback from me?',
    'I expect these meetings to be weekly, and your agenda rather than status.',
    'I know you applied for this role, and I realise it may feel awkward.',
  ],
};

test('five scenarios from the performance-review and LMS world, each with persona, objectives and rubric', () => {
  expect(SCRIPTED_SCENARIOS.map((s) => s.scenario.id)).toEqual(Object.keys(GOOD));
  expect(Object.keys(GOOD)).toEqual([...SCENARIO_IDS]);
  for (const s of SCRIPTED_SCENARIOS) {
    const p = publicScenario(s);
    expect(p.persona.name.length).toBeGreaterThan(2);
    expect(p.objectives.length).toBeGreaterThanOrEqual(3);
    expect(p.rubric.length).toBeGreaterThanOrEqual(3);
    // Signals and tips stay server-side.
    expect(JSON.stringify(p)).not.toContain('signals');
  }
  expect(new Set(SCRIPTED_SCENARIOS.map((s) => s.scenario.setting))).toEqual(
    new Set(['performance-review', 'lms']),
  );
});

test.each(Object.entries(GOOD))(
  '%s: a conversation that shows every behaviour scores full marks with quotes',
  (id, turns) => {
    const s = builtInPlayable(id)!;
    const transcript: TranscriptEntry[] = [{ role: 'coach', text: s.script.opening }];
    const replies: string[] = [];
    for (const t of turns) {
      transcript.push(user(t));
      const reply = scriptedReply(s, transcript);
      replies.push(reply);
      transcript.push({ role: 'coach', text: reply });
    }
    // Each turn earned that criterion's reaction; the last one also closes.
    s.criteria.forEach((c, i) => expect(replies[i]).toContain(c.reaction));
    expect(replies.at(-1)).toContain(s.script.closing);
    // Turn i shows criterion i; shown once scores 2 of 3, with the user's own sentence as evidence.
    const fb = scoreTranscript(s, [...transcript, ...turns.map(user)]);
    for (const [i, score] of fb.scores.entries()) {
      expect(score.score, score.criterion).toBe(3);
      expect(score.scoredBy).toBe('rubric');
      expect(
        turns.some((t) => t.includes(score.evidence[0]!)),
        score.criterion,
      ).toBe(true);
      expect(score.criterion).toBe(s.criteria[i]!.id);
    }
    expect(fb.summary).toMatch(/every behaviour/);
    expect({ judgeVersion: fb.judgeVersion, scenarioVersion: fb.scenarioVersion, passed: fb.passed }).toEqual(
      { judgeVersion: 'rubric-1', scenarioVersion: 1, passed: true },
    );
  },
);

test('a vague conversation gets pushback, low scores and a concrete next step', () => {
  const s = builtInPlayable('underperformance')!;
  const transcript: TranscriptEntry[] = [
    { role: 'coach', text: s.script.opening },
    user('Hi.'),
    { role: 'coach', text: '' },
    user('Okay then.'),
  ];
  expect(scriptedReply(s, transcript.slice(0, 2))).toBe(s.script.pushback[0]);
  expect(scriptedReply(s, transcript)).toBe(s.script.pushback[1]);
  const fb = scoreTranscript(s, transcript);
  expect(fb.scores.every((x) => x.score === 0 && x.evidence.length === 0)).toBe(true);
  expect(fb.nextStep).toBe(s.criteria[0]!.tip);
  expect(fb.summary).toMatch(/^0\/12\. Not yet shown: specific examples/);
  expect(fb.passed).toBe(false);
});

test('deterministic: the same transcript always gets the same streamed reply', async () => {
  const engine = scriptedEngine();
  const scenario = builtInPlayable('critical-feedback')!;
  const input = {
    scenario,
    transcript: [user('I noticed the deck had wrong numbers.')],
    context: {},
    locale: 'en',
  };
  const collect = async () => {
    const parts: string[] = [];
    for await (const d of engine.reply(input)) parts.push(d);
    return parts;
  };
  const a = await collect();
  expect(a.length).toBeGreaterThan(3);
  expect(await collect()).toEqual(a);
  expect(a.join('')).toBe(scenario.criteria[0]!.reaction);
});
