// German UI strings, keyed by the `msg()` ids in the source (English is the source locale).
// Placeholders ${0}, ${1} are the source expressions in order.
import { str } from '@lit/localize';

export const templates = {
  'launcher.label': 'Dieses Gespräch üben',
  'launcher.close': 'Schließen',
  'launcher.loading': 'Wird geladen…',
  'practice.conversation': 'Gespräch',
  'practice.startFailed': 'Die Übung konnte nicht gestartet werden.',
  'practice.end': 'Beenden und Feedback erhalten',
  'practice.hint': 'Eingabe sendet, Umschalt+Eingabe fügt eine Zeile ein.',
  'practice.evidence': 'Belege',
  'practice.help': 'Brauchen Sie Hilfe?',
  'practice.nextStep': 'Nächster Schritt:',
  'practice.notSent': 'Nicht gesendet.',
  'practice.objectives': 'Ziele',
  'practice.unavailable': 'Die Übung ist gerade nicht verfügbar.',
  'practice.completing': 'Feedback wird erstellt…',
  'practice.retry': 'Erneut senden',
  'practice.send': 'Senden',
  'practice.start': 'Übung starten',
  'practice.starting': 'Ihre Übung wird gestartet…',
  'practice.helpText':
    'Festgefahren? Beschreiben Sie, was Sie beobachtet haben, fragen Sie nach der Sicht Ihres Gegenübers und vereinbaren Sie einen nächsten Schritt.',
  'practice.failed': 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.',
  'practice.tryAgain': 'Erneut versuchen',
  'practice.passed': 'bestanden',
  'practice.notPassed': 'noch nicht bestanden',
  'practice.placeholder': 'Ihre Antwort…',
  'practice.you': 'Sie',
  'practice.feedbackTitle': 'Ihr Feedback',
  'practice.replyLabel': 'Ihre Antwort',
  'nudge.message':
    'Ein solches Gespräch gelingt besser, wenn man es geübt hat. Üben Sie es vorher mit dem KI-Coach – es dauert nur wenige Minuten.',
  'nudge.snooze': 'Später',
  'nudge.region': 'Übungsvorschlag',
  'nudge.practice': 'Jetzt üben',
  'nudge.dismiss': 'Nicht mehr erinnern',
  'practice.scoreOf': str`${0} von ${1}`,
  'practice.typing': str`${0} schreibt`,
  'practice.persona': str`Sie sprechen mit ${0}, ${1}.`,
  'practice.attempt': str`Versuch ${0} · bester ${1}/${2}`,
  'practice.mic': 'Sprechen Sie Ihre Antwort',
  'practice.micHandsFree': 'Freihändig sprechen',
  'practice.voiceDisclosure':
    'Sprache: Es wird kein Audio gespeichert, aber die Spracherkennung Ihres Browsers kann es an dessen Hersteller senden.',
};
