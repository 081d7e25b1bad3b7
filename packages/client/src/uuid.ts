/**
 * UUIDv7 (RFC 9562): 48-bit Unix ms timestamp, version 7, then a 12-bit counter (§6.2 method 1)
 * and 62 random bits. Ids made in one page sort in creation order even within a millisecond or
 * when the clock steps back. Hand-written (15 lines) instead of the `uuidv7` package, whose
 * 4.6 KB minified did not fit the launcher's 12 KB budget (docs/design.md §8); tested in uuid.test.ts.
 */
let lastMs = -1;
let counter = 0;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function uuidv7(now: number = Date.now()): string {
  const random = crypto.getRandomValues(new Uint8Array(10));
  if (now > lastMs) {
    lastMs = now;
    counter = ((random[0]! & 0x07) << 8) | random[1]!; // start low in the 12 bits: room to count up
  } else if (++counter > 0xfff) {
    lastMs++; // counter exhausted (or clock went back): borrow the next millisecond
    counter = 0;
  }
  const bytes = new Uint8Array(16);
  let ms = lastMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes.set(random.subarray(2), 8);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
