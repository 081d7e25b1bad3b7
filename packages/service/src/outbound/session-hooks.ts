/**
 * What a session's steps queue for delivery (docs/integrations.md): xAPI statements and activation
 * webhooks, each under the tenant's current integration settings (settings-store.ts). The
 * sessions routes call these with the transaction of the write that causes them, so the session's
 * row and its deliveries commit together or not at all.
 */
import type { AuthInfo } from '../context.js';
import type { SessionRow, StoredFeedback } from '../store/store.js';
import type { Queryable } from './queue.js';
import { withIntegrations } from './settings-store.js';
import { webhookSessionCompleted, webhookSessionStarted, webhookTurnStored } from './webhooks.js';
import { xapiFirstTurn, xapiSessionCompleted, xapiSessionStarted } from './xapi.js';

type Caller = Pick<AuthInfo, 'tenantId' | 'tenant'>;

const configured = async (db: Queryable, auth: Caller): Promise<Caller> => ({
  tenantId: auth.tenantId,
  tenant: await withIntegrations(db, auth.tenant),
});

export async function queueSessionStarted(db: Queryable, auth: Caller, row: SessionRow): Promise<void> {
  const caller = await configured(db, auth);
  const at = new Date(row.created_at);
  await xapiSessionStarted(db, caller, row, at);
  await webhookSessionStarted(db, caller, row, at);
}

export async function queueTurnStored(
  db: Queryable,
  auth: Caller,
  row: SessionRow,
  userTurns: number,
  at: Date,
): Promise<void> {
  const caller = await configured(db, auth);
  if (userTurns === 1) await xapiFirstTurn(db, caller, row, at);
  await webhookTurnStored(db, caller, row, userTurns, at);
}

export async function queueSessionCompleted(
  db: Queryable,
  auth: Caller,
  row: SessionRow,
  feedback: StoredFeedback,
  at: Date,
): Promise<void> {
  const caller = await configured(db, auth);
  await webhookSessionCompleted(db, caller, row, feedback, at);
  await xapiSessionCompleted(db, caller, row, feedback, at);
}
