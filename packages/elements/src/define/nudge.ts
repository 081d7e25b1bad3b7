/**
 * Registers `<inflow-nudge>` if the tag is free (see core/define.ts). A nudge opens a practice
 * through `<inflow-launcher>`, so the launcher is registered too.
 */
import { defineElement } from '../core/define.js';
import { InflowNudge } from '../nudge/nudge.js';
import './launcher.js';

defineElement('inflow-nudge', InflowNudge);

declare global {
  interface HTMLElementTagNameMap {
    'inflow-nudge': InflowNudge;
  }
}
