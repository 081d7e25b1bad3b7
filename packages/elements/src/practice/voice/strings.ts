/**
 * The voice chunk's translations live in their own chunks (./locales/<locale>.ts), not in the
 * shared src/locales/<locale>.ts every launcher page fetches. They are merged into the page's
 * templates for the locale, where `msg()` looks them up (as the scenario editor does, strings.ts).
 */
type Templates = { templates: Record<string, unknown> };
const own: Record<string, () => Promise<Templates>> = {
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
};
const shared: Record<string, () => Promise<Templates>> = {
  de: () => import('../../locales/de.js'),
  es: () => import('../../locales/es.js'),
  fr: () => import('../../locales/fr.js'),
};

/** Adds the voice strings to the page's templates for `locale`; English needs nothing. */
export async function loadVoiceStrings(locale: string): Promise<void> {
  const mine = own[locale];
  const page = shared[locale];
  if (!mine || !page) return;
  try {
    const [a, b] = await Promise.all([mine(), page()]);
    Object.assign(b.templates, a.templates);
  } catch {
    // Offline mid-practice: the voice control speaks English rather than failing.
  }
}
