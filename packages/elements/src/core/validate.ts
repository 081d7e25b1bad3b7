import { SOURCES, type Source } from '@inflow/contract';
import { isTokenExpired } from './jwt.js';
import { resolveOptions, type ClientOptions } from './config.js';

export interface ConfigProblem {
  code: 'missing_api_base' | 'missing_scenario' | 'missing_token' | 'token_expired' | 'invalid_source';
  message: string;
}

/**
 * Configuration mistakes an element can see before any request. The element then renders a
 * quiet disabled state, logs `message` and dispatches `inflow-error`; it never throws.
 */
export function configProblem(
  tag: string,
  scenario: string,
  source: string,
  own: ClientOptions,
): ConfigProblem | undefined {
  const { apiBase, token, fetchToken } = resolveOptions(own);
  if (!scenario)
    return {
      code: 'missing_scenario',
      message: `<${tag}> needs a scenario attribute, e.g. scenario="underperformance".`,
    };
  if (!apiBase)
    return {
      code: 'missing_api_base',
      message: `<${tag} scenario="${scenario}"> has no API base: set the api-base attribute or call configure({ apiBase }).`,
    };
  if (!SOURCES.includes(source as Source))
    return {
      code: 'invalid_source',
      message: `<${tag}> source="${source}" is not one of ${SOURCES.join(', ')}.`,
    };
  if (!token && !fetchToken)
    return {
      code: 'missing_token',
      message: `<${tag} scenario="${scenario}"> has no embed token: set fetchToken (configure() or the property) or the token attribute.`,
    };
  if (!fetchToken && token && isTokenExpired(token))
    return {
      code: 'token_expired',
      message: `<${tag} scenario="${scenario}"> has an expired token attribute; mint a new one or use fetchToken.`,
    };
  return undefined;
}

/** Console text for API errors that disable an element. */
export function describeApiError(tag: string, scenario: string, code: string): string {
  switch (code) {
    case 'not_found':
      return `<${tag}> scenario "${scenario}" is not enabled for this tenant (GET /v1/scenarios lists the enabled ones).`;
    case 'token_expired':
    case 'unauthorized':
      return `<${tag} scenario="${scenario}"> the service rejected the embed token (${code}); check fetchToken or the token attribute.`;
    case 'validation_failed':
      return `<${tag}> the service rejected the request for scenario "${scenario}" (is it enabled for this tenant? are the context-* values valid?).`;
    case 'forbidden':
      return `<${tag} scenario="${scenario}"> the embed token lacks the practice scope.`;
    default:
      return `<${tag} scenario="${scenario}"> request failed: ${code}.`;
  }
}
