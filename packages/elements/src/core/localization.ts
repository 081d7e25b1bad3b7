/**
 * UI strings through @lit/localize in runtime mode. Source strings are English, marked with
 * `msg(…, { id })`; the other locales are modules in `src/locales/` loaded on demand.
 *
 * @lit/localize keeps one active locale per page, so the elements follow that model: the
 * locale an element asks for (its `locale` attribute, else `configure({ locale })`, else the
 * nearest `lang`) becomes the page's Inflow locale. Pages that mix Inflow locales get the one
 * requested last (documented in docs/elements.md).
 */
import { configureLocalization } from '@lit/localize';
import { $config } from './config.js';

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['es', 'fr', 'de'] as const;
const ALL = new Set<string>([SOURCE_LOCALE, ...TARGET_LOCALES]);

const loaders: Record<(typeof TARGET_LOCALES)[number], () => Promise<{ templates: Record<string, unknown> }>> = {
  es: () => import('../locales/es.js'),
  fr: () => import('../locales/fr.js'),
  de: () => import('../locales/de.js'),
};

let runtime: ReturnType<typeof configureLocalization> | null | undefined;

function localization(): ReturnType<typeof configureLocalization> | null {
  if (runtime === undefined) {
    try {
      runtime = configureLocalization({
        sourceLocale: SOURCE_LOCALE,
        targetLocales: TARGET_LOCALES,
        loadLocale: (locale) => loaders[locale as (typeof TARGET_LOCALES)[number]]() as never,
      });
    } catch {
      // Another @lit/localize user on the page configured it first (it allows one
      // configuration per copy). Inflow then shows its source strings rather than breaking.
      console.warn('[inflow] @lit/localize is already configured on this page; Inflow UI stays in English.');
      runtime = null;
    }
  }
  return runtime;
}

/** `es-MX` → `es`; unsupported → `en`. */
export function supportedLocale(tag: string | null | undefined): string {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return ALL.has(base) ? base : SOURCE_LOCALE;
}

/** The locale an element should use: its attribute, the page configuration, the nearest `lang`. */
export function localeFor(element: Element, attribute: string | null | undefined): string {
  const lang = element.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
  return supportedLocale(attribute || $config.get().locale || lang);
}

/** Switches the Inflow UI locale; elements that called `updateWhenLocaleChanges` re-render. */
export function useLocale(locale: string): Promise<void> {
  const rt = localization();
  if (!rt || rt.getLocale() === locale) return Promise.resolve();
  return rt.setLocale(locale);
}
