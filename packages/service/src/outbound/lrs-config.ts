/**
 * A tenant's LRS settings for xAPI statements (docs/integrations.md, "xAPI"). Its own file with no
 * imports: tenants.ts reads it to refuse a broken config at start-up, the xAPI code reads tenants.ts.
 */
export interface LrsConfig {
  /** The LRS's xAPI base, e.g. `https://lrs.example/xapi`; statements go to `<endpoint>/statements`. */
  endpoint: string;
  /** HTTP Basic credentials (a secret, like a webhook URL). */
  username: string;
  password: string;
  /** Activities are `<activityIriBase>/scenarios/<id>`. */
  activityIriBase: string;
  /** The actor account's `homePage`; default `activityIriBase`. */
  homePage?: string;
}

function absoluteHttpUrl(value: unknown): boolean {
  try {
    const url = new URL(String(value));
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Why a tenant's `lrs` cannot work, or undefined (checked when the service starts). */
export function lrsConfigProblem(lrs: unknown): string | undefined {
  const c = lrs as Partial<LrsConfig> | null;
  if (typeof c !== 'object' || c === null) return 'lrs must be an object';
  // lrs.endpoint is a receiver URL: tenants.ts checks it with every other (outbound/receiver-url.ts).
  if (typeof c.username !== 'string' || !c.username || typeof c.password !== 'string' || !c.password)
    return 'lrs.username and lrs.password must be non-empty strings (HTTP Basic)';
  if (c.username.includes(':')) return 'lrs.username must not contain ":" (HTTP Basic)';
  if (!absoluteHttpUrl(c.activityIriBase)) return 'lrs.activityIriBase must be an http(s) IRI';
  if (c.homePage !== undefined && !absoluteHttpUrl(c.homePage)) return 'lrs.homePage must be an http(s) URL';
  return undefined;
}
