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
  /** Minutes without a user turn after which an open session is abandoned (`terminated`); default 30. */
  abandonAfterMinutes?: number;
}

function absoluteHttpUrl(value: unknown): boolean {
  try {
    const url = new URL(String(value));
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export interface FieldProblem {
  /** JSON pointer below the `lrs` object, e.g. `/username`. */
  path: string;
  message: string;
}

/**
 * Every reason a tenant's `lrs` cannot work, each with its field (start-up and
 * `PUT /v1/settings/integrations` both use it). lrs.endpoint is a receiver URL, checked with
 * every other by outbound/receiver-url.ts. `password` is checked only when `withPassword`.
 */
export function lrsConfigProblems(lrs: unknown, withPassword = true): FieldProblem[] {
  const c = lrs as Partial<LrsConfig> | null;
  if (typeof c !== 'object' || c === null) return [{ path: '', message: 'must be an object' }];
  const problems: FieldProblem[] = [];
  if (typeof c.username !== 'string' || !c.username)
    problems.push({ path: '/username', message: 'must be a non-empty string (HTTP Basic)' });
  else if (c.username.includes(':'))
    problems.push({ path: '/username', message: 'must not contain ":" (HTTP Basic)' });
  if (withPassword && (typeof c.password !== 'string' || !c.password))
    problems.push({ path: '/password', message: 'must be a non-empty string (HTTP Basic)' });
  if (!absoluteHttpUrl(c.activityIriBase))
    problems.push({ path: '/activityIriBase', message: 'must be an http(s) IRI' });
  if (c.homePage !== undefined && !absoluteHttpUrl(c.homePage))
    problems.push({ path: '/homePage', message: 'must be an http(s) URL' });
  const minutes = c.abandonAfterMinutes;
  if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= 5 && minutes <= 1440))
    problems.push({ path: '/abandonAfterMinutes', message: 'must be an integer from 5 to 1440' });
  return problems;
}

/** The first reason a tenant's `lrs` cannot work, as one sentence, or undefined (start-up). */
export function lrsConfigProblem(lrs: unknown): string | undefined {
  const [first] = lrsConfigProblems(lrs);
  if (!first) return undefined;
  return `lrs${first.path.replace(/\//g, '.')} ${first.message}`;
}
