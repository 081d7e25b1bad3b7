// Server entry (what a Next.js page or any React SSR server runs in Node): importing the define
// file and the React components in Node must not crash; the launcher is rendered as markup.
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import '@inflow/elements/define/launcher';
import { App } from './App.tsx';
import { SsrApp } from './SsrApp.tsx';

export function render(apiBase: string, variant: 'native' | 'recipe'): string {
  const Screen = variant === 'recipe' ? SsrApp : App;
  return renderToString(
    <StrictMode>
      <Screen apiBase={apiBase} />
    </StrictMode>,
  );
}
