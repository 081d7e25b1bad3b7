/** Helpers shared by the markdown renderer's Chromium suites (src/practice/markdown-*.test.ts). */
import { expect } from '@open-wc/testing';
import { renderMarkdown } from '../src/practice/markdown.js';

export const html = (md: string) => {
  const div = document.createElement('div');
  div.append(renderMarkdown(md));
  return div;
};

/** Tag structure without text, e.g. `p(strong,em)` — compact enough to compare whole outputs. */
export const shape = (node: Element): string =>
  Array.from(node.children)
    .map((c) => (c.children.length ? `${c.localName}(${shape(c)})` : c.localName))
    .join(',');

export const ALLOWED_TAGS = new Set([
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
export const ALLOWED_ATTRS: Record<string, string[]> = { a: ['href', 'rel', 'target'], ol: ['start'] };

/** Every element allow-listed, every attribute allow-listed, every href http(s)/mailto. */
export function expectInert(div: Element, label: string) {
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
