// Type tests for the Svelte 5 declarations: SvelteHTMLElements carries each tag's attributes.
import type { SvelteHTMLElements } from 'svelte/elements';
import type {} from '@inflow/elements/frameworks/svelte';

export const ok: SvelteHTMLElements['inflow-launcher'] = {
  scenario: 'underperformance',
  'api-base': 'https://inflow.example.com',
  'context-role': 'Senior engineer',
  'oninflow-complete': (event) => event.feedback.nextStep,
};
// @ts-expect-error — `variant` is 'button' | 'link' | 'icon'.
export const badVariant: SvelteHTMLElements['inflow-launcher'] = { variant: 'huge' };
