/** Registers `<inflow-activation-report>` if the tag is free (see core/define.ts). */
import { InflowActivationReport } from '../activation-report/activation-report.js';
import { defineElement } from '../core/define.js';

defineElement('inflow-activation-report', InflowActivationReport);

declare global {
  interface HTMLElementTagNameMap {
    'inflow-activation-report': InflowActivationReport;
  }
}
