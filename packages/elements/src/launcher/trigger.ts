/**
 * The launcher's own surface, before any panel code loads: the trigger button's template, and the
 * check of its scenario against the tenant's list that runs ahead of a click.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { errorCode, isFatal, type ElementsClient } from '../core/client-types.js';
import { scenarioList } from '../core/scenarios.js';

const ICON = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z"/></svg>`;

interface TriggerHost {
  readonly variant: 'button' | 'link' | 'icon';
  readonly open: boolean;
  readonly effectiveLabel: string;
  readonly disabledReason: string | undefined;
  /** Whether the panel was created (the button then controls it). */
  readonly panel: unknown;
}

/** What the launcher's trigger does: open or close the panel, and prefetch its code. */
export interface TriggerActions {
  toggle(): void;
  prefetch(): void;
}

/**
 * The page's own `<button>` inside the launcher (docs/hosts.md), listened to as the trigger: it
 * holds the launcher's box before any script runs. Null when the markup has none.
 */
export function adoptButton(host: HTMLElement, on: TriggerActions): HTMLButtonElement | null {
  const own = host.querySelector<HTMLButtonElement>(':scope>button');
  own?.addEventListener('click', on.toggle);
  own?.addEventListener('pointerenter', on.prefetch);
  own?.addEventListener('focus', on.prefetch);
  return own;
}

/**
 * The launcher button (or link, or icon): opens and closes the panel, prefetches on hover and focus.
 * With `own`, the page's own button (the launcher listens to it) gets the same states and shows
 * through a slot, keeping the box it had before the script ran.
 */
export function triggerView(
  host: TriggerHost,
  own: HTMLButtonElement | null | undefined,
  on: TriggerActions,
): TemplateResult {
  if (own) {
    own.type = 'button';
    own.ariaHasPopup = 'dialog';
    own.ariaExpanded = `${host.open}`;
    own.disabled = Boolean(host.disabledReason) && !host.open;
    return html`<slot></slot>`;
  }
  const label = host.effectiveLabel;
  return html`<button
    class="trigger ${host.variant}"
    part="base"
    type="button"
    aria-haspopup="dialog"
    aria-expanded=${host.open ? 'true' : 'false'}
    aria-controls=${host.panel ? 'panel' : nothing}
    aria-label=${host.variant === 'icon' ? label : nothing}
    title=${host.variant === 'icon' ? label : nothing}
    ?disabled=${Boolean(host.disabledReason) && !host.open}
    @click=${on.toggle}
    @pointerenter=${on.prefetch}
    @focus=${on.prefetch}
  >
    ${host.variant === 'icon' ? html`<span part="icon">${ICON}</span>` : label}
  </button>`;
}

/**
 * Why the scenario cannot open, found before anyone clicks: `unknown_scenario` when the tenant
 * does not list it, or a configuration error code (a rejected token) from the list call. A network
 * blip gives undefined: it must not disable (the click retries).
 */
export async function scenarioProblem(client: ElementsClient, scenario: string): Promise<string | undefined> {
  try {
    const list = await scenarioList(client);
    return list.scenarios.some((s) => s.id === scenario) ? undefined : 'unknown_scenario';
  } catch (error) {
    const code = errorCode(error);
    return isFatal(code) ? code : undefined;
  }
}
