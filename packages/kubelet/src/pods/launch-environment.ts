// The LaunchEnvironment the kubelet uses: Kubernetes' makeEnvironmentVariables. Service env vars
// first, then envFrom (ConfigMaps and Secrets, with prefix), then the spec's env in order, each
// valueFrom resolved (fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef) and each literal
// value $(VAR)-expanded. A missing source that is not optional is the kubelet's
// CreateContainerConfigError, with Kubernetes' own messages.
import { buildContainerEnvironment, expandCommand } from '../runtime/container-environment.js';
import type { ResolvedEnvVar } from '../runtime/container-environment.js';
import type { Container, EnvVar, Pod } from '../volumes/api-objects.js';
import type { ConfigSources } from '../volumes/config-sources.js';
import { configMapEnv, secretEnv } from '../volumes/config-data.js';
import { DownwardApiError, containerResourceValue, podFieldValue } from '../volumes/downward-api.js';
import type { NodeAllocatable } from '../volumes/downward-api.js';
import { serviceEnvironment } from '../volumes/service-env.js';
import { ContainerConfigError } from './container-launch.js';
import type { LaunchContext, LaunchEnvironment } from './container-launch.js';

export interface LaunchEnvironmentOptions {
  sources: ConfigSources;
  /** the node's allocatable resources: a resourceFieldRef limit the container does not set */
  nodeAllocatable: () => NodeAllocatable;
  /** a pod-level warning event (InvalidEnvironmentVariableNames) */
  onWarning?: (pod: Pod, reason: string, message: string) => void;
  /** HOME for containers; default the kubelet user's home */
  home?: string;
}

// validation.IsEnvVarName: what envFrom keys must look like to become variables.
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

type Kind = 'ConfigMap' | 'Secret';
type Entries = Map<string, string>;

/** One container's lookups: each ConfigMap/Secret is read once per environment, as Kubernetes does. */
class SourceReader {
  private readonly seen = new Map<string, Entries | undefined>();

  constructor(
    private readonly sources: ConfigSources,
    private readonly namespace: string,
  ) {}

  /** The object's decoded data; undefined when it does not exist. */
  async entries(kind: Kind, name: string): Promise<Entries | undefined> {
    const key = `${kind}/${name}`;
    if (this.seen.has(key)) return this.seen.get(key);
    let entries: Entries | undefined;
    try {
      entries =
        kind === 'ConfigMap'
          ? configMapEnv(await this.sources.get('ConfigMap', this.namespace, name))
          : secretEnv(await this.sources.get('Secret', this.namespace, name));
    } catch (err) {
      throw new ContainerConfigError(err instanceof Error ? err.message : String(err));
    }
    this.seen.set(key, entries);
    return entries;
  }

  /** The entries, or the kubelet's not-found error unless OPTIONAL (then undefined). */
  async required(kind: Kind, name: string, optional: boolean): Promise<Entries | undefined> {
    const entries = await this.entries(kind, name);
    if (!entries && !optional) throw new ContainerConfigError(`${kind.toLowerCase()} ${JSON.stringify(name)} not found`);
    return entries;
  }
}

export function createLaunchEnvironment(opts: LaunchEnvironmentOptions): LaunchEnvironment {
  return {
    async environment(pod: Pod, container: Container, context: LaunchContext) {
      const namespace = pod.metadata?.namespace ?? '';
      const reader = new SourceReader(opts.sources, namespace);
      const services = serviceEnvironment(opts.sources.list('Service'), namespace, pod.spec?.enableServiceLinks ?? true);
      const fromSources = await envFromSources(pod, container, reader, opts.onWarning);
      const env: ResolvedEnvVar[] = [];
      for (const envVar of container.env ?? []) {
        const resolved = await resolveEnvVar(pod, container, envVar, reader, context, opts.nodeAllocatable);
        if (resolved) env.push(resolved);
      }
      return buildContainerEnvironment({
        podName: pod.metadata?.name ?? '',
        ...(opts.home !== undefined ? { home: opts.home } : {}),
        inherited: [...services, ...fromSources],
        env,
      });
    },
    expandCommand,
  };
}

/** envFrom in order; keys that are not valid variable names are skipped with one warning per source. */
async function envFromSources(pod: Pod, container: Container, reader: SourceReader, onWarning: LaunchEnvironmentOptions['onWarning']): Promise<Entries> {
  const result: Entries = new Map();
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    if (!ref) continue;
    const kind: Kind = source.configMapRef ? 'ConfigMap' : 'Secret';
    const name = ref.name ?? '';
    const entries = await reader.required(kind, name, ref.optional ?? false);
    const invalid: string[] = [];
    for (const [key, value] of entries ?? []) {
      const variable = (source.prefix ?? '') + key;
      if (ENV_VAR_NAME.test(variable)) result.set(variable, value);
      else invalid.push(variable);
    }
    if (invalid.length) {
      onWarning?.(
        pod,
        'InvalidEnvironmentVariableNames',
        `Keys [${invalid.sort().join(', ')}] from the EnvFrom ${kind === 'ConfigMap' ? 'configMap' : 'secret'} ${pod.metadata?.namespace}/${name} were skipped since they are considered invalid environment variable names.`,
      );
    }
  }
  return result;
}

/** One env entry; undefined when an optional source or key is missing (the variable is not set). */
async function resolveEnvVar(
  pod: Pod,
  container: Container,
  envVar: EnvVar,
  reader: SourceReader,
  context: LaunchContext,
  nodeAllocatable: () => NodeAllocatable,
): Promise<ResolvedEnvVar | undefined> {
  const from = envVar.valueFrom;
  if (envVar.value || !from) return { name: envVar.name, value: envVar.value ?? '' };
  const verbatim = (value: string): ResolvedEnvVar => ({ name: envVar.name, value, verbatim: true });
  try {
    if (from.fieldRef) return verbatim(podFieldValue(pod, from.fieldRef, context));
    if (from.resourceFieldRef) return verbatim(containerResourceValue(from.resourceFieldRef, container, nodeAllocatable()));
  } catch (err) {
    if (err instanceof DownwardApiError) throw new ContainerConfigError(err.message);
    throw err;
  }
  const keyRef = from.configMapKeyRef ?? from.secretKeyRef;
  if (!keyRef) return verbatim('');
  const kind: Kind = from.configMapKeyRef ? 'ConfigMap' : 'Secret';
  const optional = keyRef.optional ?? false;
  const entries = await reader.required(kind, keyRef.name ?? '', optional);
  if (!entries) return undefined;
  const value = entries.get(keyRef.key);
  if (value !== undefined) return verbatim(value);
  if (optional) return undefined;
  throw new ContainerConfigError(`couldn't find key ${keyRef.key} in ${kind} ${pod.metadata?.namespace}/${keyRef.name ?? ''}`);
}
