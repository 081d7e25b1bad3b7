/**
 * Persona lines for an authored scenario that leaves some out, in the scenario's locale
 * (the four locales the elements ship; others fall back to English).
 */

export interface DefaultLines {
  opening: string;
  pushback: string[];
  closing: string;
  reaction: string;
  tip(label: string, description: string): string;
}

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
  },
};

export function defaultLines(locale: string): DefaultLines {
  const lang = locale.toLowerCase().split('-')[0] ?? 'en';
  return LINES[lang] ?? LINES.en!;
}
