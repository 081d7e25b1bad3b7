/**
 * Strings of a lazily loaded part (the scenario editor, the voice chunk) live in chunks of their
 * own, not in the shared src/locales/<locale>.ts every launcher page fetches (.size-limit.js
 * counts that one in the launcher's budget). In a locale, they are merged into the page's
 * templates: @lit/localize looks messages up in the very object the locale module exports, so the
 * merged ids resolve in `msg()` like the shared ones.
 */
export type Templates = { templates: Record<string, unknown> };
export type LocaleChunks = Record<string, () => Promise<Templates>>;

const shared: LocaleChunks = {
  de: () => import('../locales/de.js'),
  es: () => import('../locales/es.js'),
  fr: () => import('../locales/fr.js'),
};

/** Merges `own[locale]` into the page's templates for `locale`; English (or none) needs nothing. */
export async function mergeStrings(own: LocaleChunks, locale: string): Promise<void> {
  const mine = own[locale];
  const page = shared[locale];
  if (!mine || !page) return;
  const [a, b] = await Promise.all([mine(), page()]);
  Object.assign(b.templates, a.templates);
}
