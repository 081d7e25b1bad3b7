// Client entry for the server-rendered page. The launcher in the server HTML is defined only once
// React has hydrated (an effect runs after the hydration commit): an element that upgrades first
// reflects default attributes (variant, theme), and React would report a hydration mismatch.
import { StrictMode, useEffect, type ReactNode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { configure } from '@inflow/elements';
import { App } from './App.tsx';
import { SsrApp } from './SsrApp.tsx';

function DefineAfterHydration({ children }: { children: ReactNode }) {
  useEffect(() => {
    void import('@inflow/elements/define/launcher');
  }, []);
  return children;
}

const root = document.getElementById('root')!;
const Screen = root.dataset.variant === 'recipe' ? SsrApp : App;
// Functions cannot come from the server's HTML: the page-level token source.
configure({ fetchToken: async () => ((await (await fetch('/token')).json()) as { token: string }).token });
hydrateRoot(
  root,
  <StrictMode>
    <DefineAfterHydration>
      <Screen apiBase={root.dataset.apiBase ?? ''} />
    </DefineAfterHydration>
  </StrictMode>,
  { onRecoverableError: (error) => console.error('hydration:', error) },
);
