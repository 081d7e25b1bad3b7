// Spanish UI strings, keyed by the `msg()` ids in the source (English is the source locale).
// Placeholders ${0}, ${1} are the source expressions in order.
import { str } from '@lit/localize';

export const templates = {
  'launcher.label': 'Practicar esta conversación',
  'launcher.close': 'Cerrar',
  'launcher.loading': 'Cargando…',
  'practice.conversation': 'Conversación',
  'practice.startFailed': 'No se pudo iniciar la práctica.',
  'practice.end': 'Terminar y recibir comentarios',
  'practice.hint': 'Intro envía, Mayús+Intro añade una línea.',
  'practice.evidence': 'Evidencias',
  'practice.help': '¿Necesitas ayuda?',
  'practice.nextStep': 'Siguiente paso:',
  'practice.notSent': 'No enviado.',
  'practice.objectives': 'Objetivos',
  'practice.unavailable': 'La práctica no está disponible en este momento.',
  'practice.completing': 'Preparando comentarios…',
  'practice.retry': 'Reintentar',
  'practice.send': 'Enviar',
  'practice.start': 'Empezar la práctica',
  'practice.starting': 'Iniciando tu práctica…',
  'practice.helpText':
    '¿Atascado? Describe lo que observaste, pregunta cómo lo ve la otra persona y acordad un siguiente paso.',
  'practice.failed': 'No ha funcionado. Inténtalo de nuevo.',
  'practice.tryAgain': 'Intentar de nuevo',
  'practice.passed': 'aprobado',
  'practice.notPassed': 'aún no aprobado',
  'practice.placeholder': 'Escribe tu respuesta…',
  'practice.you': 'Tú',
  'practice.feedbackTitle': 'Tus comentarios',
  'practice.replyLabel': 'Tu respuesta',
  'nudge.message':
    'Una conversación así sale mejor si se ensaya. Practícala antes con el coach de IA: solo lleva unos minutos.',
  'nudge.snooze': 'Más tarde',
  'nudge.region': 'Sugerencia de práctica',
  'nudge.practice': 'Practicar ahora',
  'nudge.dismiss': 'No volver a recordármelo',
  'practice.scoreOf': str`${0} de ${1}`,
  'practice.typing': str`${0} está escribiendo`,
  'practice.persona': str`Hablas con ${0}, ${1}.`,
  'practice.attempt': str`Intento ${0} · mejor ${1}/${2}`,
  'practice.mic': 'Di tu respuesta',
  'practice.micHandsFree': 'Hablar sin manos',
  'practice.voiceDisclosure':
    'Voz: no se guarda audio, pero el reconocimiento de voz de tu navegador puede enviarlo a su fabricante.',
};
