/** Helpers for element tests that run against the real service (see inflow-service-plugin.mjs). */
export interface TestConfig {
  apiBase: string;
}

let config: Promise<TestConfig> | undefined;

/** Where the test service listens. */
export function testService(): Promise<TestConfig> {
  return (config ??= fetch('/__inflow-test-config').then((r) => r.json() as Promise<TestConfig>));
}

let users = 0;
export const newUser = () => `wtr-${Date.now()}-${++users}`;
/** A fresh demo-tenant embed token for a user of its own (so tests do not see each other's data). */
export async function demoToken(
  apiBase: string,
  user = newUser(),
  scope: 'practice' | 'admin' = 'practice',
): Promise<string> {
  const response = await fetch(`${apiBase}/demo/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, scope }),
  });
  if (!response.ok) throw new Error(`demo token: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export async function expiredToken(apiBase: string): Promise<string> {
  return ((await (await fetch(`${apiBase}/__test/expired-token`)).json()) as { token: string }).token;
}

export interface StoredEvent {
  id: string;
  name: string;
  session_id: string | null;
  scenario: string | null;
  source: string | null;
  props: Record<string, unknown> | null;
}

/** A user's activation events as the service stored them. */
export async function storedEvents(apiBase: string, user: string): Promise<StoredEvent[]> {
  const response = await fetch(`${apiBase}/__test/events?user=${encodeURIComponent(user)}`);
  return (await response.json()) as StoredEvent[];
}

/** `{ open: 1, session_start: 1, … }` of a user's stored events. */
export async function eventCounts(apiBase: string, user: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const e of await storedEvents(apiBase, user)) counts[e.name] = (counts[e.name] ?? 0) + 1;
  return counts;
}

/** Polls `check` until it returns a truthy value (deliveries are asynchronous). */
export async function until<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 8000,
): Promise<NonNullable<T>> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface StoredSession {
  id: string;
  user: string;
  scenario: string;
  source: string;
}

/** Practice sessions as the service stored them, optionally for one user. */
export async function storedSessions(apiBase: string, user?: string): Promise<StoredSession[]> {
  const response = await fetch(
    `${apiBase}/__test/sessions${user ? `?user=${encodeURIComponent(user)}` : ''}`,
  );
  return (await response.json()) as StoredSession[];
}
