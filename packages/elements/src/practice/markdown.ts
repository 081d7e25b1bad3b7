/**
 * Model output → safe DOM, safe by construction. A small markdown renderer that builds nodes
 * with `createElement` and text nodes only: no HTML string is ever produced or parsed, so there
 * is nothing to sanitize (and no Trusted Types policy is needed). Smaller than marked + DOMPurify,
 * which cost ~30 kB gzip of the 35 kB "everything" budget (docs/design.md §8).
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
 * and a closer search that failed once is not repeated (so unclosed `**` runs stay linear-ish).
 *
 * Over the 300-line rule on purpose: the block and inline parsers share the allow-list, the URL
 * check and the nesting caps, and the safety argument above is easiest to check in one file.
 */

type Nodes = Node[];

/** Deepest block (quote/list) and inline (emphasis/link) nesting; deeper input renders as text. */
const MAX_BLOCK_DEPTH = 6;
const MAX_INLINE_DEPTH = 12;

const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, children: Nodes = []) => {
  const node = document.createElement(tag);
  node.append(...children);
  return node;
};
const text = (value: string) => document.createTextNode(value);

/**
 * A link element, or null when the URL is not http(s)/mailto. The URL is tested as written, with
 * no entity decoding (none happens: it becomes an attribute value through setAttribute, never
 * markup), and must START with the scheme, so `&#106;avascript:`, ` javascript:`, `java\tscript:`
 * and `jAvAsCrIpT:` all fail: whatever a browser strips or decodes later cannot change a URL that
 * already begins with `http://`, `https://` or `mailto:` into another scheme.
 */
function link(href: string, children: Nodes): HTMLAnchorElement | null {
  if (!SAFE_URL.test(href)) return null;
  const a = el('a', children);
  a.setAttribute('href', href);
  a.rel = 'noopener noreferrer';
  a.target = '_blank';
  return a;
}

// ---------------------------------------------------------------------------------------------
// Blocks

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])([ \t]+|$)(.*)$/;
const BLANK = /^[ \t]*$/;

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
    if (BLANK.test(line)) {
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
    const heading = HEADING.exec(line);
    if (heading) {
      out.push(el('p', [el('strong', renderInline(heading[1] ?? '', 0))]));
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
    for (i++; i < lines.length && !BLANK.test(lines[i]!) && !startsBlock(lines[i]!); i++)
      body.push(lines[i]!.trim());
    out.push(el('p', renderInline(body.join('\n'), 0)));
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
      if (BLANK.test(line)) {
        // A blank line continues the item only if indented content follows.
        let k = j + 1;
        while (k < lines.length && BLANK.test(lines[k]!)) k++;
        if (k < lines.length && indentOf(lines[k]!) >= offset) {
          loose = true;
          body.push('');
          continue;
        }
        break;
      }
      const indent = indentOf(line);
      const sub = LIST_ITEM.exec(line);
      if (indent >= offset || (sub && indent >= baseIndent + 2))
        body.push(line.slice(Math.min(indent, offset)));
      else if (!sub && !startsBlock(line) && !BLANK.test(lines[j - 1]!)) body.push(line.trim());
      else break;
    }
    items.push(body);
    i = j;
    // A blank line between two items makes the list loose (paragraphs inside items).
    if (i < lines.length && BLANK.test(lines[i]!)) {
      let k = i;
      while (k < lines.length && BLANK.test(lines[k]!)) k++;
      if (!itemOf(lines[k])) break;
      loose = true;
      i = k;
    }
  }
  for (const body of items) {
    const li = el('li', renderBlocks(body, depth + 1));
    // Tight lists keep item text inline, without a <p> around it.
    if (!loose)
      for (const p of Array.from(li.children)) if (p.localName === 'p') p.replaceWith(...p.childNodes);
    list.append(li);
  }
  out.push(list);
  return i;
}

// ---------------------------------------------------------------------------------------------
// Inline

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/;
// Bare links (GFM autolink extension): trailing punctuation is not part of the URL.
const BARE_URL = /^(?:https?:\/\/|www\.)[^\s<]*[^\s<?!.,:*_~'"\]]/i;
const BARE_EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/i;
const AUTOLINK = /^<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>/i;

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

function renderInline(source: string, depth: number, inLink = false): Nodes {
  const out: Nodes = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push(text(buffer));
    buffer = '';
  };
  const emit = (...nodes: Node[]) => {
    flush();
    out.push(...nodes);
  };
  // Where a closer search already failed: a later opener of the same kind cannot succeed either.
  const noCloserFrom = new Map<string, number>();
  const nested = depth < MAX_INLINE_DEPTH;

  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const rest = source.slice(i);

    if (c === '\\' && i + 1 < source.length && PUNCTUATION.test(source[i + 1]!)) {
      buffer += source[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      emit(el('br'));
      i++;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(rest)![0];
      const close = findCodeClose(source, i + run.length, run.length);
      if (close < 0) {
        buffer += run;
        i += run.length;
        continue;
      }
      let code = source.slice(i + run.length, close).replace(/\n/g, ' ');
      if (/^ .*[^ ].* $/.test(code)) code = code.slice(1, -1);
      emit(el('code', [text(code)]));
      i = close + run.length;
      continue;
    }
    if (nested && (c === '[' || (c === '!' && source[i + 1] === '['))) {
      const parsed = parseLink(source, c === '!' ? i + 1 : i);
      if (parsed) {
        if (c === '!')
          buffer += parsed.label; // images: their alt text only
        else {
          const children = renderInline(parsed.label, depth + 1, true);
          const a = inLink ? null : link(parsed.href, children);
          emit(...(a ? [a] : children)); // unsafe scheme: the text, no link
        }
        i = parsed.end;
        continue;
      }
    }
    if (c === '<') {
      const auto = AUTOLINK.exec(rest);
      if (auto) {
        const target = auto[1]!;
        const a = inLink ? null : link(target.includes(':') ? target : `mailto:${target}`, [text(target)]);
        if (a) emit(a);
        else buffer += auto[0];
        i += auto[0].length;
        continue;
      }
      // Anything else (raw HTML included) is just text.
    }
    if (!inLink && (c === 'h' || c === 'H' || c === 'w' || c === 'W') && !WORD.test(source[i - 1] ?? ' ')) {
      const url = BARE_URL.exec(rest)?.[0];
      if (url) {
        // A ')' closes the URL unless it balances a '(' inside it (Wikipedia-style links).
        let end = url.length;
        while (url[end - 1] === ')' && count(url.slice(0, end), '(') < count(url.slice(0, end), ')')) end--;
        const shown = url.slice(0, end).replace(/[?!.,:*_~'"]+$/, '');
        const a = link(/^www\./i.test(shown) ? `http://${shown}` : shown, [text(shown)]);
        if (a) {
          emit(a);
          i += shown.length;
          continue;
        }
      }
    }
    if (!inLink && /[\w.+-]/.test(c) && !/[\w.+-]/.test(source[i - 1] ?? ' ')) {
      const email = BARE_EMAIL.exec(rest)?.[0];
      if (email) {
        emit(link(`mailto:${email}`, [text(email)])!);
        i += email.length;
        continue;
      }
    }
    if (nested && (c === '*' || c === '_' || c === '~')) {
      const run = new RegExp(`^\\${c}+`).exec(rest)![0];
      const span = matchEmphasis(source, i, run, noCloserFrom);
      if (span) {
        const [delim, tags] = span.kind;
        let node: Nodes = renderInline(source.slice(i + delim.length, span.close), depth + 1, inLink);
        for (const tag of [...tags].reverse()) node = [el(tag, node)];
        emit(...node);
        i = span.close + delim.length;
        continue;
      }
      buffer += run;
      i += run.length;
      continue;
    }
    buffer += c;
    i++;
  }
  flush();
  return out;
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

/** Index of the backtick run of exactly `length` closing a code span, or -1. */
function findCodeClose(source: string, from: number, length: number): number {
  const re = /`+/g;
  re.lastIndex = from;
  for (let m = re.exec(source); m; m = re.exec(source)) if (m[0].length === length) return m.index;
  return -1;
}

/**
 * `[label](href "title")` at `start` (the '['), with balanced brackets in the label and balanced
 * parentheses in the href; null when it is not a complete link.
 */
function parseLink(source: string, start: number): { label: string; href: string; end: number } | null {
  let level = 0;
  let i = start;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') level++;
    else if (c === ']' && --level === 0) break;
  }
  if (level !== 0 || source[i + 1] !== '(') return null;
  const label = source.slice(start + 1, i);
  const m =
    /^\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)/.exec(
      source.slice(i + 1),
    );
  if (!m) return null;
  const href = (m[1] ?? m[2] ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return { label, href, end: i + 1 + m[0].length };
}

/**
 * The emphasis span opened by the delimiter run `run` at `start`, if it has a valid closer: a
 * later run of the same character, after non-space, that is long enough — a run of exactly two
 * never closes single-character emphasis (it is the other strong's delimiter: `*a **b** c*`);
 * in a longer run the closer is its end (`**a *b***`).
 */
function matchEmphasis(
  source: string,
  start: number,
  run: string,
  noCloserFrom: Map<string, number>,
): { kind: (typeof EMPHASIS)[number]; close: number } | null {
  const ch = run[0]!;
  const before = source[start - 1] ?? ' ';
  for (const kind of EMPHASIS) {
    const delim = kind[0];
    const n = delim.length;
    if (delim[0] !== ch || n > run.length || (ch === '~' && n !== 2)) continue;
    // An opener is followed by non-space; '_' does not open inside a word (snake_case).
    if (SPACE.test(source[start + n] ?? ' ') || (ch === '_' && WORD.test(before))) continue;
    const failedFrom = noCloserFrom.get(delim);
    if (failedFrom !== undefined && start >= failedFrom) continue;
    const runs = new RegExp(`\\${ch}+`, 'g');
    runs.lastIndex = start + n + 1;
    for (let m = runs.exec(source); m; m = runs.exec(source)) {
      const len = m[0].length;
      const close = m.index + len - n;
      if (len < n || (n === 1 && len === 2) || SPACE.test(source[m.index - 1]!)) continue;
      if (ch === '_' && WORD.test(source[m.index + len] ?? ' ')) continue;
      return { kind, close };
    }
    noCloserFrom.set(delim, start);
  }
  return null;
}

/** Renders untrusted markdown to an inert, allow-listed DocumentFragment. */
export function renderMarkdown(source: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(
    ...renderBlocks(
      source
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((l) => l.replace(/^\t+/, (t) => '    '.repeat(t.length))),
      0,
    ),
  );
  return fragment;
}
