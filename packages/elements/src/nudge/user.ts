/**
 * Whose nudge memory this is. Snooze, dismiss and the frequency cap are remembered per user and
 * scenario, so two managers sharing a browser do not silence each other's nudges.
 *
 * The user is the `user` attribute when the page sets it, else the `sub` claim of the embed token
 * the elements already use (read, not verified: it only keys local storage), else "anonymous".
 */
import { resolveOptions, type ClientOptions } from '../core/config.js';

export function tokenSubject(token: string | undefined): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    // atob yields one char per byte; the claims are UTF-8 (a `sub` may hold any Unicode).
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' && sub ? sub : undefined;
  } catch {
    return undefined;
  }
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
