/**
 * `GET /v1/scenarios` (any token): what the tenant offers, with its AI-use disclosure.
 * `/v1/scenarios/{id}` (admin; the scope is applied where app.ts mounts it): author a scenario,
 * read it and its versions, archive it. Ids are per tenant: another tenant's id is a 404.
 */
import { ScenarioIdParam, ScenarioInput } from '@inflow/contract/schemas';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import type { Store } from '../store/store.js';
import { check, readJson } from '../validate.js';
import { disclosureOf, isBuiltIn, offeredScenarios } from './catalog.js';
import { rubricProblems } from './rules.js';

export function scenarioListRoutes(store: Store): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const auth = c.get('auth');
    return c.json({ scenarios: await offeredScenarios(store, auth), disclosure: disclosureOf(auth.tenant) });
  });
  return app;
}

const notFound = () => new ApiError('not_found', 'scenario not found');

/** The path id, refused the way an unknown scenario is when it cannot be one. */
function scenarioId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  try {
    check(ScenarioIdParam, id);
  } catch {
    throw notFound();
  }
  return id;
}

function refuseBuiltIn(id: string): void {
  if (isBuiltIn(id))
    throw new ApiError('conflict', `"${id}" is a built-in scenario; author yours under another id`);
}

export function scenarioAdminRoutes(store: Store): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.put('/', async (c) => {
    const id = scenarioId(c);
    refuseBuiltIn(id);
    const input = check(ScenarioInput, await readJson(c));
    const problems = rubricProblems(input);
    if (problems.length)
      throw new ApiError(
        'validation_failed',
        problems.map((p) => `${p.path} ${p.message}`).join('; '),
        problems,
      );
    const { created, scenario } = await store.scenarios.put(c.get('auth').tenantId, id, input);
    return c.json(scenario, created ? 201 : 200);
  });

  app.get('/', async (c) => {
    const id = scenarioId(c);
    refuseBuiltIn(id);
    const scenario = await store.scenarios.latest(c.get('auth').tenantId, id);
    if (!scenario) throw notFound();
    return c.json(scenario);
  });

  app.get('/versions', async (c) => {
    const id = scenarioId(c);
    refuseBuiltIn(id);
    const versions = await store.scenarios.versions(c.get('auth').tenantId, id);
    if (!versions.length) throw notFound();
    return c.json({ versions });
  });

  app.delete('/', async (c) => {
    const id = scenarioId(c);
    refuseBuiltIn(id);
    const scenario = await store.scenarios.archive(c.get('auth').tenantId, id);
    if (!scenario) throw notFound();
    return c.json(scenario);
  });

  return app;
}
