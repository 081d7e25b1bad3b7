/**
 * Tenants: who may call the service, with which keys, and under which governance policy.
 * Configured by `INFLOW_TENANTS` (inline JSON or a path to a JSON file, read by the Node entry);
 * without it the service runs with the `demo` tenant only.
 */
import { LIMITS, SEGMENT_ID_PATTERN } from '@inflow/contract';
import type { JWK } from 'jose';
import { nudgeCapProblem, type NudgeCap } from './nudges/cap.js';
import type { NudgeChannelConfig } from './nudges/channels.js';
import { lrsConfigProblem, type LrsConfig } from './outbound/lrs-config.js';
import { receiverUrlProblem } from './outbound/receiver-url.js';
import type { ActivationWebhookConfig } from './outbound/webhook-config.js';

export interface TenantConfig {
  /** Tenant id = the `iss` claim of its embed tokens. */
  id: string;
  name?: string;
  /** HS256 shared secrets (more than one during a rotation). */
  secrets?: string[];
  /** ES256 public keys, inline JWKS (`{ keys: [...] }`). */
  jwks?: { keys: JWK[] };
  /** ES256 public keys fetched from the vendor (cached by jose). */
  jwksUrl?: string;
  /** Scenario ids enabled for this tenant; absent = all built-in scenarios. */
  scenarios?: string[];
  /**
   * Days to keep a completed session's transcript. 0 (the default) = the transcript is deleted
   * when the session completes; only scores and events remain.
   */
  transcriptRetentionDays?: number;
  /** AI-use disclosure shown in the practice brief. */
  disclosure?: string;
  /** User turns that make a session a meaningful interaction (default 3). */
  meaningfulTurns?: number;
  /** `false` forbids voice practice: the audio routes answer 403 `voice_disabled` (docs/voice.md). */
  voice?: boolean;
  /** Go / no-go thresholds for the activation report (read by src/activation). */
  goNoGo?: Record<string, number>;
  /**
   * Smallest group (team) the activation report shows on its own (default 5); smaller ones are
   * folded into "Other teams" or withheld (docs/activation.md, Small groups). An integer ≥ 1.
   */
  minGroupSize?: number;
  /**
   * The roster's segments (docs/activation.md, Segments): short ids the vendor computes, with the
   * labels the report shows, e.g. `[{ "id": "point-of-pain", "label": "Point-of-pain managers" }]`.
   */
  segments?: { id: string; label: string }[];
  /** The segment the pilot is judged on: the go / no-go decides on it (docs/activation.md). */
  focusSegment?: string;
  /** Where `POST /v1/nudges` may deliver for this tenant (the URLs are secrets). */
  nudgeChannels?: NudgeChannelConfig;
  /** At most `max` nudges per user due within `days` of one another (default 3 in 7; docs/nudges.md). */
  nudgeCap?: NudgeCap;
  /** Signed activation webhooks, delivered through the outbound queue (docs/integrations.md). */
  activationWebhook?: ActivationWebhookConfig;
  /** xAPI statements to the tenant's LRS, through the outbound queue (docs/integrations.md). */
  lrs?: LrsConfig;
  /**
   * Allow receiver URLs (webhook, LRS, nudge channels) on private, loopback, link-local or
   * unique-local addresses, and over plain http: for tests and on-premises installs only
   * (docs/integrations.md, Receiver URLs).
   */
  allowPrivateReceivers?: boolean;
}

export const DEFAULT_DISCLOSURE =
  'You are practising with an AI coach. Its replies are generated and may be wrong. ' +
  'Your words are used only to run this practice and score it; your employer sees activation counts, never what you wrote.';

/** Public development secret of the `demo` tenant. Never use it for real data. */
export const DEMO_SECRET = 'inflow-demo-secret-not-for-production-use-0001';

export const DEMO_TENANT: TenantConfig = {
  id: 'demo',
  name: 'Demo tenant',
  secrets: [DEMO_SECRET],
  transcriptRetentionDays: 0,
  disclosure: DEFAULT_DISCLOSURE,
  // The seeded cycle's segments (seed/generate.ts); the demo's go / no-go decides on the first.
  segments: [
    { id: 'point-of-pain', label: 'Point-of-pain managers' },
    { id: 'enthusiast', label: 'Enthusiasts' },
  ],
  focusSegment: 'point-of-pain',
};

export interface TenantRegistry {
  get(id: string): TenantConfig | undefined;
  list(): TenantConfig[];
}

export function tenantRegistry(tenants: TenantConfig[]): TenantRegistry {
  const byId = new Map<string, TenantConfig>();
  for (const t of tenants) {
    if (!t.id || typeof t.id !== 'string') throw new Error('tenant config: every tenant needs an "id"');
    if (!t.secrets?.length && !t.jwks && !t.jwksUrl) {
      throw new Error(`tenant config "${t.id}": needs "secrets" (HS256) or "jwks"/"jwksUrl" (ES256)`);
    }
    // HS256 needs at least 256 bits of key (RFC 7518 §3.2); shorter secrets are guessable.
    if (t.secrets?.some((x) => typeof x !== 'string' || x.length < 32)) {
      throw new Error(`tenant config "${t.id}": HS256 secrets must be at least 32 characters`);
    }
    // A typo here must not silently weaken the report's privacy rule: refuse to start.
    if (t.minGroupSize !== undefined && !(Number.isInteger(t.minGroupSize) && t.minGroupSize >= 1)) {
      throw new Error(`tenant config "${t.id}": minGroupSize must be an integer ≥ 1`);
    }
    if (t.voice !== undefined && typeof t.voice !== 'boolean') {
      throw new Error(`tenant config "${t.id}": voice must be true or false`);
    }
    const segments = t.segments === undefined ? undefined : segmentsProblem(t.segments);
    if (segments) throw new Error(`tenant config "${t.id}": ${segments}`);
    const lrs = t.lrs === undefined ? undefined : lrsConfigProblem(t.lrs);
    if (lrs) throw new Error(`tenant config "${t.id}": ${lrs}`);
    const cap = t.nudgeCap === undefined ? undefined : nudgeCapProblem(t.nudgeCap);
    if (cap) throw new Error(`tenant config "${t.id}": ${cap}`);
    const receiver = receiversProblem(t);
    if (receiver) throw new Error(`tenant config "${t.id}": ${receiver}`);
    if (byId.has(t.id)) throw new Error(`tenant config: duplicate tenant id "${t.id}"`);
    byId.set(t.id, t);
  }
  return { get: (id) => byId.get(id), list: () => [...byId.values()] };
}

/** Why a tenant's `segments` list is unusable, or undefined when it is fine. */
function segmentsProblem(list: unknown): string | undefined {
  if (!Array.isArray(list) || list.length > LIMITS.tenantSegments)
    return `segments must be a list of at most ${LIMITS.tenantSegments} {id, label}`;
  const ids = new Set<string>();
  for (const seg of list as { id?: unknown; label?: unknown }[]) {
    if (typeof seg?.id !== 'string' || !new RegExp(SEGMENT_ID_PATTERN).test(seg.id))
      return `segment id ${JSON.stringify(seg?.id)} must match ${SEGMENT_ID_PATTERN}`;
    if (typeof seg.label !== 'string' || seg.label.trim() === '' || seg.label.length > 80)
      return `segment "${seg.id}" needs a label of 1-80 characters`;
    if (ids.has(seg.id)) return `segment "${seg.id}" is defined twice`;
    ids.add(seg.id);
  }
  return undefined;
}

/** The first receiver URL that is unreachable by design (outbound/receiver-url.ts), or undefined. */
function receiversProblem(t: TenantConfig): string | undefined {
  if (t.allowPrivateReceivers !== undefined && typeof t.allowPrivateReceivers !== 'boolean')
    return 'allowPrivateReceivers must be true or false';
  const channels = t.nudgeChannels;
  const receivers: [string, unknown][] = [];
  if (t.activationWebhook) receivers.push(['activationWebhook.url', t.activationWebhook.url]);
  if (t.lrs) receivers.push(['lrs.endpoint', t.lrs.endpoint]);
  for (const name of ['slack', 'teams', 'webhook'] as const)
    if (channels?.[name]) receivers.push([`nudgeChannels.${name}.url`, channels[name].url]);
  for (const [field, url] of receivers) {
    const problem = receiverUrlProblem(url, t.allowPrivateReceivers === true);
    if (problem) return `${field} ${problem}`;
  }
  return undefined;
}

/** Parses the JSON of `INFLOW_TENANTS`: an array of tenants or `{ tenants: [...] }`. */
export function parseTenants(json: string): TenantConfig[] {
  const value = JSON.parse(json) as unknown;
  const list = Array.isArray(value) ? value : (value as { tenants?: unknown }).tenants;
  if (!Array.isArray(list))
    throw new Error('INFLOW_TENANTS: expected a JSON array of tenants or { "tenants": [...] }');
  return list as TenantConfig[];
}
