/**
 * Persona lines for an authored scenario that leaves some out, and the rubric scorer's summary
 * sentences, in the scenario's locale (the four locales the elements ship; others use English).
 */

export interface DefaultLines {
  opening: string;
  pushback: string[];
  closing: string;
  reaction: string;
  tip(label: string, description: string): string;
  /** Summary when the user said nothing. */
  silent: string;
  /** Summary when every criterion was shown. */
  strong(score: string): string;
  /** Summary otherwise: the score, the criteria shown (maybe none) and those not yet shown. */
  partial(score: string, shown: string[], missing: string[]): string;
}

const list = (xs: string[]) => xs.join(', ');

const LINES: Record<string, DefaultLines> = {
  en: {
    opening: 'Hi. You wanted to talk?',
    pushback: [
      "I'm not sure what you mean.",
      'Can you be more specific?',
      'So what are you asking me to do?',
    ],
    closing: 'Thanks. I know where I stand and what to do next.',
    reaction: 'Okay. That helps me see it.',
    tip: (label, description) => `Work on "${label}": ${description}`,
    silent: 'You ended the practice before saying anything, so there is nothing to score yet.',
    strong: (score) => `Strong conversation (${score}): you showed every behaviour the rubric looks for.`,
    partial: (score, shown, missing) =>
      `${score}. ${shown.length ? `You showed ${list(shown)}. ` : ''}Not yet shown: ${list(missing)}.`,
  },
  de: {
    opening: 'Hallo. Du wolltest mit mir sprechen?',
    pushback: [
      'Ich weiß nicht genau, was du meinst.',
      'Kannst du konkreter werden?',
      'Was genau erwartest du von mir?',
    ],
    closing: 'Danke. Ich weiß jetzt, woran ich bin und was als Nächstes kommt.',
    reaction: 'Okay. Das hilft mir, es zu verstehen.',
    tip: (label, description) => `Arbeite an „${label}“: ${description}`,
    silent: 'Du hast die Übung beendet, bevor du etwas gesagt hast; es gibt noch nichts zu bewerten.',
    strong: (score) =>
      `Starkes Gespräch (${score}): Du hast jedes Verhalten gezeigt, auf das die Bewertung achtet.`,
    partial: (score, shown, missing) =>
      `${score}. ${shown.length ? `Gezeigt: ${list(shown)}. ` : ''}Noch nicht gezeigt: ${list(missing)}.`,
  },
  fr: {
    opening: 'Bonjour. Tu voulais me parler ?',
    pushback: [
      'Je ne suis pas sûr de comprendre.',
      'Tu peux être plus précis ?',
      "Qu'est-ce que tu attends de moi, concrètement ?",
    ],
    closing: 'Merci. Je sais où j’en suis et ce que je dois faire ensuite.',
    reaction: "D'accord. Ça m'aide à y voir plus clair.",
    tip: (label, description) => `Travaillez « ${label} » : ${description}`,
    silent: "Vous avez terminé l'exercice sans rien dire : il n'y a encore rien à évaluer.",
    strong: (score) => `Très bonne conversation (${score}) : vous avez montré chaque comportement attendu.`,
    partial: (score, shown, missing) =>
      `${score}. ${shown.length ? `Montré : ${list(shown)}. ` : ''}Pas encore montré : ${list(missing)}.`,
  },
  es: {
    opening: 'Hola. ¿Querías hablar conmigo?',
    pushback: [
      'No estoy seguro de qué quieres decir.',
      '¿Puedes ser más concreto?',
      '¿Qué me estás pidiendo exactamente?',
    ],
    closing: 'Gracias. Ya sé en qué punto estoy y qué hacer ahora.',
    reaction: 'Vale. Eso me ayuda a verlo.',
    tip: (label, description) => `Trabaja «${label}»: ${description}`,
    silent: 'Terminaste la práctica sin decir nada, así que todavía no hay nada que evaluar.',
    strong: (score) =>
      `Muy buena conversación (${score}): mostraste cada comportamiento que busca la rúbrica.`,
    partial: (score, shown, missing) =>
      `${score}. ${shown.length ? `Mostraste: ${list(shown)}. ` : ''}Aún no mostrado: ${list(missing)}.`,
  },
};

export function defaultLines(locale: string): DefaultLines {
  const lang = locale.toLowerCase().split('-')[0] ?? 'en';
  return LINES[lang] ?? LINES.en!;
}
