// `attach` for the process runtime: connects to the shim's attach socket, relays stdin, output
// and terminal resizes, and ends when the container exits or the socket closes.
import { openSync, closeSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import type { ExecIO } from './container-runtime.js';
import { ClientFrame, FrameDecoder, ShimFrame, encodeFrame, encodeResize } from './attach-protocol.js';

// sockaddr_un holds 108 bytes; deeper state dirs are reached through /proc/self/fd/N/ instead.
const MAX_SOCKET_PATH = 100;

export async function attachToShim(socketDir: string, socketName: string, io: ExecIO): Promise<void> {
  const socket = await connectShortPath(socketDir, socketName);
  const decoder = new FrameDecoder();
  socket.on('data', (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) {
      if (frame.type === ShimFrame.stdout) io.stdout?.write(frame.payload);
      else if (frame.type === ShimFrame.stderr) (io.tty ? io.stdout : io.stderr)?.write(frame.payload);
    }
  });
  const onInput = (chunk: Buffer | string) => socket.write(encodeFrame(ClientFrame.stdin, Buffer.from(chunk)));
  const onInputEnd = () => socket.write(encodeFrame(ClientFrame.stdinEof));
  io.stdin?.on('data', onInput);
  io.stdin?.once('end', onInputEnd);
  io.onResize?.(({ cols, rows }) => {
    if (!socket.destroyed) socket.write(encodeResize(cols, rows));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('close', () => resolve());
      socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? resolve() : reject(error)));
    });
  } finally {
    io.stdin?.off('data', onInput);
    io.stdin?.off('end', onInputEnd);
  }
}

async function connectShortPath(dir: string, name: string): Promise<Socket> {
  const direct = `${dir}/${name}`;
  if (direct.length <= MAX_SOCKET_PATH) return connectTo(direct);
  const dirFd = openSync(dir, 'r');
  try {
    return await connectTo(`/proc/self/fd/${dirFd}/${name}`);
  } finally {
    closeSync(dirFd); // the connection outlives the path it was made through
  }
}

function connectTo(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
