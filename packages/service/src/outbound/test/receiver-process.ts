/**
 * The counting receiver (processes.ts) as a process of its own, for the benchmark: a real
 * receiver runs on another machine, so its work must not load the process being measured.
 * Prints `ready <hook url> <count url>`; a GET of the count URL answers the requests received.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countingReceiver } from './processes.js';

const receiver = await countingReceiver();
const control = createServer((_req, res) => res.end(String(receiver.total())));
control.listen(0, '127.0.0.1', () => {
  const { port } = control.address() as AddressInfo;
  console.log(`ready ${receiver.url} http://127.0.0.1:${port}/`);
});
process.once('SIGTERM', () => void receiver.close().then(() => process.exit(0)));
