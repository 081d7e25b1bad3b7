// Authored scenarios on the scripted engine: played from the authored lines, with signals from
// the authored phrases or, where omitted, from the words of the criterion's label and description.
import type { AuthoredScenario } from '@inflow/contract';
import { expect, test } from 'vitest';
import { OVERTIME } from '../test/authored.js';
import type { TranscriptEntry } from './engine.js';
import { toPlayable } from './playable.js';
import { matches } from './rubric.js';
import { scriptedEngine, scriptedReply } from './scripted.js';

const user = (text: string): TranscriptEntry => ({ role: 'user', text });

const authored = (over: Partial<AuthoredScenario> = {}): AuthoredScenario => ({
  id: 'overtime',
  ...OVERTIME,
  passThreshold: 0.5,
  version: 3,
  status: 'published',
  updatedAt: '2026-12-01T10:00:00.000Z',
  script: {
    opening: 'You wanted to see me? I have a release on Sunday.',
    pushback: ['It is fine, really.', 'Everyone does it.'],
    closing: 'Okay. I will try that.',
  },
  rubric: [
    {
      id: 'pattern',
      label: 'Names the pattern',
      description: 'Points to the weekends worked.',
      signals: ['weekend', 'check-in'],
      reaction: 'Yes, the last four weekends.',
    },
    { id: 'limits', label: 'Working hours', description: 'Agrees sustainable limits on overtime.', max: 5 },
  ],
  ...over,
});

test('plays the authored opening, reactions, pushback and closing', () => {
  const p = toPlayable(authored());
  expect(p.version).toBe(3);
  expect(scriptedEngine().opening(p, {})).toBe('You wanted to see me? I have a release on Sunday.');
  const t: TranscriptEntry[] = [user('How are you?')];
  expect(scriptedReply(p, t)).toBe('It is fine, really.');
  t.push({ role: 'coach', text: '' }, user('Hmm.'));
  expect(scriptedReply(p, t)).toBe('Everyone does it.');
  t.push({ role: 'coach', text: '' }, user('You worked every WEEKEND this month.'));
  expect(scriptedReply(p, t)).toBe('Yes, the last four weekends.');
  // No authored reaction: the locale's default line; then the closing once every criterion was shown.
  t.push({ role: 'coach', text: '' }, user("Let's agree on limits for overtime."));
  expect(scriptedReply(p, t)).toBe('Okay. That helps me see it. Okay. I will try that.');
});

test('authored phrases match whole words, case-insensitively, across punctuation and spacing', () => {
  const p = toPlayable(authored());
  const pattern = p.criteria[0]!;
  const shows = (text: string) => pattern.signals.some((s) => s.test(text));
  expect(shows('Every weekend.')).toBe(true);
  expect(shows('a CHECK-IN on friday')).toBe(true);
  expect(shows('weekends')).toBe(false);
  expect(shows('midweekend')).toBe(false);
});

test('omitted signals come from the content words of label and description, not stop words', () => {
  const p = toPlayable(authored());
  const limits = p.criteria[1]!;
  const shows = (text: string) => limits.signals.some((s) => s.test(text));
  expect(shows('What are your working hours?')).toBe(true);
  expect(shows('That is not sustainable.')).toBe(true);
  expect(shows('We should talk about the limits.')).toBe(true);
  // "on", "the", "agrees" is a content word but "agree" is another word: whole words only.
  expect(shows('I agree on the plan')).toBe(false);
});

test('derived signals are Unicode-aware: accented words and word boundaries in other scripts', () => {
  const p = toPlayable(
    authored({
      locale: 'fr',
      rubric: [
        {
          id: 'ecoute',
          label: 'Écoute active',
          description: 'Reformule les préoccupations du collaborateur.',
        },
      ],
    }),
  );
  const shows = (text: string) => p.criteria[0]!.signals.some((s) => s.test(text));
  expect(shows('Si je reformule tes PRÉOCCUPATIONS…')).toBe(true);
  // Decomposed accents (NFD) in the user's text still match: the rubric compares in NFC.
  expect(matches(p.criteria[0]!, 'Bonne e\u0301coute')).toBeTruthy();
  expect(shows('les')).toBe(false);
  // "écoute" is a word on its own; "écouteurs" is another word.
  expect(shows('mes écouteurs')).toBe(false);
});

test('feedback quotes the user, scores on each criterion scale, and passes against passThreshold', async () => {
  const p = toPlayable(authored());
  const transcript = [
    { role: 'coach' as const, text: p.script.opening },
    user('You worked the last weekend again.'),
    { role: 'coach' as const, text: '' },
    user('Which working hours would be sustainable for you? Weekend work stops.'),
  ];
  const fb = await scriptedEngine().feedback(p, transcript, new AbortController().signal);
  expect(fb.scores).toEqual([
    {
      criterion: 'pattern',
      label: 'Names the pattern',
      score: 3,
      max: 3,
      evidence: ['You worked the last weekend again.', 'Weekend work stops.'],
      scoredBy: 'rubric',
    },
    {
      criterion: 'limits',
      label: 'Working hours',
      score: 3,
      max: 5,
      evidence: ['Which working hours would be sustainable for you?'],
      scoredBy: 'rubric',
    },
  ]);
  expect(fb).toMatchObject({
    scenario: 'overtime',
    scenarioVersion: 3,
    judgeVersion: 'rubric-1',
    passThreshold: 0.5,
    passed: true,
  });
  expect(fb.summary).toMatch(/^Strong conversation \(6\/8\)/);
  const strict = await scriptedEngine().feedback(
    toPlayable(authored({ passThreshold: 0.8 })),
    transcript,
    new AbortController().signal,
  );
  expect(strict.passed).toBe(false);
});

test('pass threshold is exact at the boundary (7/25 passes 0.28, where 0.28 × 25 is 7.000000000000001)', async () => {
  const quiet = (id: string) => ({
    id,
    label: id,
    description: 'Not shown.',
    max: 5,
    signals: [`never-${id}`],
  });
  const p = toPlayable(
    authored({
      passThreshold: 0.28,
      rubric: [
        { id: 'a', label: 'Alpha', description: 'Says alpha.', max: 10, signals: ['alpha'] },
        quiet('b'),
        quiet('c'),
        quiet('d'),
      ],
    }),
  );
  // One turn showing the criterion scores round(10 × 2/3) = 7.
  const fb = await scriptedEngine().feedback(p, [user('alpha')], new AbortController().signal);
  expect(fb.scores.map((s) => s.score)).toEqual([7, 0, 0, 0]);
  expect(fb.passed).toBe(true);
});

test('boundaries hold in any script: a Cyrillic phrase does not match inside a longer word', () => {
  const p = toPlayable(
    authored({
      locale: 'ru',
      rubric: [{ id: 'plan', label: 'План', description: 'Договорились о плане.', signals: ['план'] }],
    }),
  );
  expect(matches(p.criteria[0]!, 'Наш план готов')).toBeTruthy();
  expect(matches(p.criteria[0]!, 'Это планета')).toBeNull();
});

test('an authored scenario without script lines plays the locale default lines', () => {
  const p = toPlayable(authored({ locale: 'de', script: undefined }));
  expect(p.script.opening).toBe('Hallo. Du wolltest mit mir sprechen?');
  expect(scriptedReply(p, [user('Hallo')])).toBe(p.script.pushback[0]);
  expect(p.criteria[1]!.tip).toContain('Working hours');
});

test("the rubric's summary is in the scenario's locale", async () => {
  const p = toPlayable(authored({ locale: 'de', script: undefined }));
  const fb = await scriptedEngine().feedback(
    p,
    [user('Jedes weekend gearbeitet.')],
    new AbortController().signal,
  );
  expect(fb.summary).toBe('2/8. Gezeigt: Names the pattern. Noch nicht gezeigt: Working hours.');
  const silent = await scriptedEngine().feedback(
    toPlayable(authored({ locale: 'es' })),
    [],
    new AbortController().signal,
  );
  expect(silent.summary).toBe(
    'Terminaste la práctica sin decir nada, así que todavía no hay nada que evaluar.',
  );
});
