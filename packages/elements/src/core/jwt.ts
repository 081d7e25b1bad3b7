import { decodeJwtPayload } from '@inflow/client/jwt';

/**
 * Reads the `exp` claim of an embed token without verifying it: the service verifies; the
 * element only wants to fail quietly and early on a token that is already expired (a stale
 * preview token pasted into a page) instead of after the user clicked.
 */
export function tokenExpiresAt(token: string): number | undefined {
  const exp = decodeJwtPayload(token)?.exp;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}

export function isTokenExpired(token: string, now = Date.now()): boolean {
  const at = tokenExpiresAt(token);
  return at !== undefined && at <= now;
}
