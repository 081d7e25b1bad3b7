// React 19 host: the vendor's bundler (Vite) bundles @inflow/elements from npm; React 19 sets
// properties on custom elements and attaches `on<event-name>` props as DOM event listeners, so
// no wrapper is needed (docs/hosts.md).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@inflow/elements/define/launcher';
import { App } from './App.tsx';

const { apiBase } = (await (await fetch('/inflow-config')).json()) as { apiBase: string };
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App apiBase={apiBase} />
  </StrictMode>,
);
