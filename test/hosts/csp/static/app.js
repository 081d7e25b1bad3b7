// The vendor's own page script. The embed is one `<script type="module">` entry (/inflow/inflow.js,
// served from the vendor's origin, so `script-src 'self'` covers it and its lazy chunks).
import { configure } from '/inflow/inflow.js';

configure({
  apiBase: document.querySelector('meta[name="inflow-api-base"]')?.getAttribute('content') ?? '',
  // The vendor backend mints embed tokens; the page never holds a secret.
  fetchToken: async () => (await (await fetch('/token')).json()).token,
});

for (const type of [
  'inflow-open',
  'inflow-session-start',
  'inflow-first-interaction',
  'inflow-complete',
  'inflow-close',
  'inflow-error',
]) {
  document.addEventListener(type, () => {
    const item = document.createElement('li');
    item.textContent = type;
    document.getElementById('inflow-events')?.append(item);
  });
}
