/**
 * `/inflow.js`: every Inflow element in one ES module, for pages that add Inflow with a single
 * `<script type="module">` (the configurator's snippet). Built with the demo and served by the
 * service; vendors who bundle use `@inflow/elements` from npm instead.
 */
import '@inflow/elements/define/launcher';
import '@inflow/elements/define/practice';
import '@inflow/elements/define/nudge';
import '@inflow/elements/define/activation-report';

export { configure } from '@inflow/elements';
