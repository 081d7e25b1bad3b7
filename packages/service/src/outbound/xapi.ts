/**
 * xAPI statements to a tenant's Learning Record Store (docs/integrations.md, "xAPI"). One statement
 * per step of a practice, with the cmi5 verbs (ADL verb IRIs): launched at session start,
 * initialized at the first user turn, then completed, passed or failed against the scenario's
 * `passThreshold`, and terminated, when the session completes or is abandoned (abandoned.ts).
 * Each is one queued job (kind `xapi`) with a deterministic statement id (UUID v5 of the session
 * id and verb), so a redelivery is idempotent at the LRS, and each waits for the one before it.
 *
 * Privacy (docs/design.md §4): the actor is only the token's pseudonymous `sub` as an xAPI
 * `account`, never a name or an e-mail address; no transcript text; a score only in the user's
 * own passed/failed statement. Statements are built by hand (see docs/integrations.md for why not
 * @xapi/xapi) and checked against the specification before they are queued (xapi-validate.ts).
 */
import type { AuthInfo } from '../context.js';
import type { SessionRow, StoredFeedback } from '../store/store.js';
import { NotConfiguredError, type KindHandler } from './kinds.js';
import type { LrsConfig } from './lrs-config.js';
import { enqueue, type Queryable } from './queue.js';
import { assertValidStatement } from './xapi-validate.js';

export const XAPI_KIND = 'xapi';
export const XAPI_VERSION = '1.0.3';
export const XAPI_VERBS = ['launched', 'initialized', 'completed', 'passed', 'failed', 'terminated'] as const;
export type XapiVerb = (typeof XAPI_VERBS)[number];

// A fixed namespace for statement ids (RFC 9562 §5.5): the same session and verb give the same id.
const NAMESPACE = 'b1a6f3c2-58d4-4c7e-9f0a-3e2d1c4b5a69';

/** RFC 9562 UUID version 5 (SHA-1, WebCrypto: the service also runs in a browser under mocks). */
export async function uuidV5(name: string, namespace = NAMESPACE): Promise<string> {
  const ns = namespace
    .replace(/-/g, '')
    .match(/../g)!
    .map((h) => parseInt(h, 16));
  const bytes = new Uint8Array([...ns, ...new TextEncoder().encode(name)]);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes)).slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = [...hash].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The subset of an xAPI 1.0.3 Statement we send. */
export interface Statement {
  id: string;
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
  verb: { id: string; display: { 'en-US': XapiVerb } };
  object: {
    objectType: 'Activity';
    id: string;
    definition: { type: string; name: { 'en-US': string } };
  };
  result?: {
    completion?: boolean;
    success?: boolean;
    duration?: string;
    score?: { scaled: number; raw: number; min: number; max: number };
  };
  context: { registration: string; platform: string; extensions?: Record<string, unknown> };
  timestamp: string;
}

const base = (iri: string) => iri.replace(/\/+$/, '');

/** ISO 8601 duration in seconds (xAPI `result.duration`), e.g. `PT754.2S`. */
function duration(fromMs: number, toMs: number): string {
  return `PT${Math.max(0, Math.round((toMs - fromMs) / 100) / 10)}S`;
}

export async function buildStatement(
  lrs: LrsConfig,
  row: SessionRow,
  verb: XapiVerb,
  at: Date,
  feedback?: StoredFeedback,
): Promise<Statement> {
  const statement: Statement = {
    id: await uuidV5(`${row.id}:${verb}`),
    actor: {
      objectType: 'Agent',
      account: { homePage: lrs.homePage ?? lrs.activityIriBase, name: row.user },
    },
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
    object: {
      objectType: 'Activity',
      id: `${base(lrs.activityIriBase)}/scenarios/${encodeURIComponent(row.scenario)}`,
      definition: {
        type: 'http://adlnet.gov/expapi/activities/simulation',
        name: { 'en-US': row.scenario },
      },
    },
    context: { registration: row.id, platform: 'Inflow' },
    timestamp: at.toISOString(),
  };
  const started = new Date(row.created_at).getTime();
  if (verb === 'completed')
    statement.result = { completion: true, duration: duration(started, at.getTime()) };
  if ((verb === 'passed' || verb === 'failed') && feedback) {
    const raw = feedback.scores.reduce((n, s) => n + s.score, 0);
    const max = feedback.scores.reduce((n, s) => n + s.max, 0);
    statement.result = {
      success: verb === 'passed',
      completion: true,
      ...(max > 0 ? { score: { scaled: Math.min(1, Math.max(0, raw / max)), raw, min: 0, max } } : {}),
    };
  }
  if (verb === 'terminated') statement.result = { duration: duration(started, at.getTime()) };
  return statement;
}

const key = (row: SessionRow, verb: XapiVerb) => `xapi:${row.id}:${verb}`;

/** Queues one statement for the tenant's LRS (none without one), after `after`'s statement. */
export async function queueStatement(
  db: Queryable,
  auth: Pick<AuthInfo, 'tenantId' | 'tenant'>,
  row: SessionRow,
  verb: XapiVerb,
  after: XapiVerb | undefined,
  at: Date,
  feedback?: StoredFeedback,
): Promise<void> {
  const lrs = auth.tenant.lrs;
  if (!lrs) return;
  const statement = await buildStatement(lrs, row, verb, at, feedback);
  assertValidStatement(statement, verb);
  await enqueue(
    db,
    {
      tenant: auth.tenantId,
      kind: XAPI_KIND,
      payload: statement,
      idempotencyKey: key(row, verb),
      ...(after ? { after: key(row, after) } : {}),
    },
    at,
  );
}

export const xapiSessionStarted = (
  db: Queryable,
  auth: Pick<AuthInfo, 'tenantId' | 'tenant'>,
  row: SessionRow,
  at: Date,
) => queueStatement(db, auth, row, 'launched', undefined, at);

export const xapiFirstTurn = (
  db: Queryable,
  auth: Pick<AuthInfo, 'tenantId' | 'tenant'>,
  row: SessionRow,
  at: Date,
) => queueStatement(db, auth, row, 'initialized', 'launched', at);

/** completed, passed|failed, terminated, in that order (and after initialized, if there was a turn). */
export async function xapiSessionCompleted(
  db: Queryable,
  auth: Pick<AuthInfo, 'tenantId' | 'tenant'>,
  row: SessionRow,
  feedback: StoredFeedback,
  at: Date,
): Promise<void> {
  const outcome = feedback.passed ? 'passed' : 'failed';
  await queueStatement(db, auth, row, 'completed', row.user_turns > 0 ? 'initialized' : 'launched', at);
  await queueStatement(db, auth, row, outcome, 'completed', at, feedback);
  await queueStatement(db, auth, row, 'terminated', outcome, at);
}

/** POSTs the stored statement to `<endpoint>/statements` with the tenant's current credentials. */
export const xapiKind: KindHandler = {
  async build(job, tenant) {
    const lrs = tenant?.lrs;
    if (!lrs) throw new NotConfiguredError('lrs is not configured for this tenant');
    const basic = btoa(String.fromCharCode(...new TextEncoder().encode(`${lrs.username}:${lrs.password}`)));
    return {
      url: `${base(lrs.endpoint)}/statements`,
      headers: {
        'content-type': 'application/json',
        'x-experience-api-version': XAPI_VERSION,
        authorization: `Basic ${basic}`,
      },
      body: JSON.stringify(job.payload),
    };
  },
};
