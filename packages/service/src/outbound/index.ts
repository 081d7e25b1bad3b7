/** The kinds the outbound worker delivers (docs/integrations.md). */
import { NUDGE_KIND, nudgeKind } from '../nudges/kind.js';
import type { KindRegistry } from './kinds.js';
import { ACTIVATION_KIND, activationWebhook } from './webhooks.js';
import { XAPI_KIND, xapiKind } from './xapi.js';

export const OUTBOUND_KINDS: KindRegistry = {
  [ACTIVATION_KIND]: activationWebhook,
  [NUDGE_KIND]: nudgeKind,
  [XAPI_KIND]: xapiKind,
};
