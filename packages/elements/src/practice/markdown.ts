/**
 * Model output → safe DOM. Markdown is parsed by marked with raw HTML turned into visible text
 * (so `<script>` in a reply reads as text instead of vanishing), then DOMPurify keeps only an
 * allow-list of formatting tags and `href` on links, and only http, https and mailto URLs.
 * Links open in a new tab with `rel="noopener noreferrer"`. Nothing is ever assigned to
 * innerHTML of a connected node: DOMPurify returns a detached fragment.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const ALLOWED_TAGS = [
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
];
const SAFE_URL = /^(?:https?:|mailto:)/i;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML in the markdown is shown as text, never parsed.
    html: ({ text }) => escapeHtml(text),
    // Headings and images are not part of a chat reply: render them as plain paragraphs / alt text.
    heading({ tokens }) {
      return `<p><strong>${this.parser.parseInline(tokens)}</strong></p>`;
    },
    image: ({ text }) => escapeHtml(text),
  },
});

// Created on first use, not at import: importing the define files in Node (SSR) must not touch
// `window`, which does not exist there.
let purify: ReturnType<typeof DOMPurify> | undefined;
function sanitizer(): ReturnType<typeof DOMPurify> {
  if (purify) return purify;
  purify = DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_URL.test(href.trim())) node.removeAttribute('href');
      node.setAttribute('rel', 'noopener noreferrer');
      node.setAttribute('target', '_blank');
    }
  });
  return purify;
}

/** Renders untrusted markdown to an inert, allow-listed DocumentFragment. */
export function renderMarkdown(source: string): DocumentFragment {
  const html = marked.parse(source) as string;
  return sanitizer().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href'],
    ALLOWED_URI_REGEXP: SAFE_URL,
    RETURN_DOM_FRAGMENT: true,
  });
}
