/** Schema pieces shared by the API schemas (schemas.ts) and the authoring schemas (scenario-authoring.ts). */
import Type from 'typebox';

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});
// DATE_YEARS (1970–9999) as a pattern, so the published schema states the bound too.
const YEAR = '^(19[7-9][0-9]|[2-9][0-9]{3})-';
export const Timestamp = Type.String({ format: 'date-time', pattern: YEAR, maxLength: 40 });
export const CalendarDate = Type.String({ format: 'date', pattern: YEAR, maxLength: 10 });
export const DateOrTimestamp = Type.Union([CalendarDate, Timestamp]);

/**
 * An object whose keys must match `keyPattern`. JSON Schema's `patternProperties` alone lets
 * every other key through, so this also closes `additionalProperties`.
 */
export const KeyedRecord = <V extends Type.TSchema>(
  keyPattern: string,
  value: V,
  options: { maxProperties: number },
) => Type.Record(Type.String({ pattern: keyPattern }), value, { ...options, additionalProperties: false });
export const Locale = Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35 });
export const Setting = Type.Union([Type.Literal('performance-review'), Type.Literal('lms')]);
/** Share of the maximum score a completed attempt needs to pass. */
export const PassThreshold = Type.Number({ minimum: 0, maximum: 1 });
export const ScenarioVersion = Type.Integer({ minimum: 1 });
export const ScenarioStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('published'),
  Type.Literal('archived'),
]);
