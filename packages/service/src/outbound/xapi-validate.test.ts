// The service's hand-written statement check (xapi-validate.ts) against Learning Locker's
// conformance-tested validator: every statement the builder makes passes both, and each way of
// breaking the specification below is refused by both.
import { expect, test } from 'vitest';
import type { SessionRow, StoredFeedback } from '../store/store.js';
import { specProblems } from './test/lrs.js';
import { statementProblems } from './xapi-validate.js';
import { buildStatement, XAPI_VERBS, type Statement } from './xapi.js';

const lrs = {
  endpoint: 'https://lrs.acme.example/xapi',
  username: 'u',
  password: 'p',
  activityIriBase: 'https://lms.acme.example/inflow/',
};
const row = {
  id: '5f0c6a8e-2b1d-4c3e-9a7f-1d2e3f4a5b6c',
  user: 'mgr-17',
  scenario: 'goal-setting',
  created_at: new Date('2026-06-01T09:47:25.000Z'),
} as SessionRow;
const feedback = { passed: false, scores: [{ score: 4, max: 12 }] } as StoredFeedback;
const at = new Date('2026-06-01T10:00:00.000Z');

test.each(XAPI_VERBS)('the builder’s %s statement is valid for both validators', async (verb) => {
  const statement = await buildStatement(lrs, row, verb, at, feedback);
  expect(statementProblems(statement)).toEqual([]);
  expect(specProblems(statement)).toEqual([]);
});

const BROKEN: [string, (s: Statement) => unknown][] = [
  ['no actor', ({ actor: _, ...s }) => s],
  ['two identifiers', (s) => ({ ...s, actor: { ...s.actor, mbox: 'mailto:a@b.example' } })],
  [
    'an account name that is not a string',
    (s) => ({ ...s, actor: { ...s.actor, account: { ...s.actor.account, name: 17 } } }),
  ],
  ['a verb id that is not an IRI', (s) => ({ ...s, verb: { ...s.verb, id: 'launched' } })],
  ['no object', ({ object: _, ...s }) => s],
  ['an object id that is not an IRI', (s) => ({ ...s, object: { ...s.object, id: 'goal setting' } })],
  ['an id that is not a UUID', (s) => ({ ...s, id: 'abc' })],
  ['a registration that is not a UUID', (s) => ({ ...s, context: { ...s.context, registration: 'x' } })],
  ['a timestamp that is not ISO 8601', (s) => ({ ...s, timestamp: 'yesterday' })],
  ['a scaled score above 1', (s) => ({ ...s, result: { score: { scaled: 1.5 } } })],
  ['a duration that is not ISO 8601', (s) => ({ ...s, result: { duration: '754s' } })],
  ['a success that is not a boolean', (s) => ({ ...s, result: { success: 'yes' } })],
  ['a property xAPI does not define', (s) => ({ ...s, transcript: 'words' })],
];

test.each(BROKEN)('%s: refused by both validators', async (_name, breakIt) => {
  const statement = breakIt(await buildStatement(lrs, row, 'failed', at, feedback));
  expect(specProblems(statement), 'the reference refuses it').not.toEqual([]);
  expect(statementProblems(statement), 'and so does the service').not.toEqual([]);
});
