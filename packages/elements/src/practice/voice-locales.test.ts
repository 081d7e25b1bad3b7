/** Voice in the four locales: every voice string translated, and German rendered, a fault included. */
import { expect } from '@open-wc/testing';
import '../define/practice.js';
import { templates as de } from './voice/locales/de.js';
import { templates as es } from './voice/locales/es.js';
import { templates as fr } from './voice/locales/fr.js';
import { templates as sharedDe } from '../locales/de.js';
import { templates as sharedEs } from '../locales/es.js';
import { templates as sharedFr } from '../locales/fr.js';
import { until } from '../../test/helpers.js';
import { $, mount, realClient, started } from '../../test/practice-helpers.js';

const idsIn = async (file: string, prefix: string) => {
  const text = await (await fetch(new URL(file, import.meta.url))).text();
  return [...text.matchAll(new RegExp(`id: ["'](${prefix}\\.[^"']+)["']`, 'g'))].map((m) => m[1]!);
};

describe('voice locales', () => {
  it('every voice string has a German, Spanish and French translation, with the same placeholders', async () => {
    const ids = (await idsIn('./voice/messages.ts', 'voice')).concat(
      await idsIn('./voice/control.ts', 'voice'),
    );
    expect(ids.length).to.equal(14);
    const placeholders = (t: unknown) =>
      typeof t === 'string' ? 0 : (t as { values: unknown[] }).values.length;
    for (const [name, locale] of Object.entries({ de, es, fr })) {
      expect(Object.keys(locale).sort(), name).to.deep.equal([...ids].sort());
      expect(Object.values(locale).map(placeholders), name).to.deep.equal(
        Object.values(de).map(placeholders),
      );
    }
    const practiceIds = (await idsIn('./voice-control.ts', 'practice')).concat(
      await idsIn('./views.ts', 'practice.voice'),
    );
    for (const [name, locale] of Object.entries({ sharedDe, sharedEs, sharedFr }))
      for (const id of practiceIds) expect(locale, `${name} ${id}`).to.have.property(id);
  });

  it('renders in German with locale="de", a fault message included', async function () {
    this.timeout(20000);
    const { client } = await realClient();
    const el = await mount(client);
    el.setAttribute('locale', 'de');
    el.setAttribute('voice', 'push');
    const real = (window as unknown as { SpeechRecognition?: unknown }).SpeechRecognition;
    (window as unknown as { SpeechRecognition: unknown }).SpeechRecognition = class extends EventTarget {
      start() {
        queueMicrotask(() => {
          this.dispatchEvent(Object.assign(new Event('error'), { error: 'not-allowed' }));
          this.dispatchEvent(new Event('end'));
        });
      }
    };
    try {
      await started(el);
      const mic = await until(() => $<HTMLButtonElement>(el, '[part="mic-button"]'), 'mic');
      // The voice chunk is not loaded before the microphone is used (docs/voice.md).
      const loaded = () =>
        performance.getEntriesByType('resource').some((r) => /practice\/voice\/(index|session)/.test(r.name));
      expect(loaded(), 'voice code before the first use').to.equal(false);
      await until(() => mic.getAttribute('aria-label') === 'Sprechen Sie Ihre Antwort', 'German label');
      mic.click();
      await until(loaded, 'voice code on the first use');
      await until(
        () => /Mikrofon wurde verweigert/.test($(el, '[part="voice-message"]')?.textContent ?? ''),
        'German fault',
      );
    } finally {
      (window as unknown as { SpeechRecognition?: unknown }).SpeechRecognition = real;
    }
  });
});
