// Lingering applies to a socket Node is closing, never to a kept-alive one: a route that answers
// without reading its small body must leave the connection open for the client's next request.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { lingerAfterEarlyResponses } from './linger.js';

const LINGER_MS = 50;
let server: Server;
afterEach(() => new Promise<void>((done) => server.close(() => done())));

async function listen(close: boolean): Promise<number> {
  server = createServer((_req, res) => {
    // Answers before the body has arrived, as a 413 or a route that ignores its body does; a
    // turn later, as the service's async handlers do.
    setImmediate(() => res.writeHead(200, close ? { connection: 'close' } : {}).end('ok'));
  });
  lingerAfterEarlyResponses(server, LINGER_MS);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** Sends headers announcing a 2-byte body, waits for the answer, and only then sends the body. */
async function earlyAnswer(socket: Socket): Promise<string> {
  socket.write('POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n');
  const [chunk] = (await once(socket, 'data')) as [Buffer];
  socket.write('{}');
  return chunk.toString('latin1');
}

test('a kept-alive socket whose body was unread at the answer serves the next request', async () => {
  const port = await listen(false);
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  expect(await earlyAnswer(socket)).toMatch(/^HTTP\/1\.1 200/);
  await new Promise((wait) => setTimeout(wait, LINGER_MS * 3));
  expect(socket.destroyed).toBe(false);
  expect(await earlyAnswer(socket)).toMatch(/^HTTP\/1\.1 200/);
  socket.destroy();
});

test('a socket answered with connection: close keeps reading the upload, then closes', async () => {
  const port = await listen(true);
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  // Half-open, as a client still uploading: the server's FIN does not end its side.
  const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  await once(socket, 'connect');
  const [serverSide] = await accepted;
  expect(await earlyAnswer(socket)).toMatch(/connection: close/i);
  await new Promise((wait) => setTimeout(wait, LINGER_MS / 5));
  // The server still reads, so the rest of the upload meets no reset, and closes once it ends.
  expect(serverSide.destroyed).toBe(false);
  socket.end();
  await once(serverSide, 'close');
});
