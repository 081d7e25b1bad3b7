/**
 * Deep links from chat nudges and e-mails: a page opened with `?inflow=<scenario>` (optionally
 * `&inflow_src=slack|teams|webhook|email`) opens that practice at once on the launcher for that
 * scenario. The service builds these links (`POST /v1/nudges`, packages/service/src/nudges/link.ts).
 *
 * The first launcher for the scenario that connects claims the link: it gets the source to
 * record, and the parameters leave the address bar (`history.replaceState`, no reload), so a
 * reload, a bookmark or a copied URL does not open the practice again or count twice.
 *
 * Attribution: `inflow_src=email` (or `campaign`) means an HR e-mail prompted the visit, recorded
 * as `campaign`, which the activation rate excludes (docs/design.md §6); anything else is `deeplink`.
 */
import { truncate } from '@inflow/client/text';
import type { Source } from '@inflow/contract';

export const DEEPLINK_PARAM = 'inflow';
export const DEEPLINK_SOURCE_PARAM = 'inflow_src';

/** Scenario ids as the API accepts them; anything else in the URL is ignored. */
const SCENARIO_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CAMPAIGN_CARRIERS = new Set(['email', 'campaign']);

export interface DeepLink {
  scenario: string;
  source: Extract<Source, 'deeplink' | 'campaign'>;
  /** Where the link was carried (`slack`, `teams`, `email`…), for event props. */
  carrier: string | undefined;
}

/** Parses a deep link out of a URL, or undefined when it has none (or an invalid scenario). */
export function parseDeepLink(href: string): DeepLink | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  const scenario = url.searchParams.get(DEEPLINK_PARAM);
  if (!scenario || !SCENARIO_ID.test(scenario)) return undefined;
  const carrier = truncate(url.searchParams.get(DEEPLINK_SOURCE_PARAM)?.toLowerCase() ?? '', 32) || undefined;
  return { scenario, source: carrier && CAMPAIGN_CARRIERS.has(carrier) ? 'campaign' : 'deeplink', carrier };
}

/** The URL without the deep-link parameters (everything else, hash included, kept). */
export function withoutDeepLink(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(DEEPLINK_PARAM);
  url.searchParams.delete(DEEPLINK_SOURCE_PARAM);
  return url.toString();
}

let claimed = false;

/**
 * Claims the page's deep link for `scenario`, once per page view: returns it (and cleans the
 * address bar) when the URL names this scenario and no launcher claimed it yet.
 */
export function claimDeepLink(scenario: string): DeepLink | undefined {
  if (claimed || typeof location === 'undefined') return undefined;
  const link = parseDeepLink(location.href);
  if (!link || link.scenario !== scenario) return undefined;
  claimed = true;
  try {
    history.replaceState(history.state, '', withoutDeepLink(location.href));
  } catch {
    // A sandboxed or opaque-origin page may refuse replaceState: opening still matters more.
  }
  return link;
}

/** For tests: forget that this page view's deep link was claimed. @internal */
export function resetDeepLinkClaim(): void {
  claimed = false;
}
