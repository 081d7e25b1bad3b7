/**
 * One click from nudge to practice. The nudge opens the page's launcher for the same scenario
 * (the `launcher` attribute names one by id; else the first `<inflow-launcher>` with that
 * scenario, preferring the nudge's own document or shadow root), with `source="nudge"` for that
 * opening only. A page without such a launcher gets one, inserted right after the nudge as a
 * quiet link, so the practice panel has an anchor and the user a way back to it later.
 */
import type { Source } from '@inflow/contract';

/** The launcher surface the nudge relies on (`InflowLauncher.show`). */
export interface LauncherLike extends HTMLElement {
  scenario: string;
  open: boolean;
  updateComplete: Promise<boolean>;
  show(options?: { source?: Source }): Promise<void>;
}

export interface OpenPracticeOptions {
  nudge: HTMLElement;
  scenario: string;
  launcherId: string | undefined;
  apiBase: string | undefined;
  token: string | undefined;
  fetchToken: (() => Promise<string>) | undefined;
}

export function findLauncher(
  nudge: HTMLElement,
  scenario: string,
  launcherId: string | undefined,
): LauncherLike | undefined {
  const root = nudge.getRootNode() as Document | ShadowRoot;
  if (launcherId) {
    const byId = root.getElementById?.(launcherId) ?? document.getElementById(launcherId);
    if (byId?.localName === 'inflow-launcher') return byId as LauncherLike;
    console.warn(
      `[inflow] <inflow-nudge launcher="${launcherId}"> names no <inflow-launcher>; looking one up by scenario.`,
    );
  }
  const selector = `inflow-launcher[scenario="${CSS.escape(scenario)}"]`;
  return (root.querySelector(selector) ?? document.querySelector(selector) ?? undefined) as
    LauncherLike | undefined;
}

export async function openPractice(options: OpenPracticeOptions): Promise<LauncherLike> {
  const { nudge, scenario } = options;
  let launcher = findLauncher(nudge, scenario, options.launcherId);
  if (!launcher) {
    launcher = document.createElement('inflow-launcher') as LauncherLike;
    launcher.setAttribute('scenario', scenario);
    launcher.setAttribute('variant', 'link');
    if (options.apiBase) launcher.setAttribute('api-base', options.apiBase);
    if (options.token) launcher.setAttribute('token', options.token);
    if (options.fetchToken)
      (launcher as LauncherLike & { fetchToken?: () => Promise<string> }).fetchToken = options.fetchToken;
    nudge.after(launcher);
  }
  await customElements.whenDefined('inflow-launcher');
  await launcher.updateComplete;
  if (!launcher.open) await launcher.show({ source: 'nudge' });
  return launcher;
}
