/**
 * Checks an xAPI statement against the specification (xAPI 1.0.3, Data §2.4) before it is
 * queued (docs/integrations.md, "Validated before it is queued"): the required actor, verb and
 * object, exactly one identifier of the agent, IRIs, UUIDs, language maps, the score's bounds,
 * ISO 8601 timestamp and duration, and no property the specification does not define.
 *
 * Hand-written: the maintained validator (@learninglocker/xapi-validation) loads its rules with
 * a computed `require`, which no browser bundle can follow, and the service also runs in a tab
 * under @inflow/mocks. The loopback LRS in the tests checks every statement with that validator.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const LANGUAGE_TAG = /^[a-z]{2,8}(-[a-z0-9]{1,8})*$/i;

const STATEMENT_KEYS = [
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
  'attachments',
];

type Check = (value: unknown, path: string, problems: string[]) => void;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function only(keys: string[], value: Record<string, unknown>, path: string, problems: string[]): void {
  for (const k of Object.keys(value)) if (!keys.includes(k)) problems.push(`${path}.${k}: not in xAPI 1.0.3`);
}

const pattern =
  (re: RegExp, what: string): Check =>
  (v, path, problems) => {
    if (typeof v !== 'string' || !re.test(v)) problems.push(`${path}: not ${what}`);
  };
const iri = pattern(IRI, 'an IRI');

const languageMap: Check = (v, path, problems) => {
  if (!isObject(v)) return void problems.push(`${path}: not a language map`);
  for (const [tag, text] of Object.entries(v))
    if (!LANGUAGE_TAG.test(tag) || typeof text !== 'string')
      problems.push(`${path}.${tag}: not a language map entry`);
};

const agent: Check = (v, path, problems) => {
  if (!isObject(v)) return void problems.push(`${path}: required`);
  if (v.objectType !== undefined && v.objectType !== 'Agent') problems.push(`${path}.objectType: not Agent`);
  const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => v[k] !== undefined);
  if (ifis.length !== 1) problems.push(`${path}: needs exactly one of mbox, mbox_sha1sum, openid, account`);
  only(['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account'], v, path, problems);
  if (v.account !== undefined) {
    const a = v.account;
    if (!isObject(a)) return void problems.push(`${path}.account: not an object`);
    iri(a.homePage, `${path}.account.homePage`, problems);
    if (typeof a.name !== 'string') problems.push(`${path}.account.name: not a string`);
    only(['homePage', 'name'], a, `${path}.account`, problems);
  }
};

const activity: Check = (v, path, problems) => {
  if (!isObject(v)) return void problems.push(`${path}: required`);
  if (v.objectType !== undefined && v.objectType !== 'Activity')
    problems.push(`${path}.objectType: not Activity`);
  iri(v.id, `${path}.id`, problems);
  only(['objectType', 'id', 'definition'], v, path, problems);
  const d = v.definition;
  if (d === undefined) return;
  if (!isObject(d)) return void problems.push(`${path}.definition: not an object`);
  if (d.name !== undefined) languageMap(d.name, `${path}.definition.name`, problems);
  if (d.description !== undefined) languageMap(d.description, `${path}.definition.description`, problems);
  if (d.type !== undefined) iri(d.type, `${path}.definition.type`, problems);
  only(['name', 'description', 'type', 'moreInfo', 'extensions'], d, `${path}.definition`, problems);
};

const result: Check = (v, path, problems) => {
  if (!isObject(v)) return void problems.push(`${path}: not an object`);
  only(['score', 'success', 'completion', 'response', 'duration', 'extensions'], v, path, problems);
  for (const k of ['success', 'completion'])
    if (v[k] !== undefined && typeof v[k] !== 'boolean') problems.push(`${path}.${k}: not a boolean`);
  if (v.duration !== undefined)
    pattern(DURATION, 'an ISO 8601 duration')(v.duration, `${path}.duration`, problems);
  const s = v.score;
  if (s === undefined) return;
  if (!isObject(s)) return void problems.push(`${path}.score: not an object`);
  only(['scaled', 'raw', 'min', 'max'], s, `${path}.score`, problems);
  const num = (k: string) =>
    typeof s[k] === 'number' && Number.isFinite(s[k]) ? (s[k] as number) : undefined;
  for (const k of ['scaled', 'raw', 'min', 'max'])
    if (s[k] !== undefined && num(k) === undefined) problems.push(`${path}.score.${k}: not a number`);
  const [scaled, raw, min, max] = [num('scaled'), num('raw'), num('min'), num('max')];
  if (scaled !== undefined && (scaled < -1 || scaled > 1))
    problems.push(`${path}.score.scaled: not in [-1, 1]`);
  if (min !== undefined && max !== undefined && min >= max) problems.push(`${path}.score: min not below max`);
  if (raw !== undefined && ((min !== undefined && raw < min) || (max !== undefined && raw > max)))
    problems.push(`${path}.score.raw: not between min and max`);
};

const context: Check = (v, path, problems) => {
  if (!isObject(v)) return void problems.push(`${path}: not an object`);
  only(
    [
      'registration',
      'instructor',
      'team',
      'contextActivities',
      'revision',
      'platform',
      'language',
      'statement',
      'extensions',
    ],
    v,
    path,
    problems,
  );
  if (v.registration !== undefined) pattern(UUID, 'a UUID')(v.registration, `${path}.registration`, problems);
  if (v.platform !== undefined && typeof v.platform !== 'string')
    problems.push(`${path}.platform: not a string`);
  if (v.extensions !== undefined) {
    if (!isObject(v.extensions)) problems.push(`${path}.extensions: not an object`);
    else for (const k of Object.keys(v.extensions)) iri(k, `${path}.extensions key`, problems);
  }
};

/** The statement's problems (`context.registration: not a UUID`), empty when it is valid. */
export function statementProblems(statement: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(statement)) return ['statement: not an object'];
  only(STATEMENT_KEYS, statement, 'statement', problems);
  if (statement.id !== undefined) pattern(UUID, 'a UUID')(statement.id, 'id', problems);
  agent(statement.actor, 'actor', problems);
  const verb = statement.verb;
  if (!isObject(verb)) problems.push('verb: required');
  else {
    iri(verb.id, 'verb.id', problems);
    if (verb.display !== undefined) languageMap(verb.display, 'verb.display', problems);
    only(['id', 'display'], verb, 'verb', problems);
  }
  activity(statement.object, 'object', problems);
  if (statement.result !== undefined) result(statement.result, 'result', problems);
  if (statement.context !== undefined) context(statement.context, 'context', problems);
  if (statement.timestamp !== undefined) {
    const t = statement.timestamp;
    if (typeof t !== 'string' || !TIMESTAMP.test(t) || Number.isNaN(Date.parse(t)))
      problems.push('timestamp: not an ISO 8601 date-time with a time zone');
  }
  return problems;
}

/** Throws when the statement breaks the specification: a bug of the builder, never sent. */
export function assertValidStatement(statement: unknown, verb: string): void {
  const problems = statementProblems(statement);
  if (problems.length) throw new Error(`xAPI ${verb} statement breaks xAPI 1.0.3: ${problems.join('; ')}`);
}
