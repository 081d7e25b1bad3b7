/**
 * The launcher's lazy chunk: loaded on hover, focus or idle (and at the latest on click), so
 * the launcher entry stays small (docs/design.md §8). It renders the panel, registers
 * `<inflow-practice>` (with its markdown renderer), anchors the panel to the button
 * (panel-position.ts), and owns the open-state listeners (Escape, outside click, viewport width).
 */
import type { Session, Source } from '@inflow/contract';
import { msg } from '@lit/localize';
import { html, nothing, type ReactiveController } from 'lit';
import type { ElementsClient } from '../core/client-types.js';
import { closeIcon } from '../core/icons.js';
import { closeOnEscape, popLayer, pushLayer } from '../core/layers.js';
import '../define/practice.js';
import type { InflowErrorEvent } from '../events/error-event.js';
import type { PanelHost } from './panel-host.js';
import { PanelPositionController } from './panel-position.js';
import { panelStyles } from './panel.styles.js';

const NARROW = '(max-width: 640px)';

export interface PanelOpening {
  client: ElementsClient;
  /** The session request already in flight, unless a practice from an earlier opening is kept. */
  pending: Promise<Session> | undefined;
  context: Record<string, string>;
  source: Source;
}

export class PanelController implements ReactiveController {
  /** Whether a practice is mounted (it keeps its session across close and reopen). */
  hasPractice = false;
  private opening: PanelOpening | undefined;
  private sheet = false;
  private listeners: AbortController | undefined;

  private readonly position: PanelPositionController;

  constructor(private readonly host: PanelHost) {
    host.addController(this);
    this.position = new PanelPositionController(host, () => host.placement);
    const root = host.shadowRoot;
    if (root && panelStyles.styleSheet)
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, panelStyles.styleSheet];
  }

  private get element(): HTMLElement | null {
    return this.host.renderRoot.querySelector('.panel');
  }

  async show(opening: PanelOpening): Promise<void> {
    if (!this.hasPractice) this.opening = opening;
    this.hasPractice = true;
    this.sheet = matchMedia(NARROW).matches;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const panel = this.element;
    if (!panel || !this.host.open) return;
    panel.showPopover?.();
    pushLayer(this.host);
    this.listen();
    this.anchor();
    // Focus moves into the panel; the practice moves it on to the composer once it is ready.
    const practice = panel.querySelector('inflow-practice');
    if (practice && !practice.shadowRoot?.querySelector('[data-role]'))
      panel.querySelector<HTMLElement>('.close')?.focus();
    else practice?.focus();
  }

  hide(): void {
    this.position.stop();
    this.listeners?.abort();
    this.listeners = undefined;
    popLayer(this.host);
    const panel = this.element;
    if (panel?.matches(':popover-open')) panel.hidePopover();
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.hide();
  }

  /** Anchors the panel to the launcher button while open; a sheet covers the viewport instead. */
  private anchor(): void {
    this.position.stop();
    const reference = this.host.trigger;
    const panel = this.element;
    if (!reference || !panel) return;
    if (this.sheet) {
      for (const property of ['left', 'top', 'max-height']) panel.style.removeProperty(property);
      return;
    }
    this.position.start(reference, panel);
  }

  private listen(): void {
    // One AbortController for every document/window listener of this open state.
    this.listeners?.abort();
    const { signal } = (this.listeners = new AbortController());
    const host = this.host;
    document.addEventListener(
      'pointerdown',
      (event) => {
        if (!event.composedPath().includes(host)) host.hide('outside');
      },
      { capture: true, signal },
    );
    // Escape closes only the topmost Inflow layer, and not when something inside handled it.
    closeOnEscape(host, signal, () => host.hide('escape'));
    matchMedia(NARROW).addEventListener(
      'change',
      (e) => {
        this.sheet = e.matches;
        host.requestUpdate();
        void host.updateComplete.then(() => this.anchor());
      },
      { signal },
    );
  }

  private onPracticeError = (event: InflowErrorEvent): void => {
    if (event.fatal) this.host.disabledReason = event.code;
  };

  render() {
    const host = this.host;
    const o = this.opening;
    return html`<div
      id="panel"
      part="panel"
      class="panel ${host.open ? 'open' : ''} ${this.sheet ? 'sheet' : ''}"
      role="dialog"
      aria-labelledby="panel-title"
      popover="manual"
      @inflow-error=${this.onPracticeError}
    >
      <div class="header" part="header">
        <h2 id="panel-title">${host.effectiveLabel}</h2>
        <button
          class="close"
          part="close-button"
          aria-label=${msg('Close', { id: 'launcher.close' })}
          @click=${() => host.hide('button')}
        >
          ${closeIcon}
        </button>
      </div>
      <div class="body" part="body">
        ${
          o
            ? html`<inflow-practice
                .client=${o.client}
                .pendingSession=${this.takePending()}
                .context=${o.context}
                scenario=${host.scenario}
                source=${o.source}
                theme=${host.theme}
                locale=${host.locale ?? nothing}
                voice=${host.getAttribute('voice') ?? nothing}
                voice-provider=${host.getAttribute('voice-provider') ?? nothing}
                autostart
              ></inflow-practice>`
            : nothing
        }
      </div>
    </div>`;
  }

  private takePending(): Promise<Session> | undefined {
    const pending = this.opening?.pending;
    if (this.opening) this.opening = { ...this.opening, pending: undefined };
    return pending;
  }
}
