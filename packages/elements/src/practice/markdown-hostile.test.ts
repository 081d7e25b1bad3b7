// The markdown renderer against hostile input in real Chromium: every URL scheme but http, https
// and mailto stays text, a hostile corpus renders inert, pathological input stays bounded.
import { aTimeout, expect } from '@open-wc/testing';
import { expectInert, html } from '../../test/markdown-helpers.js';

describe('renderMarkdown (DOM built from an allow-list)', () => {
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
