/**
 * The message lookup, loaded only when a page needs a locale other than English (localization.ts).
 * It installs `msg()`'s implementation the way @lit/localize's `configureLocalization` does, and
 * tells localized elements to re-render with the same `lit-localize-status` event, without that
 * runtime's id hashing and locale bookkeeping (1.4 kB gzip): every Inflow `msg()` names its id and
 * is a string or a `str` template, and one locale is loaded at a time.
 */
import { _installMsgImplementation } from '@lit/localize/init/install.js';
import { LOCALE_STATUS_EVENT } from '@lit/localize/internal/locale-status-event.js';
import { SOURCE_LOCALE, type TargetLocale } from './locale-codes.js';

/** A source message: a string or `str`…``; a translation's `str` values are source positions. */
type Message = string | { strings: readonly string[]; values: readonly unknown[] };

const loaders: Record<TargetLocale, () => Promise<{ templates: Record<string, Message> }>> = {
  es: () => import('../locales/es.js'),
  fr: () => import('../locales/fr.js'),
  de: () => import('../locales/de.js'),
};

// The locale module's own object: the scenario editor merges its strings into it.
let templates: Record<string, Message> | undefined;
let requested = SOURCE_LOCALE;
let installed = true;
try {
  _installMsgImplementation(((source: Message, options?: { id?: string }) => {
    const localized = templates?.[options?.id ?? ''];
    const message = localized ?? source;
    if (typeof message === 'string') return message;
    const values = (source as Exclude<Message, string>).values;
    return message.strings.reduce(
      (out, part, i) =>
        out + String(localized ? values[message.values[i - 1] as number] : values[i - 1]) + part,
    );
  }) as never);
} catch {
  // Another @lit/localize user on the page configured this copy of the library first (it
  // allows one configuration). Inflow then shows its English strings rather than breaking.
  console.warn('[inflow] @lit/localize is already configured on this page; Inflow UI stays in English.');
  installed = false;
}

export async function setLocale(locale: string): Promise<void> {
  if (!installed || locale === requested) return;
  const previous = requested;
  requested = locale;
  let next: Record<string, Message> | undefined;
  try {
    next = locale === SOURCE_LOCALE ? undefined : (await loaders[locale as TargetLocale]()).templates;
  } catch (error) {
    if (requested === locale) requested = previous;
    throw error;
  }
  if (requested !== locale) return; // a later request won
  templates = next;
  window.dispatchEvent(
    new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: locale } }),
  );
}
