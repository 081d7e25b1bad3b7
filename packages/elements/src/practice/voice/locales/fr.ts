// French strings of the voice chunk (its own chunk). Placeholders ${0} are the source expressions in order.
import { str } from '@lit/localize';

export const templates = {
  'voice.listeningHandsFree': 'À l’écoute. Faites une pause pour envoyer, ou appuyez sur Alt+M pour arrêter.',
  'voice.listening': 'À l’écoute. Appuyez à nouveau sur Alt+M quand vous avez fini.',
  'voice.thinking': 'Réflexion…',
  'voice.speaking': str`${0} parle. Appuyez sur Échap pour arrêter.`,
  'voice.idle': 'Micro coupé.',
  'voice.denied':
    'L’accès au micro a été refusé. Autorisez-le dans les paramètres du site de votre navigateur, ou tapez votre réponse.',
  'voice.noMicrophone': 'Aucun micro n’a été trouvé. Tapez votre réponse.',
  'voice.tooLong': 'L’enregistrement était trop long. Restez sous une minute, ou tapez votre réponse.',
  'voice.hidden': 'L’enregistrement s’est arrêté car la page a été masquée. Rien n’a été envoyé.',
  'voice.forbidden': 'La voix est désactivée pour votre organisation. Tapez votre réponse.',
  'voice.noSpeech': 'Aucune parole n’a été entendue. Réessayez, ou tapez votre réponse.',
  'voice.speechFailed': 'La réponse n’a pas pu être lue à voix haute ; elle est affichée ci-dessus.',
  'voice.provider': 'La reconnaissance vocale n’est pas disponible pour le moment. Tapez votre réponse.',
  'voice.stopSpeaking': 'Arrêter la lecture',
};
