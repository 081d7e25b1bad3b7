/**
 * Calls `onEnd` once when a response is over: at once for an ordinary body, and for an SSE stream
 * when its last chunk was read or the client went away. One implementation for the request log,
 * the stream gauge and the drain, which all need "this request has ended", not "headers were sent".
 */
import type { Context } from 'hono';

export function isStream(res: Response): boolean {
  return (res.headers.get('content-type') ?? '').startsWith('text/event-stream');
}

export function onResponseEnd(c: Context, onEnd: () => void): void {
  const body = c.res.body;
  if (!body || !isStream(c.res)) return onEnd();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  const reader = body.getReader();
  const watched = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          end();
        } else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
        end();
      }
    },
    async cancel(reason) {
      end();
      await reader.cancel(reason);
    },
  });
  c.res = new Response(watched, c.res);
}
