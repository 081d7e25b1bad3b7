import { expect } from '@open-wc/testing';
import { renderMarkdown } from './markdown.js';

const html = (md: string) => {
  const div = document.createElement('div');
  div.append(renderMarkdown(md));
  return div;
};

describe('renderMarkdown (allow-list sanitizer)', () => {
  it('keeps formatting, lists, code and safe links', () => {
    const div = html(
      '**bold** _em_ `code`\n\n- one\n- two\n\n[site](https://example.com) <https://example.org>',
    );
    expect(div.querySelector('strong')!.textContent).to.equal('bold');
    expect(div.querySelector('em')!.textContent).to.equal('em');
    expect(div.querySelector('code')!.textContent).to.equal('code');
    expect(div.querySelectorAll('li').length).to.equal(2);
    const links = Array.from(div.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com',
      'https://example.org',
    ]);
    expect(links.every((a) => a.rel === 'noopener noreferrer' && a.target === '_blank')).to.equal(true);
  });

  it('drops every URL scheme but http, https and mailto', () => {
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example',
    ]) {
      const a = html(`[x](${href})`).querySelector('a');
      expect(a?.getAttribute('href') ?? null, href).to.equal(null);
    }
    expect(html('[m](mailto:a@example.com)').querySelector('a')!.getAttribute('href')).to.equal(
      'mailto:a@example.com',
    );
  });

  it('shows raw HTML as text and creates no elements from it', () => {
    const div = html('<script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)></svg>');
    expect(div.querySelectorAll('script, img, svg').length).to.equal(0);
    expect(div.textContent).to.contain('<script>alert(1)</script>');
  });

  it('turns headings and images into plain text', () => {
    const div = html('# Title\n\n![a cat](https://example.com/cat.png)');
    expect(div.querySelectorAll('h1, img').length).to.equal(0);
    expect(div.textContent).to.contain('Title');
    expect(div.textContent).to.contain('a cat');
  });
});
