/**
 * Signals for authored criteria: plain phrases matched as whole words or phrases,
 * case-insensitively, with Unicode-aware boundaries (so "plan" matches "Plan," but not
 * "planet", and "Überblick" works like "overview"). Where an author gave no phrases, the
 * content words of the criterion's label and description are the signals.
 */

const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}_]';
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
const IS_WORD_CHAR = new RegExp(WORD_CHAR, 'u');

// Only syntax characters: with the `u` flag, escaping anything else (e.g. "-") is an error.
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One phrase as a pattern: whitespace runs match any whitespace; boundaries only beside word characters. */
export function phraseSignal(phrase: string): RegExp {
  const p = phrase.normalize('NFC').trim();
  const body = p.split(/\s+/u).map(escape).join('\\s+');
  const before = IS_WORD_CHAR.test(p.charAt(0)) ? `(?<!${WORD_CHAR})` : '';
  const after = IS_WORD_CHAR.test(p.charAt(p.length - 1)) ? `(?!${WORD_CHAR})` : '';
  return new RegExp(`${before}${body}${after}`, 'iu');
}

const STOP_WORDS: Record<string, string> = {
  en:
    'a about above after again all also an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours ' +
    // Words that describe a rubric rather than a conversation.
    'user manager employee person someone something without instead clearly rather them',
  de: 'aber als am an auch auf aus bei bin bis da damit dann das dass dem den der des die dies diese doch dort du durch ein eine einem einen einer eines er es für hat hatte ich ihr im in ist ja kann mit nach nicht noch nur ob oder ohne sein sich sie sind so über um und uns vom von vor war was weil wenn wie wir wird zu zum zur',
  fr: 'à au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous sans plutôt est sont',
  es: 'a al algo como con de del el ella ellos en es esta este esto la las le les lo los me mi más no nos o para pero por que se sin sobre su sus te tu un una uno y ya',
};

const stopWordsFor = (locale: string): Set<string> => {
  const lang = locale.toLowerCase().split('-')[0] ?? 'en';
  // English always applies too: authors often write rubric labels in English.
  return new Set(`${STOP_WORDS.en} ${STOP_WORDS[lang] ?? ''}`.split(/\s+/).filter(Boolean));
};

/** The content words of `text` (stop words and one- or two-letter words dropped), as signals. */
export function derivedSignals(text: string, locale: string): RegExp[] {
  const stop = stopWordsFor(locale);
  const seen = new Set<string>();
  for (const m of text.normalize('NFC').matchAll(WORD)) {
    const word = m[0].toLocaleLowerCase(locale);
    if ([...word].length < 3 || stop.has(word)) continue;
    seen.add(word);
  }
  return [...seen].map(phraseSignal);
}
