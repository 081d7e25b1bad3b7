// The scenario studio: HR authors a scenario in <inflow-scenario-editor> with an admin token
// (boot.ts configures the page with one), and a launcher below practises the published version
// with a practice token, as a manager's page would.
import type { InflowLauncher } from '@inflow/elements';
import { apiBase, boot, demoToken } from './boot.js';

await boot({ scope: 'admin' });
const editor = document.getElementById('studio-editor')!;
const scenarioId = editor.getAttribute('scenario-id')!;
// The admin listing includes drafts: a scenario absent from it is new, so the editor starts
// empty instead of asking for versions that do not exist (a 404 in the console).
const catalog = await fetch(`${apiBase}/v1/scenarios`, {
  headers: { authorization: `Bearer ${await demoToken('admin')}` },
});
const known = catalog.ok && ((await catalog.json()) as { scenarios: Array<{ id: string }> }).scenarios;
if (!known || !known.some((s) => s.id === scenarioId)) editor.toggleAttribute('new', true);
await import('@inflow/elements/define/scenario-editor');
await import('@inflow/elements/define/launcher');

const slot = document.getElementById('studio-launcher')!;
const note = document.getElementById('studio-published-note')!;

/** A launcher for the published scenario, replaced on every publish so it plays the new version. */
function showLauncher(version: number): void {
  const launcher = document.createElement('inflow-launcher') as InflowLauncher;
  launcher.id = 'studio-launcher-button';
  launcher.setAttribute('scenario', scenarioId);
  launcher.setAttribute('label', 'Practise this conversation');
  // Its own token source: a practice token, never the page's admin one.
  launcher.fetchToken = () => demoToken('practice');
  slot.replaceChildren(launcher);
  note.textContent = `Version ${version} is published: this is the launcher a manager's page shows.`;
}

editor.addEventListener('inflow-scenario-save', (event) => {
  if (event.scenario.status === 'published') showLauncher(event.scenario.version);
});

// A scenario published in an earlier visit gets its launcher at once.
const response = await fetch(`${apiBase}/v1/scenarios`, {
  headers: { authorization: `Bearer ${await demoToken('practice')}` },
});
if (response.ok) {
  const { scenarios } = (await response.json()) as { scenarios: Array<{ id: string; version?: number }> };
  const published = scenarios.find((s) => s.id === scenarioId);
  if (published) showLauncher(published.version ?? 1);
}
