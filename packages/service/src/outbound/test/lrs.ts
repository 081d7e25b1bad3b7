/**
 * Test helper: the rules of a Learning Record Store (xAPI 1.0.3, Communication §2.1 and §6.2)
 * for the loopback receiver. A POST to `/statements` without an `X-Experience-API-Version:
 * 1.0.x` header, with a body that is not JSON, or with a statement that breaks the
 * specification (per Learning Locker's conformance-tested validator) is answered 400; a different statement under an id it already stored is 409;
 * the same statement again is 204 (an LRS stores a statement once). Otherwise the script answers,
 * and a 2xx stores the statement.
 */
import * as validation from '@learninglocker/xapi-validation';
import type { Judge, Reply } from './receiver.js';

type Validate = (statement: unknown) => { path: string[]; constructor: { name: string } }[];
// Learning Locker's validator, independent of the service's own (xapi-validate.ts). A CommonJS
// module whose export is `default`: Node's ESM import wraps it once more than a bundler does.
const mod = validation as unknown as { default: Validate | { default: Validate } };
const validate: Validate = typeof mod.default === 'function' ? mod.default : mod.default.default;
export const specProblems = (statement: unknown): string[] =>
  validate(statement).map((w) => `${w.path.join('.')}: ${w.constructor.name}`);

export interface LrsRules {
  judge: Judge;
  /** Accepted statements by id, as the JSON text received. */
  stored: Map<string, string>;
}

export function lrsRules(): LrsRules {
  const stored = new Map<string, string>();
  const refuse = (status: number, body: string): Reply => ({ status, body });
  const judge: Judge = (request, scripted) => {
    if (request.method !== 'POST' || !request.path.endsWith('/statements')) return refuse(404, 'not found');
    if (!/^1\.0(\.\d+)?$/.test(String(request.headers['x-experience-api-version'] ?? '')))
      return refuse(400, 'X-Experience-API-Version: 1.0.x is required');
    let statement: { id?: unknown };
    try {
      statement = JSON.parse(request.body) as { id?: unknown };
    } catch {
      return refuse(400, 'the body is not JSON');
    }
    const problems = specProblems(statement);
    if (problems.length) return refuse(400, problems.join('; '));
    // Statements we send always carry an id (a statement without one would get an LRS-made id).
    const id = String(statement.id);
    const known = stored.get(id);
    if (known !== undefined)
      return known === JSON.stringify(statement) ? { status: 204 } : refuse(409, 'conflicting statement id');
    if (scripted.status >= 200 && scripted.status < 300) stored.set(id, JSON.stringify(statement));
    return scripted;
  };
  return { judge, stored };
}
