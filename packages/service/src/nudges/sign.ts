/**
 * Signatures for the generic webhook channel, following the Standard Webhooks specification
 * (standardwebhooks.com) so receivers can verify with any of its libraries:
 *
 *   webhook-id:        the nudge id (stable across retries, so receivers can dedupe)
 *   webhook-timestamp: Unix seconds of this attempt
 *   webhook-signature: `v1,` + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`))
 *
 * The key is the base64 part of a `whsec_…` secret. WebCrypto only (no `node:crypto`), because the
 * service app must also run inside a browser under @inflow/mocks.
 */

const SECRET_PREFIX = 'whsec_';

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Decodes a `whsec_<base64>` secret (the prefix is optional). Throws on bad base64 or a short key. */
export function decodeSecret(secret: string): Uint8Array<ArrayBuffer> {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  let key: Uint8Array<ArrayBuffer>;
  try {
    key = base64ToBytes(encoded);
  } catch {
    throw new TypeError('webhook secret must be whsec_ followed by base64');
  }
  // The spec asks for 24–64 random bytes; refuse obviously weak keys rather than sign with them.
  if (key.length < 16) throw new TypeError('webhook secret is too short (need at least 16 bytes)');
  return key;
}

/** Makes a fresh `whsec_` secret of 32 random bytes (for `inflow` configuration and tests). */
export function generateSecret(): string {
  return SECRET_PREFIX + bytesToBase64(crypto.getRandomValues(new Uint8Array(32)));
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export async function signWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): Promise<SignedHeaders> {
  const key = await crypto.subtle.importKey(
    'raw',
    decodeSecret(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const timestamp = String(Math.floor(timestampSeconds));
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${bytesToBase64(new Uint8Array(mac))}`,
  };
}
