import { describe, expect, it } from 'vitest';
import { decodeJwtPayload } from './jwt.js';

/** A JWT-shaped string whose payload is `json` as UTF-8 base64url, padding stripped like real JWTs. */
const jwtOf = (json: string) => {
  const bytes = new TextEncoder().encode(json);
  const base64url = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `eyJhbGciOiJub25lIn0.${base64url}.sig`;
};

describe('decodeJwtPayload', () => {
  it('reads every payload length (the stripped padding is restored)', () => {
    for (const sub of ['a', 'ab', 'abc', 'abcd'])
      expect(decodeJwtPayload(jwtOf(JSON.stringify({ sub })))).toEqual({ sub });
  });

  it('decodes the claims as UTF-8', () => {
    const sub = 'Zoë 李 🙂';
    expect(decodeJwtPayload(jwtOf(JSON.stringify({ sub, exp: 1 })))).toEqual({ sub, exp: 1 });
  });

  it('reads base64url (- and _), not only base64', () => {
    // `?>?` encodes to base64 with + and /; base64url writes them - and _.
    const token = jwtOf(JSON.stringify({ sub: '?>?~~~' }));
    expect(token.split('.')[1]).toMatch(/[-_]/);
    expect(decodeJwtPayload(token)).toEqual({ sub: '?>?~~~' });
  });

  it('is undefined for anything that is not a JWT with a JSON object payload', () => {
    for (const token of [
      '',
      'abc',
      'a..c',
      'a.!!!.c',
      jwtOf('[1,2]'),
      jwtOf('"text"'),
      jwtOf('null'),
      jwtOf('{'),
    ])
      expect(decodeJwtPayload(token)).toBeUndefined();
  });
});
