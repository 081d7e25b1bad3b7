/** What the voice control says: states for the live region, faults with the way back to text. */
import { msg, str } from '@lit/localize';
import type { FaultKind, VoiceState } from './types.js';

export function stateText(state: VoiceState, persona: string, handsFree: boolean): string {
  switch (state) {
    case 'listening':
      return handsFree
        ? msg('Listening. Pause to send, or press Alt+M to stop.', { id: 'voice.listeningHandsFree' })
        : msg('Listening. Press Alt+M again when you are done.', { id: 'voice.listening' });
    case 'thinking':
      return msg('Thinking…', { id: 'voice.thinking' });
    case 'speaking':
      return msg(str`${persona} is speaking. Press Escape to stop.`, { id: 'voice.speaking' });
    default:
      return msg('Microphone off.', { id: 'voice.idle' });
  }
}

export function faultText(kind: FaultKind): string {
  switch (kind) {
    case 'denied':
      return msg(
        'Microphone access was denied. Allow it in your browser’s site settings, or type your reply.',
        { id: 'voice.denied' },
      );
    case 'no-microphone':
      return msg('No microphone was found. Type your reply instead.', { id: 'voice.noMicrophone' });
    case 'too-long':
      return msg('That recording was too long. Keep it under a minute, or type your reply.', {
        id: 'voice.tooLong',
      });
    case 'hidden':
      return msg('Recording stopped because the page was hidden. Nothing was sent.', { id: 'voice.hidden' });
    case 'forbidden':
      return msg('Voice is turned off for your organisation. Type your reply instead.', {
        id: 'voice.forbidden',
      });
    case 'no-speech':
      return msg('No speech was heard. Try again, or type your reply.', { id: 'voice.noSpeech' });
    case 'speech':
      return msg('The reply could not be spoken; it is shown above.', { id: 'voice.speechFailed' });
    default:
      return msg('Speech recognition is not available right now. Type your reply instead.', {
        id: 'voice.provider',
      });
  }
}
