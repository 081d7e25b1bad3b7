/**
 * The only place the markdown renderer creates nodes and attributes (markdown.ts states the
 * allow-list): elements by tag name, text nodes, and links whose URL passed the scheme check.
 */

export type Nodes = Node[];

const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

/** A spread `append(...nodes)` throws past ~120,000 arguments: longer lists go one by one. */
export const appendAll = <P extends ParentNode>(parent: P, nodes: Nodes): P => {
  if (nodes.length < 10_000) parent.append(...nodes);
  else for (const node of nodes) parent.append(node);
  return parent;
};

export const el = <K extends keyof HTMLElementTagNameMap>(tag: K, children: Nodes = []) =>
  appendAll(document.createElement(tag), children);

export const text = (value: string) => document.createTextNode(value);

/**
 * A link element, or null when the URL is not http(s)/mailto. The URL is tested as written, with
 * no entity decoding (none happens: it becomes an attribute value through setAttribute, never
 * markup), and must START with the scheme, so `&#106;avascript:`, ` javascript:`, `java\tscript:`
 * and `jAvAsCrIpT:` all fail: whatever a browser strips or decodes later cannot change a URL that
 * already begins with `http://`, `https://` or `mailto:` into another scheme.
 */
export function link(href: string, children: Nodes): HTMLAnchorElement | null {
  if (!SAFE_URL.test(href)) return null;
  const a = el('a', children);
  a.setAttribute('href', href);
  a.rel = 'noopener noreferrer';
  a.target = '_blank';
  return a;
}
