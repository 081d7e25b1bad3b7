// Every operation of the contract (ROUTES, the list the OpenAPI document is built from) has a
// client call, so a route added to the contract without one fails here.
import { ROUTES } from '@inflow/contract/openapi';
import { describe, expect, it } from 'vitest';
import { createClient, type InflowClient } from './index.js';

/** operationId → the client calls that serve it. */
const COVERAGE: Record<string, Array<keyof InflowClient>> = {
  health: ['health'],
  ready: ['health'],
  listScenarios: ['listScenarios'],
  createSession: ['createSession'],
  sendTurn: ['streamTurn', 'sendTurn'],
  completeSession: ['completeSession'],
  ingestEvents: ['track', 'flush'],
  getActivation: ['getActivation'],
  putAudience: ['putAudience'],
  sendNudge: ['sendNudge'],
  getNudge: ['getNudge'],
  putScenario: ['putScenario'],
  getScenario: ['getScenario'],
  listScenarioVersions: ['listVersions'],
  archiveScenario: ['archiveScenario'],
  listMyAttempts: ['myAttempts'],
  listDeliveries: ['listDeliveries'],
  retryDelivery: ['retryDelivery'],
  getVoiceCapabilities: ['voiceCapabilities'],
  transcribe: ['transcribe'],
  synthesizeSpeech: ['speak'],
};

/** Operations the client deliberately has no call for, and why. */
const NOT_FOR_CLIENTS: Record<string, string> = {
  openApiDocument: 'the API description itself, for tools; fetch /openapi.json directly',
  mintDemoToken: 'demo mode only; in production the vendor backend mints tokens (docs/service.md)',
  getIntegrationSettings:
    "the vendor backend's setup, with the LRS password and webhook secret; not a browser's",
  sendNudgeBatch: "a roster job of the vendor's backend (one request for many users), not a browser's",
  listAudience: "roster sync is the vendor backend's job (from the HR system), not a browser's",
  patchAudience: "roster sync is the vendor backend's job (from the HR system), not a browser's",
  exportEvents: "the warehouse's pull (a streamed file of every event), not a browser's",
  exportSessions: "the warehouse's pull (a streamed file of every session), not a browser's",
  putIntegrationSettings:
    "the vendor backend's setup, with the LRS password and webhook secret; not a browser's",
};

describe('contract coverage', () => {
  it('has a client call for every operation in ROUTES', () => {
    const client = createClient({
      apiBase: 'http://x.test',
      token: 't',
      storage: 'memory',
      outbox: { listen: false },
    });
    const missing = ROUTES.filter((r) => {
      if (r.operationId in NOT_FOR_CLIENTS) return false;
      const calls = COVERAGE[r.operationId];
      return !calls || !calls.every((m) => typeof client[m] === 'function');
    });
    expect(missing.map((r) => `${r.method.toUpperCase()} ${r.path} (${r.operationId})`)).toEqual([]);
    client.dispose();
  });
});
