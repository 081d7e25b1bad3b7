// Type tests for the Vue 3 declarations: GlobalComponents carries each tag's props and handlers.
import type { GlobalComponents } from 'vue';
import type {} from '@inflow/elements/frameworks/vue';

type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

export const ok: Props<'inflow-launcher'> = {
  scenario: 'underperformance',
  variant: 'icon',
  onInflowComplete: (event) => event.feedback.nextStep,
  onInflowOpen: (event) => event.scenario,
};
// @ts-expect-error — `variant` is 'button' | 'link' | 'icon'.
export const badVariant: Props<'inflow-launcher'> = { variant: 'huge' };
// @ts-expect-error — the practice fires no `inflow-open` (the launcher does).
export const badEvent: Props<'inflow-practice'> = { onInflowOpen: () => undefined };
