/**
 * The configurator: a product team sets every launcher attribute, sees the element live and
 * copies the exact HTML. Preview and snippet come from one list of attributes, so what is
 * previewed is what is copied. The snippet loads the elements from this service's `/inflow.js`
 * (the elements' single-file embed, packages/elements/dist/cdn) and carries `api-base`, so it works when
 * pasted into any page; the optional `token` is a 15-minute development token for that paste test.
 */
import { apiBase, boot, demoToken, PREVIEW } from './boot.js';

await boot();
await import('@inflow/elements/define/launcher');

const form = document.getElementById('cfg') as HTMLFormElement;
const field = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const scenarioSelect = field<HTMLSelectElement>('cfg-scenario');
const preview = field<HTMLDivElement>('cfg-preview');
const snippetEl = field<HTMLElement>('cfg-snippet');
const problem = field<HTMLParagraphElement>('cfg-problem');
field<HTMLInputElement>('cfg-api-base').value = apiBase;

const DEFAULT_ACCENT = '#0b57d0';
/** Attributes whose value equals the element's default are left out of the snippet. */
const DEFAULTS: Record<string, string> = {
  variant: 'button',
  placement: 'bottom-start',
  source: 'embedded',
  theme: 'light',
  voice: 'off',
};

let token: { value: string; expiresAt: number } | undefined;
async function previewToken(): Promise<string> {
  if (!token || token.expiresAt - Date.now() < 60_000)
    token = { value: await demoToken(), expiresAt: Date.now() + 14 * 60_000 };
  return token.value;
}

async function loadScenarios(): Promise<void> {
  const response = await fetch(`${apiBase}/v1/scenarios`, {
    headers: { authorization: `Bearer ${await previewToken()}` },
  });
  if (!response.ok) throw new Error(`GET /v1/scenarios answered ${response.status}`);
  const { scenarios } = (await response.json()) as { scenarios: Array<{ id: string; title: string }> };
  for (const s of scenarios) scenarioSelect.append(new Option(`${s.title} (${s.id})`, s.id));
}

/** The launcher's attributes, in snippet order, from the form. */
async function attributes(): Promise<Array<[string, string]>> {
  const data = new FormData(form);
  const get = (name: string) => String(data.get(name) ?? '').trim();
  const attrs: Array<[string, string]> = [];
  const base = get('api-base').replace(/\/+$/, '');
  if (base) attrs.push(['api-base', base]);
  if (data.get('token') === 'on') attrs.push(['token', await previewToken()]);
  attrs.push(['scenario', get('scenario')]);
  for (const name of ['label', 'variant', 'placement', 'source', 'locale', 'theme', 'voice']) {
    const value = get(name);
    if (value && value !== DEFAULTS[name]) attrs.push([name, value]);
  }
  if (get('context-role')) attrs.push(['context-role', get('context-role')]);
  for (const line of get('context-more').split('\n')) {
    const match = /^\s*([a-z][a-z0-9-]*)\s*=\s*(.+?)\s*$/i.exec(line);
    if (match?.[1] && match[2]) attrs.push([`context-${match[1].toLowerCase()}`, match[2]]);
  }
  return attrs;
}

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function snippetFor(attrs: Array<[string, string]>, accent: string): string {
  const lines = [`<script type="module" src="${escapeAttr(apiBase)}/inflow.js"></script>`];
  if (accent !== DEFAULT_ACCENT)
    lines.push(`<style>inflow-launcher { --inflow-color-accent: ${accent}; }</style>`);
  lines.push(
    `<inflow-launcher`,
    ...attrs.map(([k, v]) => `  ${k}="${escapeAttr(v)}"`),
    `></inflow-launcher>`,
  );
  return lines.join('\n');
}

let version = 0;
async function render(): Promise<void> {
  const mine = ++version;
  try {
    const attrs = await attributes();
    const accent = String(new FormData(form).get('accent') ?? DEFAULT_ACCENT);
    if (mine !== version) return; // a newer change is being rendered
    // The preview is the same element with the same attributes (set one by one, never as HTML).
    const launcher = document.createElement('inflow-launcher');
    for (const [k, v] of attrs) launcher.setAttribute(k, v);
    if (accent !== DEFAULT_ACCENT) launcher.style.setProperty('--inflow-color-accent', accent);
    preview.replaceChildren(launcher);
    snippetEl.textContent = snippetFor(attrs, accent);
    problem.hidden = true;
  } catch (error) {
    problem.textContent = `The preview could not be built: ${(error as Error).message}`;
    problem.hidden = false;
  }
}

field<HTMLButtonElement>('cfg-copy').addEventListener('click', async () => {
  const status = field<HTMLSpanElement>('cfg-copy-status');
  const text = snippetEl.textContent ?? '';
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    // No clipboard permission (e.g. an insecure origin): select the text so Ctrl-C copies it.
    getSelection()?.selectAllChildren(snippetEl);
    status.textContent = 'Press Ctrl-C (⌘-C) to copy the selected snippet.';
  }
});

form.addEventListener('input', () => void render());
form.addEventListener('change', () => void render());
if (PREVIEW)
  field<HTMLInputElement>('cfg-token')
    .closest('label')
    ?.append(' (preview mode: the token only works in this tab)');

try {
  await loadScenarios();
} catch (error) {
  problem.textContent = `Scenarios could not be loaded: ${(error as Error).message}`;
  problem.hidden = false;
}
await render();
document.documentElement.dataset.configuratorReady = 'true';
