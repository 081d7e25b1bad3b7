import type { FaultKind } from './types.js';

/** A voice failure the element answers with a message and the text composer. */
export class VoiceFault extends Error {
  constructor(readonly kind: FaultKind) {
    super(kind);
  }
}

/** The fault an API error of the service provider means. */
export function faultOf(error: unknown): VoiceFault {
  if (error instanceof VoiceFault) return error;
  const { status, code } = (error ?? {}) as { status?: number; code?: string };
  if (status === 413) return new VoiceFault('too-long');
  if (code === 'voice_disabled') return new VoiceFault('forbidden');
  return new VoiceFault('provider');
}
