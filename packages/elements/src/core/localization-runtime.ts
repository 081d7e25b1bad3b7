/** The @lit/localize runtime, loaded only when a page needs a locale other than English. */
import { configureLocalization } from '@lit/localize';
import { SOURCE_LOCALE, TARGET_LOCALES, type TargetLocale } from './locale-codes.js';

const loaders: Record<TargetLocale, () => Promise<{ templates: Record<string, unknown> }>> = {
  es: () => import('../locales/es.js'),
  fr: () => import('../locales/fr.js'),
  de: () => import('../locales/de.js'),
};

let rt: ReturnType<typeof configureLocalization> | null;
try {
  rt = configureLocalization({
    sourceLocale: SOURCE_LOCALE,
    targetLocales: TARGET_LOCALES,
    loadLocale: (locale) => loaders[locale as TargetLocale]() as never,
  });
} catch {
  // Another @lit/localize user on the page configured this copy of the library first (it
  // allows one configuration). Inflow then shows its English strings rather than breaking.
  console.warn('[inflow] @lit/localize is already configured on this page; Inflow UI stays in English.');
  rt = null;
}

export function setLocale(locale: string): Promise<void> {
  if (!rt || rt.getLocale() === locale) return Promise.resolve();
  return rt.setLocale(locale);
}
