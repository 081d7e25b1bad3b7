/** Registers `<inflow-scenario-editor>` if the tag is free (see core/define.ts). */
import { defineElement } from '../core/define.js';
import { InflowScenarioEditor } from '../scenario-editor/scenario-editor.js';

defineElement('inflow-scenario-editor', InflowScenarioEditor);

declare global {
  interface HTMLElementTagNameMap {
    'inflow-scenario-editor': InflowScenarioEditor;
  }
}
