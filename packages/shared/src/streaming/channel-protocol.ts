// The Kubernetes remote-command channel protocol over WebSocket (v4/v5.channel.k8s.io): every
// binary message is one channel byte followed by that channel's payload. One implementation for
// the kubelet server, the API server proxy and the CLI client.

export const STREAM_PROTOCOL_V5 = 'v5.channel.k8s.io';
export const STREAM_PROTOCOL_V4 = 'v4.channel.k8s.io';
/** In order of preference; v5 adds the close signal, otherwise identical to v4. */
export const SUPPORTED_STREAM_PROTOCOLS = [STREAM_PROTOCOL_V5, STREAM_PROTOCOL_V4] as const;
export type StreamProtocol = (typeof SUPPORTED_STREAM_PROTOCOLS)[number];

export const Channel = {
  stdin: 0,
  stdout: 1,
  stderr: 2,
  /** metav1.Status JSON once the command ended (v4+) */
  status: 3,
  /** terminal size JSON {"Width":w,"Height":h} */
  resize: 4,
  /** v5 only: [255, channel] half-closes that channel (kubectl sends [255, 0] on stdin EOF) */
  close: 255,
} as const;

export type ChannelFrame =
  | { kind: 'data'; channel: number; payload: Buffer }
  | { kind: 'close'; channel: number };

export function encodeFrame(channel: number, payload: Buffer | string = Buffer.alloc(0)): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const frame = Buffer.allocUnsafe(body.length + 1);
  frame[0] = channel;
  body.copy(frame, 1);
  return frame;
}

export function encodeCloseFrame(channel: number): Buffer {
  return Buffer.from([Channel.close, channel]);
}

/** Undefined for an empty message (carries nothing on any channel). */
export function decodeFrame(message: Buffer, protocol: StreamProtocol): ChannelFrame | undefined {
  if (message.length === 0) return undefined;
  const channel = message[0] as number;
  // The close signal exists only in v5; under v4 channel 255 is just an unknown data channel.
  if (channel === Channel.close && protocol === STREAM_PROTOCOL_V5) {
    const closed = message[1];
    return closed === undefined ? undefined : { kind: 'close', channel: closed };
  }
  return { kind: 'data', channel, payload: message.subarray(1) };
}

/**
 * The subprotocol to answer a client's `Sec-WebSocket-Protocol` offer with: the client's order
 * decides among those we speak (kubectl offers only v5; client-node offers v5 first).
 */
export function negotiateStreamProtocol(offered: Iterable<string> | string | undefined): StreamProtocol | undefined {
  if (offered === undefined) return undefined;
  const list = typeof offered === 'string' ? offered.split(',') : [...offered];
  for (const raw of list) {
    const name = raw.trim();
    if ((SUPPORTED_STREAM_PROTOCOLS as readonly string[]).includes(name)) return name as StreamProtocol;
  }
  return undefined;
}

export interface TerminalSize {
  cols: number;
  rows: number;
}

/** Resize payload as client-go writes it (Go field names, newline-terminated). */
export function encodeResize(size: TerminalSize): Buffer {
  return encodeFrame(Channel.resize, `${JSON.stringify({ Width: size.cols, Height: size.rows })}\n`);
}

/** Parses one resize payload; undefined for anything that is not a size. */
export function decodeResize(payload: Buffer): TerminalSize | undefined {
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as { Width?: unknown; Height?: unknown };
    if (typeof parsed.Width === 'number' && typeof parsed.Height === 'number') return { cols: parsed.Width, rows: parsed.Height };
  } catch {
    // a malformed resize is ignored, as the kubelet does
  }
  return undefined;
}
