// Binding as a promise: net servers and dgram sockets both report a bind through 'listening' or
// 'error' events.
import type { EventEmitter } from 'node:events';

export function whenListening(emitter: EventEmitter, bind: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    emitter.once('error', onError);
    emitter.once('listening', () => {
      emitter.off('error', onError);
      resolve();
    });
    bind();
  });
}
