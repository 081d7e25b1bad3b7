/**
 * Whose nudge memory this is. Snooze, dismiss and the frequency cap are remembered per user and
 * scenario, so two managers sharing a browser do not silence each other's nudges.
 *
 * The user is the `user` attribute when the page sets it, else the `sub` claim of the embed token
 * the elements already use (read, not verified: it only keys local storage), else "anonymous".
 */
import { decodeJwtPayload } from '@inflow/client/jwt';
import { resolveOptions, type ClientOptions } from '../core/config.js';

/** The `sub` claim (unverified), if the token has a non-empty one. */
export function tokenSubject(token: string | undefined): string | undefined {
  const sub = token ? decodeJwtPayload(token)?.sub : undefined;
  return typeof sub === 'string' && sub ? sub : undefined;
}

export async function resolveUser(attribute: string | undefined, own: ClientOptions): Promise<string> {
  if (attribute) return attribute;
  const { token, fetchToken } = resolveOptions(own);
  let sub = tokenSubject(token);
  if (!sub && fetchToken) {
    try {
      sub = tokenSubject(await fetchToken());
    } catch {
      // No token now: fall through to the shared key rather than never showing the nudge.
    }
  }
  return sub ?? 'anonymous';
}
