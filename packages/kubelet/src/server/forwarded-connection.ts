// One forwarded connection's relay as both port-forward protocols use it: the pod's answers go
// out through `write` (one chunk in flight, so the pod's server is read no faster than the
// client takes it), and the relay's end becomes the kubelet's error message, if any
// (httpstream.go / websocket.go: "error forwarding port P to pod NAME, uid UID: ...").
import type { PortRelay } from './port-relay.js';

export interface ForwardedConnection {
  relay: PortRelay;
  /** bytes from the client to the pod's server */
  input(chunk: Buffer): void;
  /** the client will send no more */
  endInput(): void;
  /** the client is gone */
  stop(): void;
  /** resolves when the relay ended: the error message to report, or undefined */
  done: Promise<string | undefined>;
}

export function startForwardedConnection(opts: {
  relay: PortRelay;
  port: number;
  podName: string;
  podUid: string;
  write: (chunk: Buffer, done: () => void) => void;
  /** the client should pause / resume sending (the relay's stdin is full / drained) */
  backpressure?: (paused: boolean) => void;
}): ForwardedConnection {
  const { relay, port } = opts;
  const describe = (message: string) => `error forwarding port ${port} to pod ${opts.podName}, uid ${opts.podUid}: ${message}`;
  relay.stdin.on('error', () => undefined);
  relay.stdin.on('drain', () => opts.backpressure?.(false));
  relay.stdout.on('data', (chunk: Buffer) => {
    relay.stdout.pause();
    opts.write(chunk, () => relay.stdout.resume());
  });
  const stderr: Buffer[] = [];
  relay.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const done = new Promise<string | undefined>((resolve) => {
    relay.once('error', (err) => resolve(describe(err.message)));
    // 'close' (not 'exit'): everything the relay printed has been read by then.
    relay.once('close', (code) => {
      const message = Buffer.concat(stderr).toString('utf8').trim();
      resolve(code === 0 ? undefined : describe(message || `relay exited with ${code}`));
    });
  });
  const writable = () => !relay.stdin.writableEnded && !relay.stdin.destroyed;
  return {
    relay,
    input(chunk) {
      if (writable() && !relay.stdin.write(chunk)) opts.backpressure?.(true);
    },
    endInput() {
      if (writable()) relay.stdin.end();
    },
    stop() {
      if (relay.exitCode === null && relay.signalCode === null) relay.kill('SIGTERM');
    },
    done,
  };
}
