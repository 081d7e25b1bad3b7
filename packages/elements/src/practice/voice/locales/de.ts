// German strings of the voice chunk (its own chunk, like the scenario editor's: not in the shared
// locale every launcher page fetches). Placeholders ${0} are the source expressions in order.
import { str } from '@lit/localize';

export const templates = {
  'voice.listeningHandsFree':
    'Hört zu. Machen Sie eine Pause zum Senden, oder drücken Sie Alt+M zum Beenden.',
  'voice.listening': 'Hört zu. Drücken Sie erneut Alt+M, wenn Sie fertig sind.',
  'voice.thinking': 'Denkt nach…',
  'voice.speaking': str`${0} spricht. Drücken Sie Escape zum Anhalten.`,
  'voice.idle': 'Mikrofon aus.',
  'voice.denied':
    'Der Zugriff auf das Mikrofon wurde verweigert. Erlauben Sie ihn in den Website-Einstellungen Ihres Browsers, oder tippen Sie Ihre Antwort.',
  'voice.noMicrophone': 'Es wurde kein Mikrofon gefunden. Tippen Sie Ihre Antwort stattdessen.',
  'voice.tooLong': 'Die Aufnahme war zu lang. Bleiben Sie unter einer Minute, oder tippen Sie Ihre Antwort.',
  'voice.hidden': 'Die Aufnahme wurde beendet, weil die Seite ausgeblendet wurde. Es wurde nichts gesendet.',
  'voice.forbidden': 'Sprache ist für Ihre Organisation ausgeschaltet. Tippen Sie Ihre Antwort stattdessen.',
  'voice.noSpeech':
    'Es wurde keine Sprache erkannt. Versuchen Sie es noch einmal, oder tippen Sie Ihre Antwort.',
  'voice.speechFailed': 'Die Antwort konnte nicht vorgelesen werden; sie steht oben.',
  'voice.provider': 'Die Spracherkennung ist gerade nicht verfügbar. Tippen Sie Ihre Antwort stattdessen.',
  'voice.stopSpeaking': 'Vorlesen beenden',
};
