/**
 * The outbound queue's `nudge` kind (docs/nudges.md): the job stores the channel and the message
 * (the deep link, the text), never the channel's URL or secret; each attempt builds the vendor's
 * payload from the tenant's current channel configuration, so a rotated secret applies at once.
 */
import { activationSettings } from '../activation/settings.js';
import { NotConfiguredError, type KindHandler } from '../outbound/kinds.js';
import {
  buildRequest,
  ChannelNotConfiguredError,
  hiddenFailure,
  usableChannels,
  type NudgeChannel,
  type NudgeMessage,
} from './channels.js';

export const NUDGE_KIND = 'nudge';

export interface NudgeJob {
  channel: NudgeChannel;
  message: NudgeMessage;
  /** Skip at send time if the user practised the scenario since `message.createdAt`. */
  unlessPractised?: boolean;
}

/**
 * "Practised" = a meaningful session on the nudge's scenario since it was queued, by the
 * activation report's definition (docs/activation.md): completed since then, or started since
 * then with at least the tenant's `meaningfulTurns` user turns. A session started before the
 * nudge counts only once it is completed after it (the sessions table keeps no per-turn times).
 */
const PRACTISED_SQL = `
select 1 from sessions
 where tenant = $1 and "user" = $2 and scenario = $3
   and (completed_at >= $4::timestamptz or (created_at >= $4::timestamptz and user_turns >= $5::int))
 limit 1`;

export const nudgeKind: KindHandler = {
  async build(job, tenant, nowMs) {
    const { channel, message } = job.payload as NudgeJob;
    try {
      return await buildRequest(channel, usableChannels(tenant?.nudgeChannels), message, nowMs);
    } catch (error) {
      if (error instanceof ChannelNotConfiguredError) throw new NotConfiguredError(error.message);
      throw error;
    }
  },
  async skip(job, tenant, db) {
    const { message, unlessPractised } = job.payload as NudgeJob;
    if (!unlessPractised) return undefined;
    const { meaningfulTurns } = activationSettings(tenant);
    const rows = await db.query(PRACTISED_SQL, [
      job.tenant,
      message.user,
      message.scenario,
      message.createdAt,
      meaningfulTurns,
    ]);
    return rows.length > 0 ? 'practised since the nudge was scheduled (unlessPractised)' : undefined;
  },
  hiddenFailure: (job, text) => hiddenFailure((job.payload as NudgeJob).channel, text),
};
