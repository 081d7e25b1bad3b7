// The markdown renderer's syntax in real Chromium: paragraphs, emphasis, code, quotes, lists,
// rules, links, headings and images, and raw HTML shown as text.
import { expect } from '@open-wc/testing';
import { expectInert, html, shape } from '../../test/markdown-helpers.js';

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
});
