/**
 * The one check of every receiver URL a tenant configures (webhook, LRS, nudge channels), run
 * when the service starts (tenants.ts). A hosted service cannot reach a private, loopback,
 * link-local or unique-local address, and posting there is how a tenant config would reach the
 * operator's own network (SSRF); a plain-http receiver would carry signed events and Basic
 * credentials in clear. Both are refused unless the tenant sets `allowPrivateReceivers: true`
 * (tests, on-premises installs). Address literals only: a name is not resolved here
 * (docs/integrations.md, Receiver URLs). Its own file with no imports, like lrs-config.ts.
 */

/** Why `value` cannot be a receiver URL, or undefined. Never repeats the URL (a secret). */
export function receiverUrlProblem(value: unknown, allowPrivate: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return 'must be an absolute https URL';
  }
  if (allowPrivate)
    return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : 'must be an http(s) URL';
  if (url.protocol !== 'https:')
    return `must be an https URL (${url.protocol} refused; allowPrivateReceivers: true allows http)`;
  const range = privateRange(url.hostname);
  return range
    ? `points at ${range}, which the service must not post to (allowPrivateReceivers: true allows it)`
    : undefined;
}

/** The reserved range a host literal is in, or undefined for a public address or a name. */
function privateRange(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost (RFC 6761)';
  if (host.startsWith('[')) return ipv6Range(host.slice(1, -1));
  // WHATWG URL parsing already turned every IPv4 spelling (0x7f.1, 2130706433) into dotted decimal.
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  return v4 ? ipv4Range(Number(v4[1]), Number(v4[2])) : undefined;
}

function ipv4Range(a: number, b: number): string | undefined {
  if (a === 0) return 'an unspecified IPv4 address (0.0.0.0/8)';
  if (a === 127) return 'an IPv4 loopback address (127.0.0.0/8)';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168))
    return 'a private IPv4 address (RFC 1918)';
  if (a === 100 && b >= 64 && b <= 127) return 'a shared IPv4 address (100.64.0.0/10)';
  if (a === 169 && b === 254) return 'a link-local IPv4 address (169.254.0.0/16)';
  if (a >= 224) return 'a multicast or reserved IPv4 address (224.0.0.0/3)';
  return undefined;
}

/** `h` as URL serializes it: lowercase hex, `::` compressed, no dotted tail. */
function ipv6Range(h: string): string | undefined {
  const [head = '', tail] = h.split('::');
  const part = (s: string) => (s ? s.split(':').map((x) => parseInt(x, 16)) : []);
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const words = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  if (words.length !== 8 || words.some((w) => !Number.isInteger(w))) return 'an unparsable IPv6 address';
  const [w0 = 0, , , , , w5 = 0, w6 = 0, w7 = 0] = words;
  const zero = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  if (zero(0, 7) && w7 === 0) return 'the unspecified IPv6 address (::)';
  if (zero(0, 7) && w7 === 1) return 'the IPv6 loopback address (::1)';
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach the IPv4 inside.
  if ((zero(0, 5) && w5 === 0xffff) || (w0 === 0x64 && words[1] === 0xff9b && zero(2, 6)))
    return ipv4Range(w6 >> 8, w6 & 0xff);
  if ((w0 & 0xffc0) === 0xfe80) return 'a link-local IPv6 address (fe80::/10)';
  if ((w0 & 0xffc0) === 0xfec0) return 'a site-local IPv6 address (fec0::/10)';
  if ((w0 & 0xfe00) === 0xfc00) return 'a unique-local IPv6 address (fc00::/7)';
  if ((w0 & 0xff00) === 0xff00) return 'a multicast IPv6 address (ff00::/8)';
  return undefined;
}
