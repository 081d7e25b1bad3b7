/**
 * The editor's own translations live in their own chunks (./locales/<locale>.ts), not in the
 * shared src/locales/<locale>.ts that every launcher page fetches (.size-limit.js counts that one
 * in the launcher's budget). When the editor runs in a locale, its strings are merged into the
 * page's templates for that locale: @lit/localize looks messages up in the very object the locale
 * module exports, so the merged ids resolve in `msg()` like the shared ones.
 */
type Templates = { templates: Record<string, unknown> };
const own: Record<string, () => Promise<Templates>> = {
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
};
const shared: Record<string, () => Promise<Templates>> = {
  de: () => import('../locales/de.js'),
  es: () => import('../locales/es.js'),
  fr: () => import('../locales/fr.js'),
};

/**
 * Adds the editor's strings to the page's templates for `locale` (the element's LocaleController
 * switches the page's locale); resolves when they are in place.
 */
export async function loadEditorStrings(locale: string): Promise<void> {
  const mine = own[locale];
  const page = shared[locale];
  if (mine && page) {
    try {
      const [a, b] = await Promise.all([mine(), page()]);
      Object.assign(b.templates, a.templates);
    } catch (error) {
      console.warn('[inflow] could not load the scenario editor strings; showing English', error);
    }
  }
}
