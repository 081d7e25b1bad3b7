// The message lookup of a non-English page (localization-runtime.ts): plain strings, `str`
// templates with the source's values in the translation's order, English for unknown ids.
import { expect } from '@open-wc/testing';
import { msg, str } from '@lit/localize';
import { setLocale } from './localization-runtime.js';

const persona = (name: string, role: string) =>
  msg(str`You are talking with ${name}, ${role}.`, { id: 'practice.persona' });

describe('localization runtime', () => {
  it('looks messages up by id in the loaded locale, and back to English', async () => {
    let ready = 0;
    window.addEventListener('lit-localize-status', () => ready++);
    expect(persona('Sam', 'engineer')).to.equal('You are talking with Sam, engineer.');
    await setLocale('fr');
    expect(ready).to.equal(1);
    expect(msg('Close', { id: 'launcher.close' })).to.equal('Fermer');
    expect(persona('Sam', 'ingénieur')).to.equal('Vous parlez avec Sam, ingénieur.');
    expect(msg('Unknown', { id: 'no.such.id' })).to.equal('Unknown');
    await setLocale('de');
    expect(msg('Close', { id: 'launcher.close' })).to.equal('Schließen');
    await setLocale('en');
    expect(msg('Close', { id: 'launcher.close' })).to.equal('Close');
    expect(ready).to.equal(3);
  });
});
