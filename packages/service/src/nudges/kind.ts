/**
 * The outbound queue's `nudge` kind (docs/nudges.md): the job stores the channel and the message
 * (the deep link, the text), never the channel's URL or secret; each attempt builds the vendor's
 * payload from the tenant's current channel configuration, so a rotated secret applies at once.
 */
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
}

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
  hiddenFailure: (job, text) => hiddenFailure((job.payload as NudgeJob).channel, text),
};
