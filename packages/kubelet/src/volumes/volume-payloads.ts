// What configMap, secret, downwardAPI and projected volumes hold: Kubernetes' MakePayload
// (configmap and secret plugins), downwardapi.CollectData and projected collectData, with their
// error messages. The payload then goes through the AtomicWriter.
import type { Container, DownwardApiFile, KeyToPath, Pod, Volume } from './api-objects.js';
import type { Payload } from './atomic-writer.js';
import { configMapFiles, secretFiles } from './config-data.js';
import type { ConfigSources } from './config-sources.js';
import { containerResourceValue, namedContainer, podFieldValue } from './downward-api.js';
import type { NodeAllocatable } from './downward-api.js';

/** Mode of a projected file without its own (defaultMode's default for every kind). */
export const DEFAULT_FILE_MODE = 0o644;

type Projected = NonNullable<Volume['projected']>;

/** utilerrors.NewAggregate's message: the one error, or `[a, b]`. */
function aggregate(errors: string[]): Error | undefined {
  if (errors.length === 0) return undefined;
  return new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
}

interface KeyedSource {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  items: KeyToPath[] | undefined;
  optional: boolean;
}

/** configmap/secret MakePayload: every key (items unset) or the listed ones, under their paths. */
async function keyedPayload(source: KeyedSource, namespace: string, defaultMode: number, sources: ConfigSources): Promise<Payload> {
  const { kind, name, items, optional } = source;
  const object = kind === 'ConfigMap' ? await sources.get('ConfigMap', namespace, name) : await sources.get('Secret', namespace, name);
  if (!object && !optional) throw new Error(`${kind.toLowerCase()} ${JSON.stringify(name)} not found`);
  const files = !object ? new Map<string, Buffer>() : kind === 'ConfigMap' ? configMapFiles(object) : secretFiles(object);
  const payload: Payload = new Map();
  if (!items?.length) {
    for (const [key, data] of files) payload.set(key, { data, mode: defaultMode });
    return payload;
  }
  for (const item of items) {
    const data = files.get(item.key);
    if (!data) {
      if (optional) continue;
      throw new Error(kind === 'ConfigMap' ? `configmap references non-existent config key: ${item.key}` : `secret references non-existent secret key: ${item.key}`);
    }
    payload.set(item.path, { data, mode: item.mode ?? defaultMode });
  }
  return payload;
}

/** downwardapi.CollectData: one file per item, a field of the pod or a container resource. */
function downwardApiPayload(pod: Pod, items: DownwardApiFile[], defaultMode: number, node: NodeAllocatable): { payload: Payload; errors: string[] } {
  const payload: Payload = new Map();
  const errors: string[] = [];
  for (const item of items) {
    let value = '';
    try {
      if (item.fieldRef) value = podFieldValue(pod, item.fieldRef);
      else if (item.resourceFieldRef) {
        const name = item.resourceFieldRef.containerName;
        const container: Container | undefined = namedContainer(pod, name);
        if (!container) throw new Error(`container ${name ?? ''} not found`);
        value = containerResourceValue(item.resourceFieldRef, container, node);
      }
    } catch (err) {
      errors.push((err as Error).message);
    }
    payload.set(item.path, { data: Buffer.from(value, 'utf8'), mode: item.mode ?? defaultMode });
  }
  return { payload, errors };
}

export interface PayloadInputs {
  pod: Pod;
  sources: ConfigSources;
  node: NodeAllocatable;
}

/** The files of a configMap, secret, downwardAPI or projected volume; undefined for other kinds. */
export async function volumePayload(volume: Volume, { pod, sources, node }: PayloadInputs): Promise<Payload | undefined> {
  const namespace = pod.metadata?.namespace ?? '';
  if (volume.configMap) {
    const { name = '', items, optional = false, defaultMode = DEFAULT_FILE_MODE } = volume.configMap;
    return keyedPayload({ kind: 'ConfigMap', name, items, optional }, namespace, defaultMode, sources);
  }
  if (volume.secret) {
    const { secretName = '', items, optional = false, defaultMode = DEFAULT_FILE_MODE } = volume.secret;
    return keyedPayload({ kind: 'Secret', name: secretName, items, optional }, namespace, defaultMode, sources);
  }
  if (volume.downwardAPI) {
    const { payload, errors } = downwardApiPayload(pod, volume.downwardAPI.items ?? [], volume.downwardAPI.defaultMode ?? DEFAULT_FILE_MODE, node);
    const failure = aggregate(errors);
    if (failure) throw failure;
    return payload;
  }
  if (volume.projected) return projectedPayload(volume.projected, { pod, sources, node });
  return undefined;
}

/** projected collectData: the sources' files merged in order; every failure collected. */
async function projectedPayload(projected: Projected, { pod, sources, node }: PayloadInputs): Promise<Payload> {
  const namespace = pod.metadata?.namespace ?? '';
  const defaultMode = projected.defaultMode ?? DEFAULT_FILE_MODE;
  const payload: Payload = new Map();
  const errors: string[] = [];
  const merge = (files: Payload) => files.forEach((file, path) => payload.set(path, file));
  for (const source of projected.sources ?? []) {
    try {
      if (source.configMap) {
        const { name = '', items, optional = false } = source.configMap;
        merge(await keyedPayload({ kind: 'ConfigMap', name, items, optional }, namespace, defaultMode, sources));
      } else if (source.secret) {
        const { name = '', items, optional = false } = source.secret;
        merge(await keyedPayload({ kind: 'Secret', name, items, optional }, namespace, defaultMode, sources));
      } else if (source.downwardAPI) {
        const collected = downwardApiPayload(pod, source.downwardAPI.items ?? [], defaultMode, node);
        merge(collected.payload);
        errors.push(...collected.errors);
      }
      // serviceAccountToken: there is no TokenRequest API to ask, so no token file is written.
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  const failure = aggregate(errors);
  if (failure) throw failure;
  return payload;
}
