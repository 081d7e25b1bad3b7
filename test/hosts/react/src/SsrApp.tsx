// The React host written for server rendering. React 19 does not apply custom-element props when
// it hydrates server markup (react#35446): string attributes survive (the server wrote them), but
// function properties and `on<event>` listeners never reach a server-rendered element. So:
// strings as attributes (`api-base`, not `apiBase`), the token function through configure()
// (entry-hydrate.tsx), and listeners added in an effect on a ref.
import { useEffect, useRef, useState } from 'react';
import type { InflowLauncher } from '@inflow/elements';
import type {} from '@inflow/elements/frameworks/react';

const EVENTS = [
  'inflow-open',
  'inflow-session-start',
  'inflow-first-interaction',
  'inflow-complete',
  'inflow-error',
];

export function SsrApp({ apiBase }: { apiBase: string }) {
  const launcher = useRef<InflowLauncher>(null);
  const [events, setEvents] = useState<string[]>([]);
  useEffect(() => {
    const element = launcher.current!;
    const record = (event: Event) => setEvents((list) => [...list, event.type]);
    for (const type of EVENTS) element.addEventListener(type, record);
    return () => {
      for (const type of EVENTS) element.removeEventListener(type, record);
    };
  }, []);
  return (
    <main>
      <h1>Performance review: Sam Lee</h1>
      <inflow-launcher
        ref={launcher}
        scenario="underperformance"
        label="Practise this conversation"
        api-base={apiBase}
      />
      <h2>Inflow events</h2>
      <ol id="inflow-events">
        {events.map((type, i) => (
          <li key={i}>{type}</li>
        ))}
      </ol>
    </main>
  );
}
