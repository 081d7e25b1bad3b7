/**
 * UI strings through @lit/localize in runtime mode. Source strings are English, marked with
 * `msg(…, { id })`; the other locales are modules in `src/locales/` loaded on demand.
 *
 * @lit/localize keeps one active locale per page, so the elements follow that model: the
 * locale an element asks for (its `locale` attribute, else `configure({ locale })`, else the
 * nearest `lang`) becomes the page's Inflow locale. Pages that mix Inflow locales get the one
 * requested last (documented in docs/elements.md).
 *
 * The runtime (configureLocalization, template lookup) is itself a lazy chunk
 * (localization-runtime.ts): an English page never loads it, which keeps it out of the
 * launcher's initial script. Until it is configured, `msg()` returns the English source.
 */
import { $config } from './config.js';
import { SOURCE_LOCALE, TARGET_LOCALES } from './locale-codes.js';

const ALL = new Set<string>([SOURCE_LOCALE, ...TARGET_LOCALES]);

type Runtime = typeof import('./localization-runtime.js');
let runtime: Promise<Runtime> | undefined;

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
  if (locale === SOURCE_LOCALE && !runtime) return Promise.resolve();
  runtime ??= import('./localization-runtime.js');
  return runtime
    .then((r) => r.setLocale(locale))
    .catch((error: unknown) => {
      runtime = undefined;
      console.warn('[inflow] could not load UI strings; showing English', error);
    });
}
