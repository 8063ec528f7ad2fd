// One exec or attach session on an upgraded WebSocket: channel frames ↔ the runtime's ExecIO,
// then the outcome as a Status on channel 3 and a normal close, which is how kubectl and
// client-node learn the exit code.
import { PassThrough } from 'node:stream';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { WebSocket } from 'ws';
import { Channel, ChannelDemux, channelWritable, decodeResize, encodeFrame, execExitCodeStatus, execFailureStatus, execSuccessStatus } from '@kctl/shared';
import type { StreamProtocol, TerminalSize } from '@kctl/shared';
import type { ExecIO } from '../runtime/container-runtime.js';

export interface StreamRequest {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** Runs the command (or attaches) with the given IO; resolves with an exit code for exec. */
export type StreamTask = (io: ExecIO) => Promise<number | void>;

export async function runStreamSession(ws: WebSocket, protocol: StreamProtocol, request: StreamRequest, task: StreamTask, argv: string[] = []): Promise<void> {
  const send = (frame: Buffer, done: (err?: Error | null) => void) => {
    // Output for a client that went away is dropped rather than failing the command.
    if (ws.readyState !== ws.OPEN) return done();
    ws.send(frame, { binary: true }, () => done());
  };
  const demux = new ChannelDemux(protocol);
  const resizeListeners: Array<(size: TerminalSize) => void> = [];
  demux.route(Channel.resize, (payload) => {
    const size = decodeResize(payload);
    // client-go sends 0×0 first when it does not know the size yet; that is no size at all.
    if (size && size.cols > 0 && size.rows > 0) for (const listener of resizeListeners) listener(size);
  });
  const stdin = request.stdin ? new PassThrough() : undefined;
  if (stdin) demux.pipeTo(Channel.stdin, stdin);
  const outputs: Writable[] = [];
  const output = (channel: number) => {
    const stream = channelWritable(channel, protocol, send, { signalClose: false });
    outputs.push(stream);
    return stream;
  };
  // With a TTY there is one output stream: stderr is merged into stdout by the terminal.
  const io: ExecIO = {
    tty: request.tty,
    ...(stdin ? { stdin } : {}),
    ...(request.stdout ? { stdout: output(Channel.stdout) } : {}),
    ...(request.stderr && !request.tty ? { stderr: output(Channel.stderr) } : {}),
    ...(request.tty ? { onResize: (listener: (size: TerminalSize) => void) => void resizeListeners.push(listener) } : {}),
  };
  ws.on('message', (data: Buffer) => demux.receive(data));
  ws.on('close', () => demux.closeAll());
  ws.on('error', () => demux.closeAll());

  let status: object;
  try {
    const code = await task(io);
    status = code ? execExitCodeStatus(code, argv) : execSuccessStatus();
  } catch (err) {
    status = execFailureStatus((err as Error).message);
  }
  // Everything written must be on the wire before the status: clients stop reading after it.
  await Promise.all(
    outputs.map(async (stream) => {
      if (!stream.writableEnded) stream.end();
      await finished(stream).catch(() => undefined);
    }),
  );
  stdin?.destroy();
  if (ws.readyState !== ws.OPEN) return;
  await new Promise<void>((resolve) => ws.send(encodeFrame(Channel.status, JSON.stringify(status)), { binary: true }, () => resolve()));
  ws.close(1000);
}
