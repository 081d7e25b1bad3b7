/** Helpers shared by the practice's Chromium suites (src/practice/*.test.ts). */
import { createClient } from '@inflow/client';
import { fixture, html } from '@open-wc/testing';
import type { ElementsClient } from '../src/core/client-types.js';
import type { InflowPractice } from '../src/practice/practice.js';
import { demoToken, newUser, testService, until } from './helpers.js';

export const $ = <T extends Element = HTMLElement>(p: InflowPractice, sel: string) =>
  p.shadowRoot!.querySelector<T>(sel);
export const $$ = (p: InflowPractice, sel: string) =>
  Array.from(p.shadowRoot!.querySelectorAll<HTMLElement>(sel));
export const coachTurns = (p: InflowPractice) =>
  $$(p, '[data-role="coach"]').map((e) => e.querySelector('.text')!.textContent!.trim());
export const userTurns = (p: InflowPractice) => $$(p, '[data-role="user"]');

/** A real client whose `fetch` a test can interfere with (fault injection at the network edge). */
export async function realClient(
  intercept?: (url: string, init: RequestInit | undefined, next: typeof fetch) => Promise<Response>,
) {
  const { apiBase } = await testService();
  const user = newUser();
  const token = await demoToken(apiBase, user);
  const client = createClient({
    apiBase,
    token,
    storage: 'memory',
    fetch: (input, init) => (intercept ? intercept(String(input), init, fetch) : fetch(input, init)),
  });
  return { client, apiBase, user };
}

export async function mount(client: ElementsClient, scenario = 'underperformance', extra = '') {
  const el = await fixture<InflowPractice>(html`<inflow-practice scenario=${scenario}></inflow-practice>`);
  el.client = client;
  if (extra) el.setAttribute('theme', extra);
  await el.updateComplete;
  return el;
}

export async function started(el: InflowPractice) {
  $<HTMLButtonElement>(el, '[part="start-button"]')!.click();
  await until(() => coachTurns(el).length === 1, 'the opening line');
  return el;
}
