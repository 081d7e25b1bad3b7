import type { ScenarioList } from '@inflow/contract';
import type { ElementsClient } from './client-types.js';

/**
 * The tenant's scenario list, fetched once per client and shared by every element that uses
 * the client (twenty launchers → one request). A failed request is forgotten so a later call
 * retries.
 */
const lists = new WeakMap<ElementsClient, Promise<ScenarioList>>();

export function scenarioList(client: ElementsClient): Promise<ScenarioList> {
  let list = lists.get(client);
  if (!list) {
    list = client.listScenarios();
    lists.set(client, list);
    list.catch(() => lists.delete(client));
  }
  return list;
}
