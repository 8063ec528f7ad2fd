// Answers an HTTP upgrade request that will not be upgraded with a plain HTTP response carrying
// a Status, written on the raw socket: once a server has an 'upgrade' listener, such requests
// never reach the normal request handlers. kubectl prints the Status of the SPDY retry.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Status } from '../api/object-types.js';

export function rejectUpgrade(socket: Duplex, status: Status): void {
  const body = Buffer.from(JSON.stringify(status));
  const head =
    `HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? 'Error'}\r\n` +
    'Content-Type: application/json\r\n' +
    `Content-Length: ${body.length}\r\n` +
    'Connection: close\r\n\r\n';
  if (socket.destroyed) return;
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
}
