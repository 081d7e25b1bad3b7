import { useCallback, useState } from 'react';
import type { InflowCompleteEvent } from '@inflow/elements';
// Typed JSX for <inflow-*> (attributes, properties and events), generated from the manifest.
import type {} from '@inflow/elements/frameworks/react';

// The vendor backend mints embed tokens; a function can only travel as a property, which React 19
// sets because `fetchToken` is a property of the element.
const fetchToken = async () => ((await (await fetch('/token')).json()) as { token: string }).token;

export function App({ apiBase }: { apiBase: string }) {
  const [events, setEvents] = useState<string[]>([]);
  const [completedSession, setCompletedSession] = useState<string>('');
  const record = useCallback((event: Event) => setEvents((list) => [...list, event.type]), []);
  const complete = useCallback(
    (event: InflowCompleteEvent) => {
      record(event);
      setCompletedSession(event.sessionId);
    },
    [record],
  );
  return (
    <main>
      <h1>Performance review: Sam Lee</h1>
      <p>Two sprint deliveries slipped this quarter. Prepare the conversation before you write the review.</p>
      <inflow-launcher
        scenario="underperformance"
        label="Practise this conversation"
        apiBase={apiBase}
        fetchToken={fetchToken}
        context-role="Senior engineer"
        oninflow-open={record}
        oninflow-session-start={record}
        oninflow-first-interaction={record}
        oninflow-complete={complete}
        oninflow-error={record}
      />
      <h2>Inflow events</h2>
      <ol id="inflow-events">
        {events.map((type, i) => (
          <li key={i}>{type}</li>
        ))}
      </ol>
      <p id="completed-session">{completedSession}</p>
    </main>
  );
}
