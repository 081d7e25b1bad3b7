/**
 * A loopback server speaking the OpenAI audio API (`POST /v1/audio/transcriptions`, multipart;
 * `POST /v1/audio/speech`, JSON → audio bytes), so tests run the service's real proxy. `mode`
 * switches it to failing (500, 400) or hanging until the caller gives up.
 */
import { createServer } from 'node:http';

export interface SeenUpload {
  model: string;
  fileName: string;
  type: string;
  bytes: number[];
  language: string | null;
}

export interface OpenAiAudioServer {
  /** Base URL up to `/v1`. */
  url: string;
  mode: 'ok' | 'error' | 'reject' | 'hang';
  /** What the transcription answers. */
  transcript: string;
  uploads: SeenUpload[];
  spoken: { model: string; voice: string; input: string }[];
  close(): Promise<void>;
}

/** The bytes `/audio/speech` answers: an ID3 header, enough for a test to recognise. */
export const SPEECH_BYTES = [0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00];

export async function openAiAudioServer(): Promise<OpenAiAudioServer> {
  const state: OpenAiAudioServer = {
    url: '',
    mode: 'ok',
    transcript: 'I would like to talk about the last quarter.',
    uploads: [],
    spoken: [],
    close: async () => undefined,
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (state.mode === 'hang') return; // the caller's timeout or abort ends it
    if (state.mode !== 'ok') {
      res.writeHead(state.mode === 'error' ? 500 : 400, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: { message: 'upstream says no' } }));
    }
    const request = new Request(`http://x${req.url}`, {
      method: 'POST',
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    });
    if (req.url === '/v1/audio/transcriptions') {
      const form = await request.formData();
      const file = form.get('file') as File;
      state.uploads.push({
        model: String(form.get('model')),
        fileName: file.name,
        type: file.type,
        bytes: [...new Uint8Array(await file.arrayBuffer())],
        language: form.get('language') as string | null,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ text: state.transcript }));
    }
    if (req.url === '/v1/audio/speech') {
      state.spoken.push((await request.json()) as OpenAiAudioServer['spoken'][number]);
      res.writeHead(200, { 'content-type': 'audio/mpeg' });
      return res.end(Buffer.from(SPEECH_BYTES));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  state.url = `http://127.0.0.1:${port}/v1`;
  state.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}
