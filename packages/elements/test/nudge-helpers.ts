/** Helpers shared by the nudge's Chromium suites (src/nudge/*.test.ts). */
import { fixture, html } from '@open-wc/testing';
import type { InflowLauncher } from '../src/launcher/launcher.js';
import type { InflowNudge } from '../src/nudge/nudge.js';
import { demoToken, testService } from './helpers.js';

export const DAY = 86_400_000;
let n = 0;

export interface Setup {
  nudge: InflowNudge;
  host: HTMLTextAreaElement;
  launcher: InflowLauncher | null;
  user: string;
  apiBase: string;
  token: string;
}

export interface Options {
  trigger?: 'focus' | 'due' | 'idle';
  dueAt?: string;
  /** Due this many ms after the nudge is created (computed then, so slow set-up cannot eat it). */
  dueInMs?: number;
  user?: string;
  attrs?: Record<string, string>;
  withLauncher?: boolean;
  wide?: boolean;
}

/** A review form with a text area, a nudge pointing at it and (optionally) a launcher. */
export async function setup(options: Options = {}): Promise<Setup> {
  const { apiBase } = await testService();
  const user = options.user ?? `nudge-${Date.now()}-${++n}`;
  const token = await demoToken(apiBase, user);
  const id = `review-${++n}`;
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="padding: 40px">
      ${
        options.withLauncher === false
          ? ''
          : html`<inflow-launcher
              scenario="underperformance"
              api-base=${apiBase}
              token=${token}
            ></inflow-launcher>`
      }
      <textarea
        id=${id}
        rows="6"
        style=${options.wide ? 'display:block; width: 100%; box-sizing: border-box' : 'width: 320px'}
      ></textarea>
    </div>`,
  );
  // Attributes go on before the nudge connects, as they would in a page's markup.
  const nudge = document.createElement('inflow-nudge');
  const attrs: Record<string, string> = {
    for: id,
    scenario: 'underperformance',
    'api-base': apiBase,
    token,
    trigger: options.trigger ?? 'focus',
    'due-at': options.dueAt ?? new Date(Date.now() + (options.dueInMs ?? DAY)).toISOString(),
    ...options.attrs,
  };
  for (const [name, value] of Object.entries(attrs)) nudge.setAttribute(name, value);
  nudge.textContent = "Jordan's review is due soon. Rehearse the talk first?";
  wrapper.append(nudge);
  await nudge.updateComplete;
  // The nudge preloads its positioning chunk when it arms, long before a person focuses the field
  // on a real page; wait for that chunk here so `settle()` measures the trigger, not the download.
  await import('../src/nudge/anchor.js');
  return {
    nudge,
    host: wrapper.querySelector('textarea')!,
    launcher: wrapper.querySelector('inflow-launcher'),
    user,
    apiBase,
    token,
  };
}

export const part = (nudge: InflowNudge, name: string) =>
  nudge.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits long enough for a wrongly armed trigger to have fired (several animation frames + tasks). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 10)));
}

export function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
