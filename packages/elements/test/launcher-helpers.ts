/** Helpers shared by the launcher's Chromium suites (src/launcher/*.test.ts). */
import { fixture, html } from '@open-wc/testing';
import type { InflowLauncher } from '../src/launcher/launcher.js';
import type { InflowPractice } from '../src/practice/practice.js';
import { demoToken, newUser, testService, until } from './helpers.js';

export const trigger = (el: InflowLauncher) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="base"]')!;
export const panel = (el: InflowLauncher) => el.shadowRoot!.querySelector<HTMLElement>('[part~="panel"]')!;
export const practiceIn = (el: InflowLauncher) =>
  el.shadowRoot!.querySelector('inflow-practice') as InflowPractice | null;
export const coachTurns = (p: InflowPractice) =>
  Array.from(p.shadowRoot!.querySelectorAll<HTMLElement>('[data-role="coach"]')).map(
    (e) => e.textContent?.trim() ?? '',
  );
/** The element that has focus, looking through shadow roots. */
export function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

export async function ready(el: InflowLauncher): Promise<InflowPractice> {
  const practice = await until(() => practiceIn(el), 'the practice element');
  await until(() => coachTurns(practice).length >= 1, 'the opening line');
  return practice;
}

export async function launcher(
  attrs: { scenario?: string; user?: string; extra?: (el: InflowLauncher) => void } = {},
) {
  const { apiBase } = await testService();
  const user = attrs.user ?? newUser();
  const token = await demoToken(apiBase, user);
  const el = await fixture<InflowLauncher>(
    html`<inflow-launcher
      scenario=${attrs.scenario ?? 'underperformance'}
      api-base=${apiBase}
      token=${token}
    ></inflow-launcher>`,
  );
  return { el, apiBase, user };
}

export function sorted(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
