/**
 * Cutting text the service will store. A UTF-16 index can fall inside a surrogate pair (an emoji),
 * and half a pair is text the service refuses (issue 17), so every place in the client and the
 * elements that shortens user or vendor text to a contract limit uses this one function.
 */

/**
 * `text` cut to at most `maxUnits` UTF-16 code units (the unit of `String#length` and of the
 * contract's character limits), never between the two halves of a surrogate pair. It creates no
 * lone surrogate; one already in `text` is left as it is (not a cut's business). A cut may still
 * split a grapheme of several code points (a flag, a ZWJ family), which stays valid Unicode.
 */
export function truncate(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  // The last unit kept is a high surrogate: its low half is cut away, so drop it too.
  const last = text.charCodeAt(maxUnits - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? maxUnits - 1 : maxUnits);
}
