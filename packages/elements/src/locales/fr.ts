// French UI strings, keyed by the `msg()` ids in the source (English is the source locale).
// Placeholders ${0}, ${1} are the source expressions in order.
import { str } from '@lit/localize';

export const templates = {
  'launcher.label': 'Pratiquer cette conversation',
  'launcher.close': 'Fermer',
  'launcher.loading': 'Chargement…',
  'practice.conversation': 'Conversation',
  'practice.startFailed': 'Impossible de démarrer l’entraînement.',
  'practice.end': 'Terminer et obtenir un retour',
  'practice.hint': 'Entrée envoie, Maj+Entrée ajoute une ligne.',
  'practice.evidence': 'Éléments',
  'practice.help': 'Besoin d’aide ?',
  'practice.nextStep': 'Prochaine étape :',
  'practice.notSent': 'Non envoyé.',
  'practice.objectives': 'Objectifs',
  'practice.unavailable': 'L’entraînement n’est pas disponible pour le moment.',
  'practice.completing': 'Préparation du retour…',
  'practice.retry': 'Réessayer',
  'practice.send': 'Envoyer',
  'practice.start': 'Commencer l’entraînement',
  'practice.starting': 'Démarrage de votre entraînement…',
  'practice.helpText':
    'Bloqué ? Décrivez ce que vous avez observé, demandez comment l’autre le voit, et convenez d’une prochaine étape.',
  'practice.failed': 'Cela n’a pas fonctionné. Veuillez réessayer.',
  'practice.tryAgain': 'Réessayer',
  'practice.passed': 'réussi',
  'practice.notPassed': 'pas encore réussi',
  'practice.placeholder': 'Écrivez votre réponse…',
  'practice.you': 'Vous',
  'practice.feedbackTitle': 'Votre retour',
  'practice.replyLabel': 'Votre réponse',
  'nudge.message':
    'Une conversation comme celle-ci se passe mieux quand on l’a répétée. Entraînez-vous d’abord avec le coach IA : quelques minutes suffisent.',
  'nudge.snooze': 'Plus tard',
  'nudge.region': 'Suggestion d’entraînement',
  'nudge.practice': 'S’entraîner maintenant',
  'nudge.dismiss': 'Ne plus me le rappeler',
  'practice.scoreOf': str`${0} sur ${1}`,
  'practice.typing': str`${0} est en train d’écrire`,
  'practice.persona': str`Vous parlez avec ${0}, ${1}.`,
  'practice.attempt': str`Tentative ${0} · meilleur ${1}/${2}`,
  'practice.mic': 'Dites votre réponse',
  'practice.micHandsFree': 'Parler mains libres',
  'practice.voiceDisclosure':
    'Voix : aucun audio n’est conservé, mais la reconnaissance vocale de votre navigateur peut l’envoyer à son éditeur.',
};
