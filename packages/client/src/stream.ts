import type { CoachLine, TurnResponse } from '@inflow/contract';
import { InflowApiError } from './errors.js';
import type { Http } from './http.js';
import { createSseParser } from './sse.js';

export type TurnStreamEvent =
  { type: 'delta'; text: string } | { type: 'done'; reply: CoachLine; userTurns: number };

/**
 * Sends a user turn and yields the coach's reply as it streams (`delta` … `done`).
 * Aborting `signal` (or leaving a `for await` loop early) cancels the request; a finished turn
 * reads the stream to its end instead, so the request completes rather than showing as cancelled
 * (`net::ERR_ABORTED`) in the browser's network log.
 * A service that answers with JSON instead of SSE is handled too (one delta, then done).
 */
export async function* streamTurn(
  http: Http,
  sessionId: string,
  text: string,
  options: { signal?: AbortSignal | undefined } = {},
): AsyncGenerator<TurnStreamEvent, void, undefined> {
  // Our own controller so that an early `break` by the consumer also cancels the fetch.
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await http.send(`/v1/sessions/${encodeURIComponent(sessionId)}/turns`, {
      method: 'POST',
      body: { text },
      accept: 'text/event-stream',
      signal: controller.signal,
    });
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('text/event-stream')) {
      const body = (await response.json()) as TurnResponse;
      yield { type: 'delta', text: body.reply.text };
      yield { type: 'done', reply: body.reply, userTurns: body.userTurns };
      return;
    }
    if (!response.body) throw new InflowApiError(response.status, 'bad_response', 'Empty event stream');

    const queue: Array<TurnStreamEvent | InflowApiError> = [];
    const feed = createSseParser((event) => {
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        queue.push(new InflowApiError(200, 'bad_response', `Unparseable ${event.event ?? 'message'} event`));
        return;
      }
      if (event.event === 'delta') {
        queue.push({ type: 'delta', text: String((data as { text?: unknown }).text ?? '') });
      } else if (event.event === 'done') {
        const done = data as TurnResponse;
        queue.push({ type: 'done', reply: done.reply, userTurns: done.userTurns });
      } else if (event.event === 'error') {
        const error = (data as { error?: { code?: string; message?: string } }).error;
        queue.push(new InflowApiError(200, error?.code ?? 'internal', error?.message ?? 'Stream error'));
      }
    });

    const reader = response.body.getReader();
    // Not every fetch implementation errors the body when the request is aborted mid-stream:
    // cancel the reader ourselves so a pending read() settles at once.
    const cancel = () => void reader.cancel().catch(() => undefined);
    controller.signal.addEventListener('abort', cancel, { once: true });
    const decoder = new TextDecoder();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (controller.signal.aborted)
          throw controller.signal.reason ?? new DOMException('Aborted', 'AbortError');
        if (value) feed(decoder.decode(value, { stream: !done }));
        if (done) feed(decoder.decode());
        while (queue.length > 0) {
          // Events already parsed from the same chunk must not be delivered after an abort.
          if (controller.signal.aborted)
            throw controller.signal.reason ?? new DOMException('Aborted', 'AbortError');
          const item = queue.shift()!;
          if (item instanceof InflowApiError) throw item;
          if (item.type === 'done') {
            // Before handing `done` over: a consumer that stops there would otherwise cancel.
            finished = done || (await readToEnd(reader));
            if (controller.signal.aborted)
              throw controller.signal.reason ?? new DOMException('Aborted', 'AbortError');
            yield item;
            return;
          }
          yield item;
        }
        if (done)
          throw new InflowApiError(0, 'stream_interrupted', 'The reply stream ended before it was done');
      }
    } finally {
      // Reached on done, on error and on an early `break`: release the connection (cancelling
      // the request unless it was read to its end).
      controller.signal.removeEventListener('abort', cancel);
      if (!finished) controller.abort();
      reader.releaseLock();
    }
  } catch (error) {
    if ((error as Error)?.name === 'AbortError' || controller.signal.aborted) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
    }
    if (error instanceof InflowApiError) throw error;
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new InflowApiError(
      0,
      'stream_interrupted',
      `The reply stream failed: ${String((error as Error)?.message ?? error)}`,
    );
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** How long a finished turn waits for the service to close the stream before cancelling it. */
const CLOSE_GRACE_MS = 2000;

/**
 * Reads what follows `done` (the service closes the stream right after it); false when the stream
 * stays open past the grace period, so a proxy that holds it open cannot stall the turn.
 */
async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS)));
  const drained = (async () => {
    while (!(await reader.read()).done);
    return true as const;
  })().catch(() => false as const);
  try {
    return await Promise.race([drained, late]);
  } finally {
    clearTimeout(timer);
  }
}
