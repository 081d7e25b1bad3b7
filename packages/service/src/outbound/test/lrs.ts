/**
 * Test helper: the rules of a Learning Record Store (xAPI 1.0.3, Communication §2.1 and §6.2)
 * for the loopback receiver. A POST to `/statements` without an `X-Experience-API-Version:
 * 1.0.x` header, with a body that is not JSON, or with a statement that breaks the
 * specification is answered 400; a different statement under an id it already stored is 409;
 * the same statement again is 204 (an LRS stores a statement once). Otherwise the script answers,
 * and a 2xx stores the statement.
 */
import { statementProblems } from '../xapi-validate.js';
import type { Judge, Reply } from './receiver.js';

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
    const problems = statementProblems(statement);
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
