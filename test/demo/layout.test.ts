// Every demo page at 375, 768 and 1280 px on the real service, as `npm start` serves the built
// demo: no control sticks out of its container (bounding boxes), no form label caption wraps, no
// chart text overlaps other chart text (the activation report's SVG), no console error and no
// failed request (a 404 included, the page's icon too). `INFLOW_SCREENSHOTS=1` also writes each page's screenshot to
// docs/images/demo/<page>-<width>.png from the same run (docs/demo.md shows them).
import { existsSync, mkdirSync } from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { demoDist, useLiveDemo } from '../support/live-demo.js';

const shots = new URL('../../docs/images/demo/', import.meta.url).pathname;
const PAGES = ['index', 'lms', 'report', 'configurator', 'studio'].filter((p) =>
  existsSync(`${demoDist}/${p}.html`),
);
const WIDTHS = [375, 768, 1280];

const demo = useLiveDemo({ seed: true });

beforeAll(() => {
  if (process.env.INFLOW_SCREENSHOTS) mkdirSync(shots, { recursive: true });
});

/** What each page shows once it is ready to be measured. */
const READY: Record<string, string> = {
  index: 'inflow-launcher button',
  lms: 'inflow-practice [part="start-button"]',
  report: 'inflow-activation-report svg text',
  configurator: '#cfg-preview inflow-launcher button',
  studio: 'inflow-scenario-editor',
};

/** Runs in the page: every layout fault, as readable strings. */
function layoutFaults(): string[] {
  const faults: string[] = [];
  const all = (root: Document | ShadowRoot): Element[] =>
    [...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el, ...all(el.shadowRoot)] : [el]));
  const up = (el: Element): Element | null =>
    el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
  const name = (el: Element) => {
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? '')
      .trim()
      .replace(/\s+/g, ' ')
      .slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('part') ? ` part=${el.getAttribute('part')}` : ''}>${text ? ` "${text}"` : ''}`;
  };
  // A container is the nearest box a reader sees as one: a background, a border, a shadow or a clip.
  const isBox = (el: Element) => {
    const s = getComputedStyle(el);
    const border = ['Top', 'Right', 'Bottom', 'Left'].some(
      (side) => parseFloat(s.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0,
    );
    const background = s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== 'transparent';
    return background || border || s.boxShadow !== 'none' || s.overflowX !== 'visible';
  };
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };

  if (document.documentElement.scrollWidth > innerWidth + 1)
    faults.push(
      `page scrolls sideways: ${document.documentElement.scrollWidth}px content in a ${innerWidth}px viewport`,
    );

  const controls = all(document).filter(
    (el) => el.matches('button, input, select, textarea, a[href], summary, [role="button"]') && visible(el),
  );
  for (const control of controls) {
    let box = up(control);
    while (box && box !== document.documentElement && !isBox(box)) box = up(box);
    const c = control.getBoundingClientRect();
    const b =
      box && box !== document.documentElement
        ? box.getBoundingClientRect()
        : new DOMRect(0, 0, innerWidth, Infinity);
    const out = [
      c.left < b.left - 1 && 'left',
      c.right > b.right + 1 && 'right',
      c.top < b.top - 1 && 'top',
      c.bottom > b.bottom + 1 && 'bottom',
    ].filter(Boolean);
    if (out.length)
      faults.push(
        `${name(control)} overflows ${box ? name(box).split(' ')[0] : 'the viewport'} (${out.join(', ')}): ${Math.round(c.left)}–${Math.round(c.right)} in ${Math.round(b.left)}–${Math.round(b.right)}`,
      );
  }

  // A form label's caption (its text before the control) stays on one line.
  for (const label of all(document).filter(
    (el): el is HTMLLabelElement => el instanceof HTMLLabelElement && visible(el),
  )) {
    const control = label.querySelector('input, select, textarea');
    if (!control || label.firstChild === control) continue;
    const range = document.createRange();
    range.setStartBefore(label.firstChild!);
    range.setEndBefore(control);
    // Boxes on one line overlap vertically (inline code sits a pixel off); a box below them all starts a new line.
    let lines = 0;
    let bottom = -Infinity;
    for (const r of [...range.getClientRects()].filter((r) => r.width > 0).sort((a, b) => a.top - b.top)) {
      if (r.top >= bottom - 1) lines++;
      bottom = Math.max(bottom, r.bottom);
    }
    if (lines > 1)
      faults.push(`label "${range.toString().trim().replace(/\s+/g, ' ')}" wraps onto ${lines} lines`);
  }

  // Chart text: no two SVG text boxes of one chart intersect, and none sticks out of its chart.
  for (const chart of all(document).filter((el) => el instanceof SVGSVGElement && visible(el))) {
    const texts = [...chart.querySelectorAll('text')].filter((t) => t.textContent?.trim());
    const box = chart.getBoundingClientRect();
    const rects = texts.map((t) => t.getBoundingClientRect());
    rects.forEach((r, i) => {
      if (r.left < box.left - 1 || r.right > box.right + 1)
        faults.push(`chart text "${texts[i]!.textContent}" sticks out of its chart`);
      for (let j = i + 1; j < rects.length; j++) {
        const o = rects[j]!;
        const overlap =
          Math.min(r.right, o.right) - Math.max(r.left, o.left) > 0.5 &&
          Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top) > 0.5;
        if (overlap) faults.push(`chart text "${texts[i]!.textContent}" overlaps "${texts[j]!.textContent}"`);
      }
    });
  }
  return faults;
}

async function open(page: Page, name: string, width: number): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400)
      problems.push(`${r.status()} for ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on('requestfailed', (r) =>
    problems.push(`request failed: ${new URL(r.url()).pathname} (${r.failure()?.errorText})`),
  );
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${demo.server.url}/${name}.html`, { waitUntil: 'networkidle' });
  await page.locator(READY[name]!).first().waitFor({ timeout: 30_000 });
  // Fonts and late layout (charts draw after their data) settle before measuring.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForLoadState('networkidle');
  // The browser fetches a page's icon once per session, not per page: ask for each page's own.
  const icons = await page.evaluate(() => {
    const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')].map((l) => l.href);
    return links.length ? links : [new URL('/favicon.ico', location.href).href];
  });
  for (const icon of icons) {
    const status = (await page.request.get(icon)).status();
    if (status >= 400) problems.push(`${status} for the page's icon ${new URL(icon).pathname}`);
  }
  return problems;
}

test.each(PAGES.flatMap((p) => WIDTHS.map((w) => [p, w] as const)))(
  '%s.html at %i px: no overflow, no overlap, no error',
  async (name, width) => {
    // A fresh context per page: nothing cached (the favicon included) hides a request from a page.
    const context = await demo.browser.newContext();
    const page = await context.newPage();
    const problems = await open(page, name, width);
    problems.push(...(await page.evaluate(layoutFaults)));
    if (process.env.INFLOW_SCREENSHOTS)
      await page.screenshot({ path: `${shots}${name}-${width}.png`, fullPage: true });
    await context.close();
    expect(problems).toEqual([]);
  },
);
