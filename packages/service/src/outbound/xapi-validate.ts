/**
 * Checks an xAPI statement against the specification before it is queued (docs/integrations.md,
 * "Validated before it is queued"), with Learning Locker's conformance-tested validator
 * (@learninglocker/xapi-validation): every problem at once, each with its path.
 */
import * as validation from '@learninglocker/xapi-validation';

type Validate = (statement: unknown) => { path: string[]; constructor: { name: string } }[];

// A CommonJS module whose export is `default`: Node's ESM import wraps it once more than a
// bundler does (the mocks' browser build), so take whichever is the function.
const mod = validation as unknown as { default: Validate | { default: Validate } };
const validate: Validate = typeof mod.default === 'function' ? mod.default : mod.default.default;

/** The statement's problems (`statement.verb.id: TypeWarning`), empty when it is valid. */
export function statementProblems(statement: unknown): string[] {
  return validate(statement).map((w) => `${w.path.join('.')}: ${w.constructor.name}`);
}

/** Throws when the statement breaks the specification: a bug of the builder, never sent. */
export function assertValidStatement(statement: unknown, verb: string): void {
  const problems = statementProblems(statement);
  if (problems.length) throw new Error(`xAPI ${verb} statement breaks xAPI 1.0.3: ${problems.join('; ')}`);
}
