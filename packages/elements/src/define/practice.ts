/** Registers `<inflow-practice>` if the tag is free (see core/define.ts). */
import { defineElement } from '../core/define.js';
import { InflowPractice } from '../practice/practice.js';

defineElement('inflow-practice', InflowPractice);

declare global {
  interface HTMLElementTagNameMap {
    'inflow-practice': InflowPractice;
  }
}
