/**
 * Lingering close, as nginx does. When a response ends while its request body is still arriving
 * (a 413 refused before reading the upload), Node closes the socket as soon as the response is
 * sent; the client's next write then meets a reset, and its kernel may discard the response it
 * had not read yet, so the user sees a network error instead of the 413. Such a socket instead
 * keeps reading, and discarding, for up to `lingerMs` before it closes.
 */
import type { Server } from 'node:http';

export function lingerAfterEarlyResponses(server: Server, lingerMs = 2_000): void {
  server.on('request', (req, res) => {
    // Node's own finish handler runs first and asks the socket to destroy itself once its FIN is out.
    res.once('finish', () => {
      const socket = req.socket;
      if (req.complete || socket.destroyed) return;
      // A kept-alive socket is not closing: Node reads off the rest of the body itself.
      if (!socket.listeners('finish').includes(socket.destroy)) return;
      socket.removeListener('finish', socket.destroy);
      socket.on('data', () => undefined);
      socket.once('end', () => socket.destroy());
      setTimeout(() => socket.destroy(), lingerMs).unref();
    });
  });
}
