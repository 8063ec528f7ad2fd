// application/vnd.kubernetes.protobuf request bodies: the 4-byte magic "k8s\0", then a
// runtime.Unknown {typeMeta {apiVersion, kind}, raw, contentEncoding, contentType} whose raw
// bytes are the object's own message. Returns the object as Kubernetes' JSON, so the create /
// update paths handle it exactly like a JSON body.
import { decodeMessage } from './decode-message.js';
import { KIND_MESSAGES } from './schema.generated.js';
import { ProtobufDecodeError, wireFields } from './wire-reader.js';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"

export function hasProtobufMagic(body: Buffer): boolean {
  return body.length >= MAGIC.length && body.subarray(0, MAGIC.length).equals(MAGIC);
}

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Buffer;
  contentEncoding: string;
}

function readEnvelope(body: Buffer): Envelope {
  const env: Envelope = { apiVersion: '', kind: '', raw: Buffer.alloc(0), contentEncoding: '' };
  for (const f of wireFields(body.subarray(MAGIC.length))) {
    if (f.number === 1) {
      for (const t of wireFields(f.bytes)) {
        if (t.number === 1) env.apiVersion = t.bytes.toString('utf8');
        else if (t.number === 2) env.kind = t.bytes.toString('utf8');
      }
    } else if (f.number === 2) env.raw = f.bytes;
    else if (f.number === 3) env.contentEncoding = f.bytes.toString('utf8');
  }
  return env;
}

/**
 * Decodes a protobuf-encoded object. Throws ProtobufDecodeError for anything malformed, an
 * unknown kind, or an encoding we do not read (the caller answers 400).
 */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (!hasProtobufMagic(body)) throw new ProtobufDecodeError('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  const env = readEnvelope(body);
  if (!env.kind || !env.apiVersion) throw new ProtobufDecodeError('the protobuf envelope has no apiVersion or kind');
  if (env.contentEncoding) throw new ProtobufDecodeError(`unsupported protobuf content encoding ${JSON.stringify(env.contentEncoding)}`);
  // Clients send DeleteOptions under whichever group version they talk to.
  const message = KIND_MESSAGES[`${env.apiVersion}/${env.kind}`] ?? (env.kind === 'DeleteOptions' ? KIND_MESSAGES['meta.k8s.io/v1/DeleteOptions'] : undefined);
  if (!message) throw new ProtobufDecodeError(`no kind ${JSON.stringify(env.kind)} is registered for version ${JSON.stringify(env.apiVersion)} in the protobuf decoder`);
  const object = decodeMessage(message, env.raw, env.kind) as Record<string, unknown>;
  // TypeMeta is not part of the object's message: it travels in the envelope.
  return { kind: env.kind, apiVersion: env.apiVersion, ...object };
}
