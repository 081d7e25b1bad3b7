/**
 * What a launcher's opening starts in parallel (docs/design.md §8): the panel chunk and the session
 * request, so the first coach line does not wait for one after the other.
 */
import type { CreateSessionRequest, Session } from '@inflow/contract';
import { errorCode, type ElementsClient } from '../core/client-types.js';
import { describeApiError } from '../core/validate.js';
import { InflowErrorEvent } from '../events/error-event.js';
import type { PanelController, PanelOpening } from './panel.js';
import type { PanelHost } from './panel-host.js';

export type PanelModule = typeof import('./panel.js');
let panelChunk: Promise<PanelModule> | undefined;

/** Loads the panel chunk once per page; hover, focus, idle and click all share the promise. */
export const loadPanel = (): Promise<PanelModule> => (panelChunk ??= import('./panel.js'));

/** Sends the session request; the practice reports its failure (no unhandled rejection here). */
export function requestSession(
  client: ElementsClient,
  { context, ...request }: Omit<CreateSessionRequest, 'context'> & { context: Record<string, string> },
): Promise<Session> {
  const pending = client.createSession({ ...request, ...(Object.keys(context).length ? { context } : {}) });
  pending.catch(() => undefined);
  return pending;
}

/** The launcher as an opening sees it, typed by shape (this file never imports launcher.ts). */
export interface OpeningHost extends PanelHost {
  /** The panel, created by the first opening that loaded its chunk. */
  panel: PanelController | undefined;
}

/**
 * Shows the practice of a launcher that has just opened, once both the panel chunk and `started`
 * (the client, and the session request unless a practice is kept) are in. A failed load closes
 * the launcher with a non-fatal `inflow-error` and is forgotten, so the next opening fetches again.
 */
export async function showPanel(
  host: OpeningHost,
  started: Promise<Pick<PanelOpening, 'client' | 'pending'>>,
  opening: Pick<PanelOpening, 'context' | 'source'>,
): Promise<void> {
  let panel: PanelModule;
  let session: Awaited<typeof started>;
  try {
    [panel, session] = await Promise.all([loadPanel(), started]);
  } catch (error) {
    panelChunk = undefined;
    const code = errorCode(error);
    console.warn(`[inflow] could not load the practice: ${String(error)}`);
    host.dispatchEvent(
      new InflowErrorEvent(code, describeApiError('inflow-launcher', host.scenario, code), false),
    );
    host.hide('api');
    return;
  }
  if (!host.open) return;
  host.panel ??= new panel.PanelController(host);
  await host.panel.show({ ...session, ...opening });
}
