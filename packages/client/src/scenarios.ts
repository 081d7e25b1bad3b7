/**
 * Calls of the scenario studio (docs/scenarios.md): authoring (admin scope) and the caller's own
 * attempts (practice scope). They hang off the client returned by `createClient`.
 */
import type { AuthoredScenario, MyAttempts, ScenarioInput, ScenarioVersions } from '@inflow/contract';
import type { Http } from './http.js';

type Options = { signal?: AbortSignal };

export interface ScenarioCalls {
  /** Admin scope: creates the scenario or stores a new version (`status: 'published'` publishes it). */
  putScenario(id: string, scenario: ScenarioInput, options?: Options): Promise<AuthoredScenario>;
  /** Admin scope: the latest version, drafts and archived ones included. */
  getScenario(id: string, options?: Options): Promise<AuthoredScenario>;
  /** Admin scope: every stored version, newest first. */
  listVersions(id: string, options?: Options): Promise<AuthoredScenario[]>;
  /** Admin scope: archives the scenario (new sessions are refused; running ones keep working). */
  archiveScenario(id: string, options?: Options): Promise<AuthoredScenario>;
  /** The caller's own completed attempts at a scenario, with the best score and whether one passed. */
  myAttempts(scenario: string, options?: Options): Promise<MyAttempts>;
}

const scenarioPath = (id: string, rest = '') => `/v1/scenarios/${encodeURIComponent(id)}${rest}`;

export function scenarioCalls(http: Http): ScenarioCalls {
  return {
    putScenario: (id, scenario, o) =>
      http.json(scenarioPath(id), { method: 'PUT', body: scenario, signal: o?.signal }),
    getScenario: (id, o) => http.json(scenarioPath(id), { signal: o?.signal }),
    listVersions: async (id, o) =>
      (await http.json<ScenarioVersions>(scenarioPath(id, '/versions'), { signal: o?.signal })).versions,
    archiveScenario: (id, o) => http.json(scenarioPath(id), { method: 'DELETE', signal: o?.signal }),
    myAttempts: (scenario, o) =>
      http.json(`/v1/me/sessions?${new URLSearchParams({ scenario })}`, { signal: o?.signal }),
  };
}
