// Quote verification on its own: what counts as the user's own words.
import { expect, test } from 'vitest';
import { dropUnverifiedQuotes, QUOTE_CHARS, verifyQuote } from './evidence.js';

test('returns the user text for a quote that differs only in case, spacing, wrapping marks and normalisation', () => {
  const turn = 'Wir haben das  Café-Release\nverschoben.'.normalize('NFD');
  expect(verifyQuote('«das café-release verschoben»', [turn])).toBe(
    'das  Café-Release\nverschoben'.normalize('NFC'),
  );
  expect(verifyQuote('das Cafe-Release verschoben', [turn])).toBeUndefined();
});

test('a one-word quote counts only as a whole turn; empty and punctuation-only quotes never count', () => {
  expect(verifyQuote('the', ['I read the plan.'])).toBeUndefined();
  expect(verifyQuote('Yes', ['yes.'])).toBeUndefined();
  expect(verifyQuote('Yes.', ['Yes.'])).toBe('Yes.');
  expect(verifyQuote('  “”  ', ['“”'])).toBeUndefined();
  expect(verifyQuote('?!', ['?!'])).toBeUndefined();
});

test('long verified quotes are cut at a word boundary and marked', () => {
  const turn = 'word '.repeat(200).trim();
  const q = verifyQuote(turn, [turn])!;
  expect(q.length).toBeLessThanOrEqual(QUOTE_CHARS);
  expect(q.endsWith('word…')).toBe(true);
});

test('quoted spans in free text survive only when the user said them', () => {
  const turns = ['What is getting in the way?'];
  expect(
    dropUnverifiedQuotes('You asked "what is getting in the way?" and said “I will fix it all”.', turns),
  ).toBe('You asked "what is getting in the way?" and said “…”.');
});
