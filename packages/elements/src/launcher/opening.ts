/**
 * What a launcher's opening starts in parallel (docs/design.md §8): the panel chunk and the session
 * request, so the first coach line does not wait for one after the other.
 */
import type { CreateSessionRequest, Session } from '@inflow/contract';
import type { ElementsClient } from '../core/client-types.js';

export type PanelModule = typeof import('./panel.js');
let panelChunk: Promise<PanelModule> | undefined;

/** Loads the panel chunk once per page; hover, focus, idle and click all share the promise. */
export const loadPanel = (): Promise<PanelModule> => (panelChunk ??= import('./panel.js'));

/** Forgets a failed load, so the next opening fetches the chunk again. */
export function forgetPanel(): void {
  panelChunk = undefined;
}

/** Sends the session request; the practice reports its failure (no unhandled rejection here). */
export function requestSession(
  client: ElementsClient,
  { context, ...request }: Omit<CreateSessionRequest, 'context'> & { context: Record<string, string> },
): Promise<Session> {
  const pending = client.createSession({ ...request, ...(Object.keys(context).length ? { context } : {}) });
  pending.catch(() => undefined);
  return pending;
}
