// Spanish strings of the voice chunk (its own chunk). Placeholders ${0} are the source expressions in order.
import { str } from '@lit/localize';

export const templates = {
  'voice.listeningHandsFree': 'Escuchando. Haz una pausa para enviar, o pulsa Alt+M para parar.',
  'voice.listening': 'Escuchando. Pulsa Alt+M otra vez cuando termines.',
  'voice.thinking': 'Pensando…',
  'voice.speaking': str`${0} está hablando. Pulsa Escape para parar.`,
  'voice.idle': 'Micrófono apagado.',
  'voice.denied':
    'Se denegó el acceso al micrófono. Permítelo en la configuración del sitio de tu navegador, o escribe tu respuesta.',
  'voice.noMicrophone': 'No se encontró ningún micrófono. Escribe tu respuesta.',
  'voice.tooLong': 'La grabación era demasiado larga. Que dure menos de un minuto, o escribe tu respuesta.',
  'voice.hidden': 'La grabación se detuvo porque la página se ocultó. No se envió nada.',
  'voice.forbidden': 'La voz está desactivada en tu organización. Escribe tu respuesta.',
  'voice.noSpeech': 'No se oyó ninguna voz. Inténtalo de nuevo, o escribe tu respuesta.',
  'voice.speechFailed': 'No se pudo leer la respuesta en voz alta; aparece arriba.',
  'voice.provider': 'El reconocimiento de voz no está disponible ahora. Escribe tu respuesta.',
  'voice.stopSpeaking': 'Dejar de hablar',
};
