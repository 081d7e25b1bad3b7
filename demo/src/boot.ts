/**
 * Shared start-up of every demo page. Two ways to run:
 *  - live (`npm start`): the pages are served by the Inflow service itself, so the API is on the
 *    same origin and development tokens come from its demo-only `POST /demo/token`;
 *  - preview (`npm run demo:static`, Vite mode `static`): no server at all. @inflow/mocks runs
 *    the same service app in this tab behind msw's service worker, on PGlite in IndexedDB (so a
 *    practice done on one page shows in the report on another), seeded with the demo review cycle.
 * A vendor's real page calls its own backend for tokens, which signs them with the tenant secret.
 */
import { configure } from '@inflow/elements';

export const PREVIEW = import.meta.env.MODE === 'static';

/** The service origin: the directory the demo is served from (the service serves it at `/`). */
export const apiBase = new URL('.', document.baseURI).href.replace(/\/+$/, '');

/** A pseudonymous id per browser, so each visitor of the demo counts as one audience member. */
export function demoUser(): string {
  const key = 'inflow-demo-user';
  let user = localStorage.getItem(key);
  if (!user) {
    user = `demo-${crypto.randomUUID().slice(0, 8)}`;
    localStorage.setItem(key, user);
  }
  return user;
}

/** A development embed token for the demo tenant (15 minutes). */
export async function demoToken(scope: 'practice' | 'admin' = 'practice'): Promise<string> {
  const response = await fetch(`${apiBase}/demo/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // One pseudonymous user for both roles: the visitor is the manager and the HR reader here.
    // (The event outbox is shared per service origin, so events queued on the LMS page may be
    // delivered from the report page, under whichever token that page holds.)
    body: JSON.stringify({ user: demoUser(), team: 'Engineering', scope }),
  });
  if (!response.ok) throw new Error(`demo token endpoint answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

function showPreviewBadge(): void {
  const badge = document.createElement('span');
  badge.className = 'preview-badge';
  badge.dataset.testid = 'preview-badge';
  badge.textContent = 'Preview mode';
  badge.title = 'No server: the Inflow service runs in this tab (@inflow/mocks), data stays in this browser.';
  (document.querySelector('.app-bar') ?? document.body).append(badge);
}

type Faults = import('@inflow/mocks').Faults;

/** Preview only: switch the mocks' faults on and off to see how the elements cope. */
function showFaultSwitches(faults: Faults): void {
  const tools = document.createElement('details');
  tools.className = 'preview-tools';
  const summary = document.createElement('summary');
  summary.textContent = 'Simulate network';
  tools.append(summary);
  const options: Array<[string, () => () => void]> = [
    ['Offline', () => faults.offline()],
    ['Slow (1–2 s per request)', () => faults.latency([1000, 2000])],
    ['30 % server errors (503)', () => faults.serverErrors({ rate: 0.3 })],
    ['Rate limited (429, Retry-After 5 s)', () => faults.rateLimit({ retryAfterSeconds: 5 })],
  ];
  for (const [text, start] of options) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    let stop: (() => void) | undefined;
    box.addEventListener('change', () => {
      stop?.();
      stop = box.checked ? start() : undefined;
    });
    label.append(box, ` ${text}`);
    tools.append(label);
  }
  (document.querySelector('.app-bar') ?? document.body).append(tools);
}

/**
 * The visitor joins the seeded roster (team Engineering) through `PATCH /v1/audience`, as a vendor
 * would, so their own practice counts in the report and the roster history records when they came.
 */
async function joinRoster(): Promise<void> {
  const response = await fetch(`${apiBase}/v1/audience`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await demoToken('admin')}` },
    body: JSON.stringify({
      add: [{ user: demoUser(), team: 'Engineering', accessAt: new Date().toISOString() }],
    }),
  });
  if (response.ok) return;
  // A later visit in this browser: the in-tab store kept the visitor from the first.
  const body = (await response.json().catch(() => ({}))) as { error?: { details?: { message: string }[] } };
  const details = body.error?.details ?? [];
  if (
    response.status === 422 &&
    details.length &&
    details.every((d) => d.message.includes('already on the roster'))
  )
    return;
  throw new Error(`joining the demo roster answered ${response.status}`);
}

let booted: Promise<void> | undefined;

/** Starts the in-tab service in preview mode, then configures every element on the page. */
export function boot(options: { scope?: 'practice' | 'admin' } = {}): Promise<void> {
  return (booted ??= (async () => {
    if (PREVIEW) {
      // Loaded only in preview builds: the live demo never ships PGlite or msw.
      const { startInflowWorker } = await import('@inflow/mocks/browser');
      const { service } = await startInflowWorker({
        apiBase,
        dataDir: 'idb://inflow-demo',
        seed: true,
        workerUrl: new URL('mockServiceWorker.js', document.baseURI).pathname,
      });
      await joinRoster();
      showPreviewBadge();
      showFaultSwitches(service.faults);
      // For the curious (and the static demo's test): the in-tab service, e.g.
      // `await inflowPreview.eventCounts()` in the console. Preview builds only.
      (window as unknown as { inflowPreview?: typeof service }).inflowPreview = service;
    }
    const scope = options.scope ?? 'practice';
    configure({ apiBase, fetchToken: () => demoToken(scope) });
    document.documentElement.dataset.inflowReady = 'true';
  })());
}
