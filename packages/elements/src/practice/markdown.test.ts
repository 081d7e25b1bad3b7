import { aTimeout, expect } from '@open-wc/testing';
import { renderMarkdown } from './markdown.js';
import { work } from './markdown-work.js';

const html = (md: string) => {
  const div = document.createElement('div');
  div.append(renderMarkdown(md));
  return div;
};

/** Tag structure without text, e.g. `p(strong,em)` — compact enough to compare whole outputs. */
const shape = (node: Element): string =>
  Array.from(node.children)
    .map((c) => (c.children.length ? `${c.localName}(${shape(c)})` : c.localName))
    .join(',');

const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'hr',
]);
const ALLOWED_ATTRS: Record<string, string[]> = { a: ['href', 'rel', 'target'], ol: ['start'] };

/** Every element allow-listed, every attribute allow-listed, every href http(s)/mailto. */
function expectInert(div: Element, label: string) {
  for (const e of Array.from(div.querySelectorAll('*'))) {
    expect(ALLOWED_TAGS.has(e.localName), `${label}: <${e.localName}>`).to.equal(true);
    expect(e.namespaceURI, label).to.equal('http://www.w3.org/1999/xhtml');
    for (const a of Array.from(e.attributes))
      expect(ALLOWED_ATTRS[e.localName] ?? [], `${label}: ${e.localName}[${a.name}]`).to.include(a.name);
    if (e.localName === 'a') {
      expect(e.getAttribute('href'), label).to.match(/^(https?:\/\/|mailto:)/i);
      expect(e.getAttribute('rel'), label).to.equal('noopener noreferrer');
      expect(e.getAttribute('target'), label).to.equal('_blank');
    }
    if (e.localName === 'ol' && e.hasAttribute('start'))
      expect(e.getAttribute('start'), label).to.match(/^\d+$/);
  }
}

describe('renderMarkdown (DOM built from an allow-list)', () => {
  it('paragraphs and line breaks', () => {
    const div = html('one\ntwo\n\nthree');
    expect(shape(div)).to.equal('p(br),p');
    expect(div.querySelector('p')!.textContent).to.equal('onetwo');
    expect(div.textContent).to.equal('onetwothree');
  });

  it('strong, em (both markers), del, inline code, nested emphasis', () => {
    const div = html('**bold** *em* _em2_ ~~gone~~ `a <b> c` **a *b* c** *x **y** z* ***both***');
    expect(Array.from(div.querySelectorAll('strong')).map((e) => e.textContent)).to.deep.equal([
      'bold',
      'a b c',
      'y',
      'both',
    ]);
    expect(Array.from(div.querySelectorAll('em')).map((e) => e.textContent)).to.deep.equal([
      'em',
      'em2',
      'b',
      'x y z',
      'both',
    ]);
    expect(div.querySelector('del')!.textContent).to.equal('gone');
    expect(div.querySelector('code')!.textContent).to.equal('a <b> c');
    expect(Array.from(div.querySelectorAll('strong > em')).pop()!.textContent).to.equal('both');
  });

  it('leaves snake_case, lone stars, escapes and unclosed markers as text', () => {
    const div = html('snake_case_name 2 * 3 * 4 \\*not em\\* **open _open ~~open `open [open](');
    expect(div.querySelectorAll('em, strong, del, code, a').length).to.equal(0);
    expect(div.textContent).to.equal('snake_case_name 2 * 3 * 4 *not em* **open _open ~~open `open [open](');
  });

  it('fenced code blocks keep their text verbatim (markdown and HTML inside included)', () => {
    const div = html('before\n```js\nconst a = "<b>**x**</b>";\n\n  indented\n```\nafter\n~~~\ntilde\n~~~');
    expect(shape(div)).to.equal('p,pre(code),p,pre(code)');
    expect(div.querySelector('pre code')!.textContent).to.equal('const a = "<b>**x**</b>";\n\n  indented');
    // A reply still streaming has no closing fence yet: the rest is code.
    expect(html('```\nopen **x**').querySelector('pre')!.textContent).to.equal('open **x**');
  });

  it('blockquotes, with markdown inside', () => {
    const div = html('> quoted **line**\n> second\n\nout');
    expect(shape(div)).to.equal('blockquote(p(strong,br)),p');
    expect(div.querySelector('blockquote')!.textContent).to.equal('quoted linesecond');
  });

  it('unordered and ordered lists, one nesting level, start number, loose items', () => {
    const div = html('- one\n- two\n  - two.a\n  - two.b\n- three\n\n3. c\n4. d\n   1. d.i');
    expect(shape(div)).to.equal('ul(li,li(ul(li,li)),li),ol(li,li(ol(li)))');
    expect(div.querySelector('ol')!.getAttribute('start')).to.equal('3');
    expect(div.querySelector('ul > li:nth-child(2)')!.firstChild!.textContent).to.equal('two');
    expect(shape(html('* a\n\n* b'))).to.equal('ul(li(p),li(p))');
    expect(shape(html('1. **bold** item\n2. `code`'))).to.equal('ol(li(strong),li(code))');
    // "2019. was…" inside a paragraph is not a list.
    expect(shape(html('It was\n2019. A year.'))).to.equal('p(br)');
  });

  it('horizontal rules', () => {
    expect(shape(html('a\n\n---\n\n***\n\n_ _ _\n\nb'))).to.equal('p,hr,hr,hr,p');
  });

  it('links, autolinks and bare links: only http, https and mailto, with rel and target', () => {
    const div = html(
      '[site](https://example.com/a_(b)) <https://example.org> [m](mailto:a@example.com "title")\n' +
        'see https://example.net/path?q=1. or (www.example.com) or hr@example.com, [**bold** link](http://x.example)',
    );
    const links = Array.from(div.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/a_(b)',
      'https://example.org',
      'mailto:a@example.com',
      'https://example.net/path?q=1',
      'http://www.example.com',
      'mailto:hr@example.com',
      'http://x.example',
    ]);
    expect(links.map((a) => a.textContent)).to.deep.equal([
      'site',
      'https://example.org',
      'm',
      'https://example.net/path?q=1',
      'www.example.com',
      'hr@example.com',
      'bold link',
    ]);
    expect(links.every((a) => a.rel === 'noopener noreferrer' && a.target === '_blank')).to.equal(true);
    expect(div.textContent).to.contain('q=1. or (www.example.com) or');
    expectInert(div, 'links');
  });

  it('headings become bold paragraphs, images their alt text', () => {
    const div = html('# Title\n\n## Sub ##\n\n![a cat](https://example.com/cat.png)');
    expect(div.querySelectorAll('h1, h2, img').length).to.equal(0);
    expect(shape(div)).to.equal('p(strong),p(strong),p');
    expect(div.querySelector('strong')!.textContent).to.equal('Title');
    expect(div.children[1]!.textContent).to.equal('Sub');
    expect(div.children[2]!.textContent).to.equal('a cat');
  });

  it('shows raw HTML as literal text and creates no elements from it', () => {
    const source = '<script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)></svg>';
    const div = html(source);
    expect(shape(div)).to.equal('p');
    expect(div.textContent).to.equal(source);
  });

  it('renders every URL scheme but http, https and mailto as plain text, obfuscated ones included', () => {
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'jAvAsCrIpT:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      ' javascript:alert(1)',
      '&#106;avascript:alert(1)',
      '&#x6A;avascript:alert(1)',
      'javascript&colon;alert(1)',
      '\\javascript:alert(1)',
      '<javascript:alert(1)>',
      'data:text/html,<script>alert(1)</script>',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'VBScript:msgbox(1)',
      'file:///etc/passwd',
      '//evil.example',
      '/relative',
      'https:evil.example',
      'http:\\\\evil.example',
    ]) {
      const div = html(`[x](${href})`);
      expect(div.querySelectorAll('a').length, href).to.equal(0);
      expectInert(div, href);
      const auto = html(`<${href}>`);
      expect(auto.querySelectorAll('a').length, `<${href}>`).to.equal(0);
    }
    expect(html('<javascript:alert(1)>').textContent).to.equal('<javascript:alert(1)>');
  });

  const HOSTILE = [
    '<script>window.__mdPwned=1</script>',
    '<img src=x onerror="window.__mdPwned=2">',
    '<svg onload="window.__mdPwned=3"><script>window.__mdPwned=3</script></svg>',
    '<svg><a xlink:href="javascript:window.__mdPwned=4"><text>svg link</text></a></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__mdPwned=5">',
    '<iframe srcdoc="<script>parent.__mdPwned=6</script>"></iframe>',
    '<a href="javascript:window.__mdPwned=7">raw link</a>',
    '[a](javascript:window.__mdPwned=8)',
    '[a](JaVaScRiPt:window.__mdPwned=9)',
    '[a]( javascript:window.__mdPwned=10 )',
    '[a](<javascript:window.__mdPwned=11>)',
    '[a](&#106;&#97;vascript:window.__mdPwned=12)',
    '![x" onerror="window.__mdPwned=13](x)',
    '![alt](x" onerror="window.__mdPwned=14)',
    '[x](https://ok.example" onmouseover="window.__mdPwned=15)',
    '[x](https://ok.example "title\\" onmouseover=window.__mdPwned=16")',
    '**<img src=x onerror="window.__mdPwned=17">**',
    '`</code><img src=x onerror="window.__mdPwned=18">`',
    '```\n</code></pre><img src=x onerror="window.__mdPwned=19">\n```',
    '> <details open ontoggle="window.__mdPwned=20">',
    '- <body onload="window.__mdPwned=21">',
    '[[[[[[[[[[nested](javascript:window.__mdPwned=22)]]]]]]]]]]',
    '[a [b](javascript:window.__mdPwned=23) c](https://ok.example)',
    '[a](https://ok.example)(javascript:window.__mdPwned=24)',
    '<https://ok.example/"onmouseover="window.__mdPwned=25">',
    'https://ok.example/<img/src=x/onerror=window.__mdPwned=26>',
    '**unclosed *em _under ~~del `code [link](javascript:x <tag attr="',
    '***_~~`[<',
    '<style>*{background:url("javascript:window.__mdPwned=27")}</style>',
    '<form><button formaction="javascript:window.__mdPwned=28">go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__mdPwned=29">',
    '<noscript><p title="</noscript><img src=x onerror=window.__mdPwned=30>">',
    '<!--><img src=x onerror=window.__mdPwned=31>-->',
    '<![CDATA[><img src=x onerror=window.__mdPwned=32>]]>',
    '<div style="background:url(javascript:window.__mdPwned=33)">styled</div>',
    '[x](vbscript:window.__mdPwned=34) [y](data:text/html,<script>window.__mdPwned=35</script>)',
  ];

  it('renders a hostile corpus inert: allow-listed elements and attributes only, nothing runs', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    try {
      for (const source of HOSTILE) {
        const div = html(source);
        expectInert(div, source);
        host.append(div);
      }
      // Also as one document, where markers from one payload can pair with another's.
      const all = html(HOSTILE.join('\n'));
      expectInert(all, 'all joined');
      host.append(all);
      // Clicking every link is safe too (all are http(s)/mailto; none navigates this page).
      for (const a of Array.from(host.querySelectorAll('a')))
        a.addEventListener('click', (e) => e.preventDefault());
      for (const a of Array.from(host.querySelectorAll('a'))) a.click();
      await aTimeout(50);
      expect((window as { __mdPwned?: number }).__mdPwned).to.equal(undefined);
      // Payload text stays visible as text.
      expect(host.textContent).to.contain('<script>window.__mdPwned=1</script>');
    } finally {
      host.remove();
    }
  });

  it('stays fast on pathological input (deep nesting, unclosed runs)', () => {
    for (const source of [
      '>'.repeat(20_000) + ' x',
      '['.repeat(20_000),
      '[a]('.repeat(5_000),
      '*a '.repeat(10_000),
      '**'.repeat(10_000) + 'x',
      '_a'.repeat(10_000),
      '`'.repeat(5_000) + 'x' + '``'.repeat(2_000),
      '- '.repeat(5_000) + 'x',
      ('  '.repeat(30) + '- x\n').repeat(200),
    ]) {
      const div = html(source);
      expectInert(div, source.slice(0, 20));
    }
  });

  it('builds a paragraph of 150,000 nodes (no spread past the argument limit)', () => {
    const div = html('a\n'.repeat(75_000));
    expect(div.querySelectorAll('br').length).to.equal(74_999);
  });
});

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
