/**
 * Text every store can hold. PostgreSQL refuses U+0000 in `text` and `jsonb`, and a UTF-16
 * surrogate without its pair has no UTF-8 encoding, so the API refuses both in every string it
 * receives (422) and the service replaces them in anything it writes that it did not validate
 * (a model's reply). docs/security.md, "Text and dates".
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this rule refuses.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain U+0000 or an unpaired UTF-16 surrogate';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** `text` with each U+0000 and unpaired surrogate replaced by U+FFFD (the replacement character). */
export function toStorableText(text: string): string {
  return isStorableText(text) ? text : text.replace(UNSTORABLE_ALL, '\uFFFD');
}
