import { expect } from '@open-wc/testing';
import { LIMITS } from '@inflow/contract';
import { contextFromAttributes } from './context.js';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('context from attributes', () => {
  it('cuts a long value at the limit without leaving half an emoji (the service refuses lone surrogates)', () => {
    const host = document.createElement('div');
    host.setAttribute('context-role', 'x'.repeat(LIMITS.contextValueChars - 1) + '😀 and more');
    host.setAttribute('context-team', '😀'.repeat(LIMITS.contextValueChars));
    const context = contextFromAttributes(host);
    expect(context.role).to.equal('x'.repeat(LIMITS.contextValueChars - 1));
    expect(context.team).to.equal('😀'.repeat(LIMITS.contextValueChars / 2));
    for (const value of Object.values(context)) {
      expect(loneSurrogate.test(value), JSON.stringify(value)).to.equal(false);
      expect(value.length).to.be.at.most(LIMITS.contextValueChars);
    }
  });

  it('keeps short values as they are and skips keys the API would refuse', () => {
    const host = document.createElement('div');
    host.setAttribute('context-role', 'Senior engineer 😀');
    host.setAttribute('context-Bad_Key', 'x');
    expect(contextFromAttributes(host)).to.deep.equal({ role: 'Senior engineer 😀' });
  });
});
