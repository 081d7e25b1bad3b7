import { expect } from '@open-wc/testing';
import { configure } from '../core/config.js';
import { demoToken, testService } from '../../test/helpers.js';
import { memoryKey } from './nudge-memory.js';
import { resolveUser, tokenSubject } from './user.js';

describe('nudge memory key: whose nudge it is', () => {
  afterEach(() => configure({}));

  it("reads the embed token's sub (base64url, unpadded)", async () => {
    const { apiBase } = await testService();
    expect(tokenSubject(await demoToken(apiBase, 'mgr-ü-17'))).to.equal('mgr-ü-17');
    expect(tokenSubject('not-a-jwt')).to.equal(undefined);
    expect(tokenSubject(undefined)).to.equal(undefined);
  });

  it('prefers the user attribute, then the token, then fetchToken, else anonymous', async () => {
    const { apiBase } = await testService();
    const token = await demoToken(apiBase, 'from-token');
    const fetched = await demoToken(apiBase, 'from-fetch');
    expect(await resolveUser('explicit', { token })).to.equal('explicit');
    expect(await resolveUser(undefined, { token })).to.equal('from-token');
    configure({ apiBase, fetchToken: async () => fetched });
    expect(await resolveUser(undefined, {})).to.equal('from-fetch');
    configure({ apiBase, fetchToken: async () => Promise.reject(new Error('offline')) });
    expect(await resolveUser(undefined, {})).to.equal('anonymous');
  });

  it('keeps (user, scenario) pairs apart even when ids contain the separator', () => {
    expect(memoryKey('a:b', 'c')).not.to.equal(memoryKey('a', 'b:c'));
  });
});
