/**
 * A server-sent events parser for the turn stream: the "event stream interpretation" of the
 * WHATWG HTML standard (§9.2.6) without the reconnection fields (`id`, `retry`), which a
 * turn never uses. Hand-written rather than eventsource-parser because every byte here is in
 * the practice panel's budget: about 0.3 kB gzip against the library's 1.4 kB (docs/benchmarks.md,
 * Bundle). The service and the tests keep the library; sse.test.ts checks this parser against
 * it on random streams cut at random places.
 */
export interface SseEvent {
  /** The `event` field; undefined for the default type (`message`). */
  event: string | undefined;
  data: string;
}

/**
 * Returns `feed`: give it the text as it arrives (from a `TextDecoder`, which already drops a
 * byte order mark); each complete event goes to `onEvent`, and an unfinished one at the end of
 * the stream is dropped, as the standard says.
 */
export function createSseParser(onEvent: (event: SseEvent) => void): (chunk: string) => void {
  let pending = '';
  let data = '';
  let type = '';
  // The last chunk ended in CR: an LF starting the next one belongs to the same line ending.
  let afterCr = false;
  const line = (text: string) => {
    if (text === '') {
      if (data) onEvent({ event: type || undefined, data: data.slice(0, -1) });
      data = type = '';
    } else if (text[0] !== ':') {
      const colon = text.indexOf(':');
      const field = colon < 0 ? text : text.slice(0, colon);
      let value = colon < 0 ? '' : text.slice(colon + 1);
      if (value[0] === ' ') value = value.slice(1);
      if (field === 'data') data += `${value}\n`;
      else if (field === 'event') type = value;
    }
  };
  return (chunk) => {
    let text = pending + chunk;
    if (!text) return;
    if (afterCr && text[0] === '\n') text = text.slice(1);
    afterCr = false;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== '\r' && c !== '\n') continue;
      line(text.slice(start, i));
      if (c === '\r') {
        if (i + 1 === text.length) afterCr = true;
        else if (text[i + 1] === '\n') i++;
      }
      start = i + 1;
    }
    pending = text.slice(start);
  };
}
