/**
 * What the XSS suite (xss.test.ts) looks for in the page: dangerous elements and attributes in
 * the document and every shadow root, nodes that existed only for a moment, payloads that ran,
 * and every payload's marker on screen as text.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeId, idOf, markerOf, TEMPLATES, type PathName } from './xss-corpus.js';

export interface Scan {
  findings: string[];
  text: string;
}

/** Walks the document and every open shadow root: dangerous elements/attributes, and all visible text. */
export function scanDom(): Scan {
  const findings: string[] = [];
  const texts: string[] = [];
  const DANGEROUS = new Set(['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'FRAME', 'FRAMESET', 'PORTAL']);
  const URL_ATTRS = new Set([
    'href',
    'src',
    'action',
    'formaction',
    'xlink:href',
    'data',
    'srcdoc',
    'background',
    'poster',
    'codebase',
  ]);
  const OURS = /^\/(xss|static)\//;
  const visit = (root: Document | ShadowRoot | Element) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement?.tagName;
        if (parent !== 'STYLE' && parent !== 'SCRIPT') texts.push(node.textContent ?? '');
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue; // the root document / shadow root / fragment
      const el = node as Element;
      const where = `${el.tagName.toLowerCase()}${el.getRootNode() instanceof ShadowRoot ? ` in <${(el.getRootNode() as ShadowRoot).host.tagName.toLowerCase()}>` : ''}`;
      if (el.tagName === 'SCRIPT' || el.tagName.toLowerCase() === 'script') {
        const src = el.getAttribute('src') ?? '';
        if (!(el.getRootNode() === document && OURS.test(src)))
          findings.push(`script element: ${where} ${el.outerHTML.slice(0, 120)}`);
      }
      if (DANGEROUS.has(el.tagName))
        findings.push(`dangerous element: ${where} ${el.outerHTML.slice(0, 120)}`);
      if (el.tagName === 'META' && el.getRootNode() !== document) findings.push(`meta in shadow: ${where}`);
      if (el.tagName === 'META' && el.hasAttribute('http-equiv')) findings.push(`meta http-equiv: ${where}`);
      if (el.tagName === 'STYLE' && /XSS\d|javascript|@import/i.test(el.textContent ?? ''))
        findings.push(`injected style: ${where}`);
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on'))
          findings.push(`event handler attribute ${name}="${attr.value.slice(0, 60)}" on ${where}`);
        // Browsers ignore leading spaces and embedded tabs/newlines in a URL's scheme.
        if (
          URL_ATTRS.has(name) &&
          /^(javascript|vbscript|data):/i.test(attr.value.trim().replace(/\s+/g, ''))
        )
          findings.push(`${name}="${attr.value.slice(0, 60)}" on ${where}`);
        if (name === 'style' && /javascript:|expression\(/i.test(attr.value))
          findings.push(`style="${attr.value.slice(0, 60)}" on ${where}`);
      }
      if (el.shadowRoot) visit(el.shadowRoot);
      if (el.tagName === 'TEMPLATE') visit((el as HTMLTemplateElement).content as unknown as Element);
    }
  };
  visit(document);
  return { findings, text: texts.join(' ') };
}

/**
 * Runs in the page before any script: observes the document and every shadow root as it is
 * attached, and records any dangerous element or attribute the moment it is inserted — so markup
 * that exists only mid-stream (a partial reply re-rendered a few milliseconds later) is caught too.
 */
export function watchTransientNodes(): void {
  const found: string[] = [];
  (window as unknown as { __transient: string[] }).__transient = found;
  // (No FORM: the composer is one; a javascript: action or formaction is caught as a URL.)
  const DANGEROUS = new Set(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'BASE', 'FRAME', 'PORTAL']);
  const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc']);
  const check = (el: Element) => {
    const inShadow = el.getRootNode() instanceof ShadowRoot;
    if (
      DANGEROUS.has(el.tagName.toUpperCase()) &&
      (inShadow || !/^\/(xss|static)\//.test(el.getAttribute('src') ?? ''))
    )
      found.push(`<${el.tagName.toLowerCase()}>`);
    for (const a of Array.from(el.attributes)) {
      if (a.name.toLowerCase().startsWith('on')) found.push(`${a.name} on <${el.tagName.toLowerCase()}>`);
      if (
        URL_ATTRS.has(a.name.toLowerCase()) &&
        /^(javascript|vbscript|data):/i.test(a.value.trim().replace(/\s+/g, ''))
      )
        found.push(`${a.name}=${a.value.slice(0, 40)}`);
    }
  };
  const observe = (root: Node) =>
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target instanceof Element) check(r.target);
        for (const n of Array.from(r.addedNodes)) {
          if (!(n instanceof Element)) continue;
          check(n);
          n.querySelectorAll('*').forEach(check);
        }
      }
    }).observe(root, { subtree: true, childList: true, attributes: true });
  observe(document);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    observe(root);
    return root;
  };
}

export async function transient(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __transient?: string[] }).__transient ?? []);
}

export async function fired(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __fired?: number[] }).__fired ?? []);
}

/** Every payload of `path` has its marker on screen (as text). */
export function expectMarkers(text: string, path: PathName, count = TEMPLATES.length): void {
  const missing = Array.from({ length: count }, (_, i) => idOf(path, i)).filter(
    (id) => !text.includes(markerOf(id)),
  );
  expect(missing.map(describeId), `${path}: payload text not shown`).toEqual([]);
}
