/**
 * Which scenarios a tenant offers and which version a session plays (tenant policy, not routing):
 * the built-ins its config enables plus its own authored scenarios (docs/scenarios.md). Practice
 * tokens see published versions only; an admin token also previews drafts. Archived never starts.
 */
import type { Scenario } from '@inflow/contract';
import { builtInPlayable, toPlayable, type PlayableScenario } from '../coach/playable.js';
import { SCRIPTED_SCENARIOS, findScripted, publicScenario } from '../coach/scenarios.js';
import type { AuthInfo } from '../context.js';
import { ApiError } from '../errors.js';
import type { Store } from '../store/store.js';
import { DEFAULT_DISCLOSURE, type TenantConfig } from '../tenants.js';

/** Built-in ids are reserved: a tenant cannot author a scenario under one. */
export const isBuiltIn = (id: string): boolean => findScripted(id) !== undefined;

/** Built-in scenarios the tenant's policy enables (all of them when it names none). */
export function enabledScenarios(tenant: TenantConfig): Scenario[] {
  const all = SCRIPTED_SCENARIOS.map(publicScenario);
  return tenant.scenarios ? all.filter((s) => tenant.scenarios!.includes(s.id)) : all;
}

const builtInEnabled = (tenant: TenantConfig, id: string): boolean =>
  isBuiltIn(id) && (!tenant.scenarios || tenant.scenarios.includes(id));

export const disclosureOf = (tenant: TenantConfig): string => tenant.disclosure ?? DEFAULT_DISCLOSURE;

const previews = (auth: AuthInfo): boolean => auth.scope === 'admin';

/** `GET /v1/scenarios`: enabled built-ins, then the tenant's authored scenarios (one query). */
export async function offeredScenarios(store: Store, auth: AuthInfo): Promise<Scenario[]> {
  const authored = await store.scenarios.listPlayable(auth.tenantId, previews(auth));
  return [
    ...enabledScenarios(auth.tenant),
    ...authored.map((a) => ({ ...toPlayable(a).scenario, ...(previews(auth) ? { status: a.status } : {}) })),
  ];
}

/** The version a new session starts on, or undefined when the id is not offered to this token. */
export async function scenarioToStart(
  store: Store,
  auth: AuthInfo,
  id: string,
): Promise<PlayableScenario | undefined> {
  if (isBuiltIn(id)) return builtInEnabled(auth.tenant, id) ? builtInPlayable(id) : undefined;
  const authored = await store.scenarios.playable(auth.tenantId, id, previews(auth));
  return authored && toPlayable(authored);
}

/**
 * The exact version a running session is pinned to, even if the scenario was edited or archived
 * since. A built-in the tenant has disabled meanwhile is refused, as before authored scenarios.
 */
export async function pinnedScenario(
  store: Store,
  auth: AuthInfo,
  id: string,
  version: number,
): Promise<PlayableScenario> {
  if (isBuiltIn(id)) {
    if (!builtInEnabled(auth.tenant, id))
      throw new ApiError('forbidden', 'this scenario is no longer enabled for the tenant');
    return builtInPlayable(id)!;
  }
  const authored = await store.scenarios.version(auth.tenantId, id, version);
  if (!authored) throw new ApiError('not_found', 'the scenario version of this session no longer exists');
  return toPlayable(authored);
}
