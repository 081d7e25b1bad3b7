/**
 * A tenant's activation-webhook settings (docs/integrations.md). Its own file with no imports:
 * tenants.ts reads the type, and the webhook code reads tenants.ts.
 */
export const ACTIVATION_EVENTS = [
  'session.started',
  'session.first_interaction',
  'session.meaningful',
  'session.completed',
  'session.passed',
] as const;
export type ActivationEventType = (typeof ACTIVATION_EVENTS)[number];

/**
 * Sent when `events` is absent: all but `session.passed`, which says how a person did, so a
 * tenant asks for it by name (HR never sees a person's scores by default, docs/design.md §4).
 */
export const DEFAULT_ACTIVATION_EVENTS: readonly ActivationEventType[] = ACTIVATION_EVENTS.filter(
  (t) => t !== 'session.passed',
);

export interface ActivationWebhookConfig {
  /** The receiver; a secret like the nudge channels' URLs (never logged). */
  url: string;
  /** `whsec_` + base64 of at least 16 random bytes. */
  secret: string;
  /** Event types to send; absent = DEFAULT_ACTIVATION_EVENTS. */
  events?: ActivationEventType[];
}
