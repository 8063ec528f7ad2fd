// ConfigMap and Secret contents decoded once: env vars read text (a ConfigMap's `data` only, as
// Kubernetes does), volume files read bytes (`data` and `binaryData`). Secret values travel base64.
import type { ConfigMap, Secret } from './api-objects.js';

function decoded(map: Record<string, string> | undefined): Array<[string, Buffer]> {
  return Object.entries(map ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]);
}

/** A secret's bytes; stringData (write-only in Kubernetes, merged by the API server) wins if still present. */
function secretBytes(secret: Secret & { stringData?: Record<string, string> }): Map<string, Buffer> {
  const plain = Object.entries(secret.stringData ?? {}).map(([key, value]): [string, Buffer] => [key, Buffer.from(value, 'utf8')]);
  return new Map([...decoded(secret.data), ...plain]);
}

export function configMapEnv(configMap: ConfigMap | undefined): Map<string, string> | undefined {
  return configMap && new Map(Object.entries(configMap.data ?? {}));
}

export function secretEnv(secret: Secret | undefined): Map<string, string> | undefined {
  return secret && new Map([...secretBytes(secret)].map(([key, bytes]) => [key, bytes.toString('utf8')]));
}

export function configMapFiles(configMap: ConfigMap): Map<string, Buffer> {
  const text = Object.entries(configMap.data ?? {}).map(([key, value]): [string, Buffer] => [key, Buffer.from(value, 'utf8')]);
  return new Map([...text, ...decoded(configMap.binaryData)]);
}

export function secretFiles(secret: Secret): Map<string, Buffer> {
  return secretBytes(secret);
}
