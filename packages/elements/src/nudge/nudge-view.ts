/** The nudge callout's template: the message, "Practise now", "Later" and "Don't remind me". */
import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { closeIcon } from '../core/icons.js';

export interface CalloutActions {
  practise(): void;
  snooze(): void;
  dismiss(): void;
}

export function calloutView(open: boolean, on: CalloutActions): TemplateResult {
  return html`<div
    class="callout ${open ? 'open' : ''}"
    part="base"
    role="region"
    aria-label=${msg('Practice suggestion', { id: 'nudge.region' })}
    popover="manual"
  >
    <div class="message" part="message" aria-live="polite">
      ${
        open
          ? html`<slot
              >${msg('A conversation like this goes better rehearsed. Practise it with the AI coach first — it takes a few minutes.', { id: 'nudge.message' })}</slot
            >`
          : ''
      }
    </div>
    <div class="actions">
      <button class="practice" part="practice-button" type="button" @click=${on.practise}>
        ${msg('Practise now', { id: 'nudge.practice' })}
      </button>
      <button class="snooze" part="snooze-button" type="button" @click=${on.snooze}>
        ${msg('Later', { id: 'nudge.snooze' })}
      </button>
    </div>
    <button
      class="close"
      part="close-button"
      type="button"
      aria-label=${msg("Don't remind me again", { id: 'nudge.dismiss' })}
      title=${msg("Don't remind me again", { id: 'nudge.dismiss' })}
      @click=${on.dismiss}
    >
      ${closeIcon}
    </button>
    <div class="arrow" part="arrow"></div>
  </div>`;
}
