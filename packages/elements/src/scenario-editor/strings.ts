/** The scenario editor's translations, in chunks of their own (core/lazy-strings.ts). */
import { mergeStrings, type LocaleChunks } from '../core/lazy-strings.js';

const own: LocaleChunks = {
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
};

/**
 * Adds the editor's strings to the page's templates for `locale` (the element's LocaleController
 * switches the page's locale); resolves when they are in place.
 */
export async function loadEditorStrings(locale: string): Promise<void> {
  try {
    await mergeStrings(own, locale);
  } catch (error) {
    console.warn('[inflow] could not load the scenario editor strings; showing English', error);
  }
}
