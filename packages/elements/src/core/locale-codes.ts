/**
 * The UI locales, in a file that imports nothing: the localization entry (localization.ts) and
 * its lazy runtime chunk (localization-runtime.ts) both read them without importing each other.
 */
export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['es', 'fr', 'de'] as const;
export type TargetLocale = (typeof TARGET_LOCALES)[number];
