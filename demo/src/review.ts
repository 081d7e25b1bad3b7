// The mock performance-review screen: one launcher next to the review form. The page is served
// by the service itself (`npm start`), so the API is on the same origin and a development token
// comes from the service's demo-only token endpoint. A vendor's real page would call its own
// backend here, which signs the embed token with the tenant secret.
import { configure } from '@inflow/elements';
import '@inflow/elements/define/launcher';
import '@inflow/elements/define/nudge';

/** A pseudonymous id per browser, so each visitor of the demo counts as one audience member. */
function demoUser(): string {
  const key = 'inflow-demo-user';
  let user = localStorage.getItem(key);
  if (!user) {
    user = `demo-${crypto.randomUUID().slice(0, 8)}`;
    localStorage.setItem(key, user);
  }
  return user;
}

configure({
  apiBase: location.origin,
  fetchToken: async () => {
    const response = await fetch('/demo/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: demoUser(), team: 'Engineering' }),
    });
    if (!response.ok) throw new Error(`demo token endpoint answered ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  },
});

// The review is due in two days (the subject line says so), so the nudge beside the text area is
// within its lead window and shows when the reviewer starts writing.
document.getElementById('review-nudge')?.setAttribute('due-at', new Date(Date.now() + 2 * 86_400_000).toISOString());
