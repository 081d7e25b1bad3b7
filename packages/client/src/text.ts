/**
 * Cutting text the service will store. A UTF-16 index can fall inside a surrogate pair (an emoji),
 * and the service refuses text that is not well-formed Unicode (issue 17), so every place that
 * shortens user or vendor text to a contract limit uses this one function.
 */

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * `text` cut to at most `maxUnits` UTF-16 code units (the unit of `String#length` and of the
 * contract's character limits), never inside a surrogate pair; a lone surrogate already in `text`
 * becomes U+FFFD. A cut may still split a grapheme made of several code points (a flag, a ZWJ
 * family): that stays valid Unicode.
 */
export function truncate(text: string, maxUnits: number): string {
  if (!SURROGATE.test(text)) return text.slice(0, Math.max(0, maxUnits));
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && isLow(text.charCodeAt(i + 1));
    const piece = pair ? text.slice(i, i + 2) : isSurrogate(unit) ? '\uFFFD' : text[i]!;
    if (out.length + piece.length > maxUnits) break;
    out += piece;
    if (pair) i++;
  }
  return out;
}

const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;
