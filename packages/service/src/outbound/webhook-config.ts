/**
 * A tenant's activation-webhook settings (docs/integrations.md). Its own file with no imports:
 * tenants.ts reads the type, and the webhook code reads tenants.ts.
 */
export const ACTIVATION_EVENTS = ['session.completed'] as const;
export type ActivationEventType = (typeof ACTIVATION_EVENTS)[number];

export interface ActivationWebhookConfig {
  /** The receiver; a secret like the nudge channels' URLs (never logged). */
  url: string;
  /** `whsec_` + base64 of at least 16 random bytes. */
  secret: string;
  /** Event types to send; absent = all of ACTIVATION_EVENTS. */
  events?: ActivationEventType[];
}
