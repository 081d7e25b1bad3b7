/** The voice chunk's translations, in chunks of their own (core/lazy-strings.ts). */
import { mergeStrings, type LocaleChunks } from '../../core/lazy-strings.js';

const own: LocaleChunks = {
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
};

/** Adds the voice strings to the page's templates for `locale`; English needs nothing. */
export async function loadVoiceStrings(locale: string): Promise<void> {
  try {
    await mergeStrings(own, locale);
  } catch {
    // Offline mid-practice: the voice control speaks English rather than failing.
  }
}
