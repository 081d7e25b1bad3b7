/**
 * Calls to an OpenAI-compatible audio API (`/audio/transcriptions`, `/audio/speech`). The audio
 * passes through memory only: it is never written anywhere, and a failure is reported by status
 * and kind, never with the request or response body.
 */
import { ApiError } from '../errors.js';
import type { SpeechProvider } from './config.js';

/** Why a provider call failed, for the request log (no audio, no text). */
export class UpstreamFailure extends Error {
  override name = 'UpstreamFailure';
}

async function call(
  provider: SpeechProvider,
  path: string,
  body: BodyInit,
  timeoutMs: number,
  signal: AbortSignal,
) {
  const headers: Record<string, string> = provider.apiKey
    ? { authorization: `Bearer ${provider.apiKey}` }
    : {};
  if (typeof body === 'string') headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${provider.baseUrl}${path}`, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
  } catch (error) {
    const kind = (error as Error)?.name === 'TimeoutError' ? 'timed out' : 'unreachable';
    throw new UpstreamFailure(`speech provider ${path} ${kind}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new UpstreamFailure(`speech provider ${path} answered ${response.status}`);
  }
  return response;
}

/** Speech to text: multipart upload as the OpenAI API expects it; answers the text. */
export async function transcribe(
  provider: SpeechProvider,
  audio: Uint8Array<ArrayBuffer>,
  type: string,
  language: string | undefined,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<string> {
  const form = new FormData();
  const extension = /ogg/.test(type)
    ? 'ogg'
    : /mp4|m4a|aac/.test(type)
      ? 'm4a'
      : /wav/.test(type)
        ? 'wav'
        : 'webm';
  form.set('file', new Blob([audio], { type }), `speech.${extension}`);
  form.set('model', provider.model);
  form.set('response_format', 'json');
  if (language) form.set('language', language.slice(0, 2).toLowerCase());
  const response = await call(provider, '/audio/transcriptions', form, timeoutMs, signal);
  const body = (await response.json().catch(() => undefined)) as { text?: unknown } | undefined;
  if (typeof body?.text !== 'string')
    throw new UpstreamFailure('speech provider /audio/transcriptions answered no text');
  return body.text.trim();
}

/** Text to speech: answers the audio (mp3 unless the server says otherwise). */
export async function synthesize(
  provider: SpeechProvider,
  text: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<{ audio: Uint8Array; type: string }> {
  const body = JSON.stringify({
    model: provider.model,
    voice: provider.voice,
    input: text,
    response_format: 'mp3',
  });
  const response = await call(provider, '/audio/speech', body, timeoutMs, signal);
  const type = response.headers.get('content-type')?.split(';')[0]?.trim() || 'audio/mpeg';
  return { audio: new Uint8Array(await response.arrayBuffer()), type };
}

export const providerFailed = () =>
  new ApiError('voice_provider_failed', 'the speech provider did not answer; type your reply instead');
