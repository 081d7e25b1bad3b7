// The hand-written SSE parser (sse.ts) against eventsource-parser, the library the service and
// the tests use: the same events from random streams cut into random chunks, plus the cases the
// standard spells out.
import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse.js';

function parse(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const feed = createSseParser((e) => events.push(e));
  chunks.forEach(feed);
  return events;
}

function library(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createParser({ onEvent: (e) => events.push({ event: e.event, data: e.data }) });
  chunks.forEach((c) => parser.feed(c));
  return events;
}

/** A small seeded PRNG (mulberry32), so a failure names its seed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LINES = [
  'data: {"text":"Hi"}',
  'data:no space',
  'data:  two spaces',
  'data',
  'data:',
  'event: delta',
  'event:done',
  'event:',
  ': a comment',
  ':',
  'id: 7',
  'retry: 100',
  'unknown: field',
  'data: é 😀 \u2028 …',
  'data: a:b:c',
  '',
];
const ENDINGS = ['\n', '\r', '\r\n'];

describe('createSseParser', () => {
  it('gives the same events as eventsource-parser on 2,000 random streams cut at random places', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const rand = prng(seed);
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
      let stream = '';
      for (let i = 0, n = 1 + Math.floor(rand() * 30); i < n; i++) stream += pick(LINES) + pick(ENDINGS);
      // Ends in LF: the library holds a final lone CR back for a possible LF (covered below).
      stream += '\n';
      const chunks: string[] = [];
      for (let at = 0; at < stream.length;) {
        const size = Math.floor(rand() * 8); // 0 too: an empty chunk
        chunks.push(stream.slice(at, at + size));
        at += size;
      }
      expect(parse(chunks), `seed ${seed}: ${JSON.stringify(stream)}`).toEqual(library(chunks));
    }
  });

  it('ends lines at LF, CR and CRLF, also when the CRLF is cut between chunks', () => {
    const expected = [
      { event: 'delta', data: 'a' },
      { event: undefined, data: 'b\nc' },
    ];
    expect(parse(['event: delta\ndata: a\n\ndata: b\rdata: c\r\r'])).toEqual(expected);
    expect(parse(['event: delta\r', '\ndata: a\r', '\n\r', '\ndata: b\r\ndata: c\r\n\r\n'])).toEqual(
      expected,
    );
    // A CR at the end of a chunk ends the line at once: no wait for the next chunk.
    expect(parse(['data: x\r\r'])).toEqual([{ event: undefined, data: 'x' }]);
  });

  it('dispatches an empty data field, drops an event without data and one left unfinished', () => {
    expect(parse(['data\n\n', 'event: e\n\n', 'data:\ndata:\n\n', 'data: late'])).toEqual([
      { event: undefined, data: '' },
      { event: undefined, data: '\n' },
    ]);
  });

  it('resets the event type after each event, and strips one space only', () => {
    expect(parse(['event: done\ndata:  x\n\ndata: y\n\n'])).toEqual([
      { event: 'done', data: ' x' },
      { event: undefined, data: 'y' },
    ]);
  });
});
