// The markdown renderer's work is linear in its input, counted (markdown-work.ts), not timed: one
// hostile class at a time at 10,000 and 100,000 characters, and seeded mixes of them.
import { expect } from '@open-wc/testing';
import { expectInert, html } from '../../test/markdown-helpers.js';
import { work } from './markdown-work.js';

const repeat = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/**
 * Hostile inputs of about n characters, one class each: runs of every delimiter, and the
 * constructs that once cost a scan to the end of the text per character (brackets, a URL's
 * parentheses, backtick runs of growing length, blank lines in a list item, spaces in a heading).
 */
const PATHOLOGICAL: Record<string, (n: number) => string> = {
  ...Object.fromEntries(
    [
      '[',
      '(',
      ')',
      '*',
      '_',
      '`',
      '~',
      '<',
      '!',
      '\\',
      '![',
      '\\[',
      '[a](',
      '<a:',
      '[a](x "',
      'a@b.',
      'www.',
    ].map((unit) => [unit, (n: number) => repeat(unit, n)]),
  ),
  'URL )))': (n) => 'http://a' + repeat(')', n),
  'URL ((()))': (n) => 'http://a' + repeat('(', n / 2) + repeat(')', n / 2),
  'URL …b)': (n) => 'http://a' + repeat('.', n) + 'b)',
  'backtick runs 1, 2, 3…': (n) => {
    let s = '';
    for (let k = 1; s.length < n; k++) s += '`'.repeat(k) + 'x';
    return s;
  },
  'nested emphasis': (n) => repeat('*a **b ***c _d __e ~~f ', n),
  'strong run': (n) => repeat('**', n) + 'x',
  snake_case: (n) => repeat('_a', n),
  'heading spaces': (n) => `# a${repeat(' ', n)}b`,
  'list blank lines': (n) => `- a${repeat('\n', n)}  b`,
  'long line': (n) => repeat('word ', n),
  'line breaks': (n) => repeat('a\n', n),
  'quote nesting': (n) => repeat('> ', n),
  'list nesting': (n) => repeat('- ', n),
  'code span': (n) => `\` ${repeat('a', n)}\``,
};

/** A seeded mix of the classes above, with block markers between the pieces (bounded: n chars). */
function pathological(seed: number, n: number): string {
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const classes = Object.values(PATHOLOGICAL);
  const glue = ['', ' ', '\n', '\n\n', '\n- ', '\n> ', '\n# ', '\n```\n', ' [x](https://ok.example) '];
  let s = '';
  while (s.length < n) {
    s += classes[Math.floor(next() * classes.length)]!(1 + Math.floor(next() * n * 0.2));
    s += glue[Math.floor(next() * glue.length)];
  }
  return s.slice(0, n);
}

// Characters and lines read, per input character: the worst class reads 27 (a run of `**`,
// re-read at each of the 12 nesting levels); a scan per character to the end reads thousands.
const WORK_PER_CHAR = 40;

describe('renderMarkdown: work linear in the input (counted, not timed)', () => {
  const measure = (source: string) => {
    work.steps = 0;
    const div = html(source);
    return { div, perChar: work.steps / source.length };
  };

  for (const [name, make] of Object.entries(PATHOLOGICAL))
    it(`${name}: a bounded number of reads per character at 10,000 and 100,000 characters`, () => {
      for (const n of [10_000, 100_000]) {
        const { perChar } = measure(make(n));
        expect(perChar, `${name} × ${n}`).to.be.at.most(WORK_PER_CHAR);
      }
    });

  it('seeded mixes of the hostile classes render inert, in linear work', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const source = pathological(seed, 20_000);
      const { div, perChar } = measure(source);
      expect(perChar, `seed ${seed}`).to.be.at.most(WORK_PER_CHAR);
      expectInert(div, `seed ${seed}`);
    }
  });
});
