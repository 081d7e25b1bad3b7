/**
 * Verifying quotes: a quote counts as evidence only if it appears verbatim in one of the user's
 * own turns, compared case-insensitively with whitespace runs collapsed and both sides in
 * Unicode NFC. What is returned is the user's own text (their casing and spacing), never the
 * judge's copy of it.
 */

/** Longest quote kept; longer verified quotes are cut at a word boundary and marked with "…". */
export const QUOTE_CHARS = 300;

interface Folded {
  text: string;
  /** For each code unit of `text`, the start and end (exclusive) in the source string. */
  from: number[];
  to: number[];
}

/** Lower-cases and collapses whitespace, remembering where each output unit came from. */
function fold(source: string): Folded {
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of source) {
    const end = i + ch.length;
    if (/\s/u.test(ch)) {
      if (out.length && out[out.length - 1] === ' ') to[to.length - 1] = end;
      else {
        out.push(' ');
        from.push(i);
        to.push(end);
      }
    } else {
      for (const unit of ch.toLowerCase()) {
        for (let k = 0; k < unit.length; k++) {
          out.push(unit[k]!);
          from.push(i);
          to.push(end);
        }
      }
    }
    i = end;
  }
  return { text: out.join(''), from, to };
}

/** Quotation marks and ellipses a judge may wrap around a quote; not part of the user's words. */
const WRAPPING = /^[\s"'“”„‟‘’‚‛«»‹›「」『』…]+|[\s"'“”„‟‘’‚‛«»‹›「」『』…]+$/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** `text` cut to at most `max` characters, at a word boundary when one is near, marked with "…". */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.search(/\s\S*$/u);
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The user's own words matching `quote`, or undefined when no user turn contains it. A quote must
 * be at least two words long or a whole turn: a single common word ("the") proves nothing.
 */
export function verifyQuote(quote: string, userTurns: readonly string[]): string | undefined {
  const wanted = fold(quote.normalize('NFC').replace(WRAPPING, '')).text.trim();
  if (!wanted) return undefined;
  const words = wanted.match(WORD)?.length ?? 0;
  if (words === 0) return undefined;
  for (const turn of userTurns) {
    const source = turn.normalize('NFC');
    const folded = fold(source);
    const at = folded.text.indexOf(wanted);
    if (at < 0) continue;
    if (words < 2 && folded.text.trim() !== wanted) continue;
    return cutAtWord(source.slice(folded.from[at]!, folded.to[at + wanted.length - 1]!).trim(), QUOTE_CHARS);
  }
  return undefined;
}

/** `text` with every quoted span that is not verbatim in the user's turns replaced by "…". */
export function dropUnverifiedQuotes(text: string, userTurns: readonly string[]): string {
  return text.replace(
    /"([^"]{1,400})"|“([^”]{1,400})”|„([^“”]{1,400})[“”]|«\s?([^»]{1,400}?)\s?»/gu,
    (span, ...groups: unknown[]) => {
      const inner = groups.slice(0, 4).find((g): g is string => typeof g === 'string') ?? '';
      return verifyQuote(inner, userTurns) !== undefined ? span : '“…”';
    },
  );
}
