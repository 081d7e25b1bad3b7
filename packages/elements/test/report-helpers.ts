/**
 * Test helpers of the activation report's element tests: the seeded demo dataset through the
 * public API (once per test file's page), the API's own report, and shadow-DOM lookups.
 */
import { expect } from '@open-wc/testing';
import type { ActivationReport } from '@inflow/contract';
import { generateDemoData } from '../../service/src/seed/generate.js';
import type { InflowActivationReport } from '../src/activation-report/activation-report.js';
import { testService, until } from './helpers.js';

export async function token(apiBase: string, body: Record<string, string>): Promise<string> {
  const r = await fetch(`${apiBase}/demo/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`demo token ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}

let seeded: Promise<{ apiBase: string; admin: string }> | undefined;
/** Seeds the demo tenant once per run through the public API (ids are deterministic: reruns add nothing). */
export function seed() {
  return (seeded ??= (async () => {
    const { apiBase } = await testService();
    const admin = await token(apiBase, { user: 'hr-admin', scope: 'admin' });
    const data = generateDemoData();
    const put = await fetch(`${apiBase}/v1/audience`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: [
        'user,team,accessAt,segments',
        ...data.members.map((m) => `${m.user},${m.team},${m.accessAt.toISOString()},${m.segments.join(';')}`),
      ].join('\n'),
    });
    expect(put.status).to.equal(200);
    const members = data.members;
    for (let i = 0; i < members.length; i += 20) {
      await Promise.all(
        members.slice(i, i + 20).map(async (m) => {
          const events = data.events
            .filter((e) => e.user === m.user)
            .map((e) => ({
              id: e.id,
              name: e.name,
              at: e.at.toISOString(),
              ...(e.sessionId ? { sessionId: e.sessionId } : {}),
              ...(e.scenario ? { scenario: e.scenario } : {}),
              ...(e.source ? { source: e.source } : {}),
              ...(e.props ? { props: e.props } : {}),
            }));
          if (!events.length) return;
          const t = await token(apiBase, { user: m.user, team: m.team });
          const r = await fetch(`${apiBase}/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
            body: JSON.stringify({ events }),
          });
          if (r.status !== 202) throw new Error(`events for ${m.user}: ${r.status} ${await r.text()}`);
        }),
      );
    }
    return { apiBase, admin };
  })());
}

let practised: Promise<void> | undefined;
/**
 * Six roster members each practise the same scenario twice through the real API (a weak first
 * attempt, a better second one), so the report has scores to aggregate: six people is over the
 * demo tenant's minGroupSize of 5.
 */
export function practise(apiBase: string) {
  return (practised ??= (async () => {
    const people = generateDemoData().members.slice(0, 6);
    const texts = [
      'ok',
      'On the Q3 report you missed two deadlines. What got in the way? The impact on the team was real; let us agree a plan with a check-in next Friday.',
    ];
    for (const m of people) {
      const t = await token(apiBase, { user: m.user, team: m.team });
      const call = async (path: string, body: unknown) => {
        const r = await fetch(`${apiBase}/v1/sessions${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${t}`,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify(body),
        });
        if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return (await r.json()) as { id: string };
      };
      for (const text of texts) {
        const { id } = await call('', { scenario: 'underperformance', source: 'embedded' });
        await call(`/${id}/turns`, { text });
        await call(`/${id}/complete`, {});
      }
    }
  })());
}

export async function apiReport(apiBase: string, admin: string, query: string): Promise<ActivationReport> {
  const r = await fetch(`${apiBase}/v1/activation?${query}`, {
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(r.status).to.equal(200);
  return (await r.json()) as ActivationReport;
}

export const $ = (el: InflowActivationReport, selector: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(selector);
export const dataIn = (el: InflowActivationReport, selector: string) =>
  Array.from(el.shadowRoot!.querySelectorAll<HTMLDataElement>(`${selector} data`)).map((d) => ({
    value: d.value,
    text: d.textContent!.trim(),
  }));
/** The value attribute as the API number (empty = null). */
export const asNumber = (value: string) => (value === '' ? null : Number(value));

export async function ready(el: InflowActivationReport) {
  await until(() => el.status === 'ready' || el.status === 'error', 'the report');
  await el.updateComplete;
  expect(el.status, el.problem).to.equal('ready');
}
