import { toStorableText } from '@inflow/contract';

/**
 * JSON for a `jsonb` parameter: every write to a jsonb column goes through here. Request text
 * was already refused if unstorable (validate.ts); what the service did not validate, such as a
 * model's reply or a judge's quote, has U+0000 and unpaired surrogates replaced, so PostgreSQL
 * never refuses a write (docs/security.md, "Text and dates").
 */
export function jsonb(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? toStorableText(v) : v));
}
