/**
 * Inline markdown (emphasis, code, links, autolinks, bare links) of one paragraph or heading, in
 * work linear in its length. One pass first finds each `[`'s matching `]` and the backtick runs by
 * length, so a link or a code span costs a lookup, not a scan to its end (`[[[[…` and backtick runs
 * of growing length were quadratic). Nested spans are ranges of the same string, every position is
 * visited once, and an emphasis closer search that failed is not repeated in its range: the only
 * re-reading is of nested ranges, at most MAX_INLINE_DEPTH deep.
 */
import { el, link, text, type Nodes } from './markdown-nodes.js';
import { work } from './markdown-work.js';

/** Deepest inline (emphasis/link) nesting; deeper input renders as text. */
const MAX_INLINE_DEPTH = 12;

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/;
const EMAIL_CHAR = /[\w.+-]/;
const WORD_RUN = /[a-z\d]+/iy;
// Bare links (GFM autolink extension): trailing punctuation is not part of the URL.
const BARE_URL = /^(?:https?:\/\/|www\.)[^\s<]*[^\s<?!.,:*_~'"\]]/i;
const BARE_EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/i;
const AUTOLINK = /^<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>/i;
// `(href "title")` after a link's `]`: balanced parentheses in the href, one level.
const DESTINATION =
  /^\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)/;

/** Delimiters tried at '*', '_' and '~', longest first; each wraps its content in these tags. */
const EMPHASIS: [string, (keyof HTMLElementTagNameMap)[]][] = [
  ['***', ['strong', 'em']],
  ['___', ['strong', 'em']],
  ['**', ['strong']],
  ['__', ['strong']],
  ['~~', ['del']],
  ['*', ['em']],
  ['_', ['em']],
];

/** Renders the inline markdown of `s` (a paragraph's lines joined by `\n`, or a heading's text). */
export function renderInline(s: string): Nodes {
  const closeOf: number[] = [];
  const ticks: Record<number, number[]> = {}; // backtick run length → run starts, in order
  const open: number[] = [];
  work.steps += s.length;
  for (let m, marks = /[[\]\\]|`+/g; (m = marks.exec(s));) {
    const [c] = m[0];
    const k = m.index;
    if (c === '`') (ticks[m[0].length] ??= []).push(k);
    else if (c === '\\') {
      if (s[k + 1] !== '`') marks.lastIndex++; // a code span's closer may follow a backslash
    } else if (c === '[') open.push(k);
    else if (open.length) closeOf[open.pop()!] = k;
  }
  // Code spans are looked up in text order, so each length's position in `ticks` only moves on.
  const tickAt: Record<number, number> = {};

  /** Renders s[from, to); characters outside it read as absent, as if the range were the text. */
  const render = (from: number, to: number, depth: number, inLink: boolean): Nodes => {
    const at = (k: number) => (work.steps++, k >= from && k < to ? s[k] : undefined);
    const out: Nodes = [];
    // Text so far: `buffer`, then s[mark, i) not yet copied (plain characters cost no string work).
    let buffer = '';
    let mark = from;
    let i = from;
    /** Ends the text so far, adds `nodes` and goes on at `next`. */
    const emit = (nodes: Nodes, next: number, extra = '') => {
      buffer += s.slice(mark, i) + extra;
      if (buffer && nodes.length) {
        out.push(text(buffer));
        buffer = '';
      }
      for (const node of nodes) out.push(node);
      i = mark = next;
    };
    // Where a closer search already failed: a later opener of the same kind cannot succeed either.
    const noCloserFrom: Record<string, number> = {};
    const nested = depth < MAX_INLINE_DEPTH;

    /**
     * The start of the run closing emphasis `delim` opened at `start`, or -1: a later run of the
     * same character, after non-space, that is long enough — a run of exactly two never closes
     * single-character emphasis (it is the other strong's delimiter: `*a **b** c*`); in a longer
     * run the closer is its end (`**a *b***`).
     */
    const closer = (start: number, delim: string) => {
      const ch = delim[0];
      const n = delim.length;
      for (let k = start + n + 1; k < to;) {
        if (at(k) !== ch) {
          k++;
          continue;
        }
        const run = k;
        while (at(k) === ch) k++;
        const len = k - run;
        if (len < n || (n === 1 && len === 2) || SPACE.test(at(run - 1)!)) continue;
        if (ch === '_' && WORD.test(at(k) ?? ' ')) continue;
        return k - n;
      }
      return -1;
    };

    while (i < to) {
      const c = s[i]!;
      work.steps++;

      if (c === '\\' && PUNCTUATION.test(at(i + 1) ?? '')) {
        emit([], i + 2, s[i + 1]);
        continue;
      }
      if (c === '\n') {
        emit([el('br')], i + 1);
        continue;
      }
      if (c === '`') {
        let end = i;
        while (at(end) === '`') end++;
        const n = end - i;
        const runs = ticks[n] ?? [];
        let r = tickAt[n] ?? 0;
        for (; runs[r]! < end; r++) work.steps++;
        tickAt[n] = r;
        const close = runs[r] ?? to;
        if (close >= to) {
          i = end;
          continue;
        }
        let code = s.slice(end, close).replace(/\n/g, ' ');
        if (code[0] === ' ' && code.endsWith(' ') && /[^ ]/.test(code)) code = code.slice(1, -1);
        emit([el('code', [text(code)])], close + n);
        continue;
      }
      if (nested && (c === '[' || (c === '!' && at(i + 1) === '['))) {
        // `[label](href "title")`: balanced brackets in the label (closeOf), the rest DESTINATION.
        const label = c === '!' ? i + 1 : i;
        const close = closeOf[label]!;
        const m = at(close + 1) === '(' && DESTINATION.exec(s.slice(close + 1, to));
        if (m) {
          const next = close + 1 + m[0].length;
          if (c === '!')
            emit([], next, s.slice(label + 1, close)); // images: their alt text only
          else {
            const children = render(label + 1, close, depth + 1, true);
            const href = (m[1] ?? m[2] ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
            const a = inLink ? null : link(href, children);
            emit(a ? [a] : children, next); // unsafe scheme: the text, no link
          }
          continue;
        }
      }
      if (c === '<') {
        const auto = AUTOLINK.exec(s.slice(i, to));
        if (auto) {
          const target = auto[1]!;
          const a = inLink ? null : link(target.includes(':') ? target : `mailto:${target}`, [text(target)]);
          if (a) emit([a], i + auto[0].length);
          else i += auto[0].length;
          continue;
        }
        // Anything else (raw HTML included) is just text.
      }
      if (!inLink && 'hHwW'.includes(c) && !WORD.test(at(i - 1) ?? ' ')) {
        const url = BARE_URL.exec(s.slice(i, to))?.[0];
        if (url) {
          // A ')' closes the URL unless it balances a '(' inside it (Wikipedia-style links).
          let end = url.length;
          work.steps += end;
          for (
            let extra = url.split(')').length - url.split('(').length;
            extra > 0 && url[end - 1] === ')';
            extra--
          )
            end--;
          while (`?!.,:*_~'"`.includes(url[end - 1]!)) end--;
          const shown = url.slice(0, end);
          const a = link(/^www\./i.test(shown) ? `http://${shown}` : shown, [text(shown)]);
          if (a) {
            emit([a], i + shown.length);
            continue;
          }
        }
      }
      if (!inLink && EMAIL_CHAR.test(c) && !EMAIL_CHAR.test(at(i - 1) ?? ' ')) {
        const email = BARE_EMAIL.exec(s.slice(i, to))?.[0];
        if (email) {
          emit([link(`mailto:${email}`, [text(email)])!], i + email.length);
          continue;
        }
      }
      if (nested && (c === '*' || c === '_' || c === '~')) {
        const start = i;
        let end = i;
        while (at(end) === c) end++;
        for (const [delim, tags] of EMPHASIS) {
          const n = delim.length;
          if (delim[0] !== c || n > end - i || (c === '~' && n !== 2)) continue;
          // An opener is followed by non-space; '_' does not open inside a word (snake_case).
          if (SPACE.test(at(i + n) ?? ' ') || (c === '_' && WORD.test(at(i - 1) ?? ' '))) continue;
          if (i >= (noCloserFrom[delim] ?? to)) continue;
          const close = closer(i, delim);
          if (close < 0) {
            noCloserFrom[delim] = i;
            continue;
          }
          const inner = render(i + n, close, depth + 1, inLink);
          emit(
            tags.reduceRight((nodes, tag) => [el(tag, nodes)], inner),
            close + n,
          );
          break;
        }
        if (i === start) i = end; // no span: the run is text
        continue;
      }
      // Past a word's first character nothing can start before the word ends: skip to its end.
      WORD_RUN.lastIndex = i;
      i = WORD_RUN.test(s) ? Math.min(WORD_RUN.lastIndex, to) : i + 1;
    }
    if ((buffer += s.slice(mark, i))) out.push(text(buffer));
    return out;
  };
  return render(0, s.length, 0, false);
}
