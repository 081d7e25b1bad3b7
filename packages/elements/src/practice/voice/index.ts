/**
 * The voice chunk (docs/voice.md): `<inflow-practice>` imports it with import() when the
 * microphone is first used, never before (.size-limit.js checks it on its own line).
 */
export { VoiceControl, type VoicePractice } from './control.js';
