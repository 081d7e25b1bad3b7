/**
 * Reads a JWT's payload without verifying it (the service verifies): base64url with the padding
 * restored, the bytes decoded as UTF-8 (a `sub` may hold any Unicode). Undefined when the token
 * is not a JWT or its payload is not a JSON object. The one decoder of the client and the elements
 * (which import it as `@inflow/client/jwt`: through the package entry, a page's first script
 * would pull in the whole client).
 */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
