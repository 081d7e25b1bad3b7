import { truncate } from '@inflow/client/text';
import { LIMITS } from '@inflow/contract';

const KEY = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * Collects `context-*` attributes (`context-role="Senior engineer"` → `{ role: 'Senior engineer' }`)
 * within the API's limits: keys that the API would reject are skipped, values are truncated (never
 * inside an emoji) and at most `LIMITS.contextEntries` entries are sent, so a page's markup can
 * never make session creation fail.
 */
export function contextFromAttributes(element: Element): Record<string, string> {
  const context: Record<string, string> = {};
  let count = 0;
  for (const { name, value } of Array.from(element.attributes)) {
    if (!name.startsWith('context-')) continue;
    const key = name.slice('context-'.length);
    if (!KEY.test(key) || count >= LIMITS.contextEntries) continue;
    context[key] = truncate(value, LIMITS.contextValueChars);
    count++;
  }
  return context;
}
