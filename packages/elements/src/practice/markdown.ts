/**
 * Model output → safe DOM, safe by construction. A small markdown renderer that builds nodes
 * with `createElement` and text nodes only (markdown-nodes.ts): no HTML string is ever produced or
 * parsed, so there is nothing to sanitize (and no Trusted Types policy is needed). Smaller than
 * marked + DOMPurify, which cost ~30 kB gzip of the 35 kB "everything" budget (docs/design.md §8).
 *
 * Allow-list (the only elements it can create): p br strong em del code pre blockquote ul ol li
 * a hr. The only attributes: `href` (http, https, mailto — anything else renders as plain text),
 * `rel="noopener noreferrer"` and `target="_blank"` on links, a numeric `start` on ordered lists.
 * Raw HTML in the input is shown as literal text. Headings become a bold paragraph, images their
 * alt text. Supported markdown: paragraphs (a newline is a line break, like chat), **strong**,
 * *em* / _em_, ~~del~~, `code`, fenced code blocks, blockquotes, lists with nesting,
 * horizontal rules, [text](url), <autolinks> and bare http(s) / www. / e-mail links.
 *
 * Hostile input stays cheap: nesting is capped (so `>>>>…` or `[[[[…` cannot overflow the stack),
 * and the work is linear in the text's length (a reply is rendered again on every streamed delta):
 * this file parses blocks line by line, markdown-inline.ts the text inside them, and
 * markdown-work.ts counts what both read so that a test can hold them to it.
 */
import { appendAll, el, text, type Nodes } from './markdown-nodes.js';
import { renderInline } from './markdown-inline.js';
import { work } from './markdown-work.js';

/** Deepest block (quote/list) nesting; deeper input renders as text. */
const MAX_BLOCK_DEPTH = 6;

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])([ \t]+|$)(.*)$/;
const BLANK = /^[ \t]*$/;

/** Every line test goes through here, so the work counter sees how often a line is read. */
const blank = (line: string) => ((work.steps += line.length + 1), BLANK.test(line));

/**
 * A heading's text: after the #s, without a closing sequence of #s or trailing spaces. Matched
 * from the end, reversed: forwards (`(.*?)(?:[ \t]+#+)?[ \t]*$`) it backtracks quadratically on a
 * long run of spaces.
 */
function headingText(line: string): string {
  const rest = line.replace(/^ *#+[ \t]*/, '');
  const end = /^[ \t]*(?:#+(?=[ \t]))?[ \t]*/.exec([...rest].reverse().join(''))![0].length;
  return rest.slice(0, rest.length - end);
}

const indentOf = (line: string) => /^ */.exec(line)![0].length;

/** Does this line start a block that ends a paragraph? */
function startsBlock(line: string): boolean {
  if (FENCE.test(line) || HR.test(line) || HEADING.test(line) || QUOTE.test(line)) return true;
  const item = LIST_ITEM.exec(line);
  // As in CommonMark, only an ordered list starting at 1 interrupts a paragraph ("2019. was…").
  return !!item && !!item[4] && indentOf(line) < 4 && (!/\d/.test(item[2]!) || parseInt(item[2]!) === 1);
}

function renderBlocks(lines: string[], depth: number): Nodes {
  const out: Nodes = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (blank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
      // Fenced code: verbatim until a closing fence of the same character, at least as long
      // (or the end of the text: a reply still streaming has no closing fence yet).
      const close = new RegExp(`^ {0,3}${fence[1]![0]}{${fence[1]!.length},}[ \\t]*$`);
      const body: string[] = [];
      for (i++; i < lines.length && !close.test(lines[i]!); i++) body.push(lines[i]!);
      i++;
      out.push(el('pre', [el('code', [text(body.join('\n'))])]));
      continue;
    }
    if (HR.test(line)) {
      out.push(el('hr'));
      i++;
      continue;
    }
    if (HEADING.test(line)) {
      out.push(el('p', [el('strong', renderInline(headingText(line)))]));
      i++;
      continue;
    }
    if (depth < MAX_BLOCK_DEPTH && QUOTE.test(line)) {
      const body: string[] = [];
      for (; i < lines.length && QUOTE.test(lines[i]!); i++) body.push(lines[i]!.replace(QUOTE, ''));
      out.push(el('blockquote', renderBlocks(body, depth + 1)));
      continue;
    }
    if (depth < MAX_BLOCK_DEPTH && LIST_ITEM.test(line) && indentOf(line) < 4) {
      i = renderList(lines, i, depth, out);
      continue;
    }
    // Paragraph: up to a blank line or the start of another block; newlines become <br>.
    const body = [line.trim()];
    for (i++; i < lines.length && !blank(lines[i]!) && !startsBlock(lines[i]!); i++)
      body.push(lines[i]!.trim());
    out.push(el('p', renderInline(body.join('\n'))));
  }
  return out;
}

/** Renders the list starting at lines[start] into `out`; returns the index after it. */
function renderList(lines: string[], start: number, depth: number, out: Nodes): number {
  const first = LIST_ITEM.exec(lines[start]!)!;
  const ordered = /\d/.test(first[2]!);
  const marker = ordered ? first[2]!.slice(-1) : first[2]!;
  const list = el(ordered ? 'ol' : 'ul');
  if (ordered && parseInt(first[2]!) !== 1) (list as HTMLOListElement).start = parseInt(first[2]!);
  const baseIndent = first[1]!.length;
  let loose = false;
  const items: string[][] = [];
  let i = start;
  /** An item of this list: same kind and marker, at this list's indent. */
  const itemOf = (line: string | undefined) => {
    const m = line === undefined ? null : LIST_ITEM.exec(line);
    const same =
      m &&
      m[1]!.length <= baseIndent + 1 &&
      (ordered ? /\d/.test(m[2]!) && m[2]!.endsWith(marker) : m[2] === marker);
    return same ? m : null;
  };
  while (i < lines.length) {
    const m = itemOf(lines[i]);
    if (!m) break;
    // Content starts after the marker and its spaces (1–4; more means indented content).
    const offset = m[1]!.length + m[2]!.length + Math.min(Math.max(m[3]!.length, 1), 4);
    const body = [m[4]!];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (blank(line)) {
        // A blank line continues the item only if indented content follows.
        let k = j + 1;
        while (k < lines.length && blank(lines[k]!)) k++;
        if (k < lines.length && indentOf(lines[k]!) >= offset) {
          loose = true;
          for (; j < k; j++) body.push('');
          j--; // the loop's j++ goes on at line k, past the blank lines just taken
          continue;
        }
        break;
      }
      const indent = indentOf(line);
      const sub = LIST_ITEM.exec(line);
      if (indent >= offset || (sub && indent >= baseIndent + 2))
        body.push(line.slice(Math.min(indent, offset)));
      else if (!sub && !startsBlock(line) && !blank(lines[j - 1]!)) body.push(line.trim());
      else break;
    }
    items.push(body);
    i = j;
    // A blank line between two items makes the list loose (paragraphs inside items).
    if (i < lines.length && blank(lines[i]!)) {
      let k = i;
      while (k < lines.length && blank(lines[k]!)) k++;
      if (!itemOf(lines[k])) break;
      loose = true;
      i = k;
    }
  }
  for (const body of items) {
    const li = el('li', renderBlocks(body, depth + 1));
    // Tight lists keep item text inline, without a <p> around it.
    if (!loose)
      for (const p of Array.from(li.children))
        if (p.localName === 'p')
          p.replaceWith(appendAll(document.createDocumentFragment(), [...p.childNodes]));
    list.append(li);
  }
  out.push(list);
  return i;
}

/** Renders untrusted markdown to an inert, allow-listed DocumentFragment. */
export function renderMarkdown(source: string): DocumentFragment {
  const lines = source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/^\t+/, (t) => '    '.repeat(t.length)));
  return appendAll(document.createDocumentFragment(), renderBlocks(lines, 0));
}
