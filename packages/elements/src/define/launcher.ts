/** Registers `<inflow-launcher>` if the tag is free (see core/define.ts). */
import { defineElement } from '../core/define.js';
import { InflowLauncher } from '../launcher/launcher.js';

defineElement('inflow-launcher', InflowLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'inflow-launcher': InflowLauncher;
  }
}
