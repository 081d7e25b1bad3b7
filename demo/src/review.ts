// The mock performance-review screen: one launcher next to the review form. The page is served
// by the service itself, so the API is on the same origin and a development token comes from
// the service's demo-only token endpoint.
import { configure } from '@inflow/elements';
import '@inflow/elements/define/launcher';

configure({
  apiBase: location.origin,
  fetchToken: async () => {
    const response = await fetch('/demo/token', { method: 'POST' });
    if (!response.ok) throw new Error(`demo token endpoint answered ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  },
});
