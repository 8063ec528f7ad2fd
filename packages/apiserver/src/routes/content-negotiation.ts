// Request bodies and response forms: which content types we decode, and when the client asked
// for a Table (kubectl's `get`) instead of the object.
import { errors } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import { parse as parseYaml } from 'yaml';
import { decodeProtobufObject, hasProtobufMagic, ProtobufDecodeError, PROTOBUF_MEDIA_TYPE } from '../protobuf/index.js';

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** Decodes a POST/PUT body (JSON or YAML) into an object; anything else is 415 or 400. */
export function decodeObjectBody(contentType: string | undefined, body: unknown): KubernetesObject {
  const type = mediaType(contentType);
  // Typed clients (kubectl create namespace|deployment|..., client-go) send protobuf.
  if (type === PROTOBUF_MEDIA_TYPE) return decodeProtobufBody(body) as KubernetesObject;
  const raw = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  if (!raw.trim()) throw errors.badRequest('the request body is empty');
  let parsed: unknown;
  if (type === 'application/json' || type === '') {
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      throw errors.badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`);
    }
  } else if (type === 'application/yaml') {
    try {
      parsed = parseYaml(raw);
    } catch (err) {
      throw errors.badRequest(`error converting YAML to JSON: ${(err as Error).message}`);
    }
  } else {
    throw errors.unsupportedMediaType(contentType ?? '');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw errors.badRequest(`couldn't get version/kind; json parse error: the body is not a JSON object`);
  }
  return parsed as KubernetesObject;
}

function decodeProtobufBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) throw errors.badRequest('the request body is empty');
  try {
    return decodeProtobufObject(body);
  } catch (err) {
    if (err instanceof ProtobufDecodeError) throw errors.badRequest(`error decoding the protobuf body: ${err.message}`);
    throw err;
  }
}

/** Decodes an optional JSON body (DELETE options, bindings); typed clients may send them as protobuf. */
export function decodeOptionalJson(body: unknown): unknown {
  if (Buffer.isBuffer(body) && hasProtobufMagic(body)) return decodeProtobufBody(body);
  const raw = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  if (!raw.trim()) return undefined;
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw errors.badRequest(`json parse error: ${(err as Error).message}`);
  }
}

export type IncludeObject = 'Metadata' | 'Object' | 'None';

/** The Table request, if the Accept header makes one (meta.k8s.io v1 or v1beta1). */
export function tableRequest(accept: string | undefined, includeObject: string | undefined): { includeObject: IncludeObject } | undefined {
  if (!accept || !accept.includes('as=Table')) return undefined;
  const wantsTable = accept
    .split(',')
    .some((part) => part.includes('as=Table') && part.includes('g=meta.k8s.io') && /v=v1(beta1)?\b/.test(part));
  if (!wantsTable) {
    // Only a Table form the client also accepts plain JSON for falls back silently.
    if (accept.split(',').some((p) => mediaType(p) === 'application/json' && !p.includes('as='))) return undefined;
    throw errors.notAcceptable('only the following media types are accepted: application/json;as=Table;v=v1;g=meta.k8s.io');
  }
  const mode = includeObject || 'Metadata';
  if (mode !== 'Metadata' && mode !== 'Object' && mode !== 'None') {
    throw errors.badRequest(`unsupported includeObject value: ${JSON.stringify(includeObject)}`);
  }
  return { includeObject: mode };
}
