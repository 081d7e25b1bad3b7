/**
 * Deep links carried by chat nudges. The element side (`@inflow/elements` deeplink module) reads
 * the same two parameters, opens the practice and removes them from the address bar.
 */

/** Query parameter naming the scenario to open. */
export const DEEPLINK_PARAM = 'inflow';
/** Query parameter naming where the link was carried: `slack`, `teams`, `webhook` or `email`. */
export const DEEPLINK_SOURCE_PARAM = 'inflow_src';

export type LinkCarrier = 'slack' | 'teams' | 'webhook' | 'email';

/**
 * Builds the link a nudge carries: the vendor's page (e.g. its review screen) with
 * `?inflow=<scenario>&inflow_src=<carrier>`. No user id goes into the link: the page's own login
 * and embed token say who the user is, and links get forwarded.
 *
 * Throws `TypeError` for anything but an absolute http(s) URL, so a `javascript:` link can never
 * be posted into a chat channel.
 */
export function buildDeepLink(pageUrl: string, scenario: string, carrier: LinkCarrier): string {
  const url = new URL(pageUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`deep link page must be http(s), got ${url.protocol}`);
  }
  url.searchParams.delete(DEEPLINK_PARAM);
  url.searchParams.delete(DEEPLINK_SOURCE_PARAM);
  url.searchParams.set(DEEPLINK_PARAM, scenario);
  url.searchParams.set(DEEPLINK_SOURCE_PARAM, carrier);
  return url.toString();
}
