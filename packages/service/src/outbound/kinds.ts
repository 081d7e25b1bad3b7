/**
 * What the worker can deliver: one handler per job kind builds the HTTP request of an attempt
 * from the stored payload and the tenant's current configuration, so receiver URLs and secrets
 * stay in configuration and never in the database.
 */
import type { OutgoingRequest } from '../nudges/channels.js';
import type { TenantConfig } from '../tenants.js';
import type { LeasedJob, Queryable } from './queue.js';

export interface KindHandler {
  /** Called per attempt: a signature covers the attempt's own timestamp. */
  build(job: LeasedJob, tenant: TenantConfig | undefined, nowMs: number): Promise<OutgoingRequest>;
  /**
   * Called before each attempt: a reason not to send the job at all (it is then `skipped`, not
   * dead), e.g. a scheduled nudge to a user who practised meanwhile.
   */
  skip?(job: LeasedJob, tenant: TenantConfig | undefined, db: Queryable): Promise<string | undefined>;
  /** A reason when a 2xx answer's body reports a failure worth retrying (a receiver's quirk). */
  hiddenFailure?(job: LeasedJob, bodyText: string): string | undefined;
}

export type KindRegistry = Record<string, KindHandler>;

/** The tenant no longer configures where this kind goes: the job is dead with this reason. */
export class NotConfiguredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotConfiguredError';
  }
}
