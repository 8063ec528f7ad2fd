// The Environment / "Environment Variables from" lines of a container (describe.go's
// describeContainerEnvVars, describeContainerEnvFrom and EnvValueRetriever).
import type { Container, Pod } from '@kctl/shared';
import { parseQuantity, quantityMilliValue, quantityValue } from '@kctl/shared';
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_2, LEVEL_3 } from './prefix-writer.js';

type EnvVar = NonNullable<Container['env']>[number];

/** fieldpath.ExtractFieldPathAsString for the pod fields a fieldRef may name; "" when unknown. */
export function resolvePodFieldPath(pod: Pod, fieldPath: string): string {
  const mapKey = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (mapKey) return pod.metadata?.[mapKey[1] as 'labels' | 'annotations']?.[mapKey[2] ?? ''] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata?.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.hostIPs':
      return (pod.status?.hostIPs ?? []).map((ip) => ip.ip).join(',');
    case 'status.podIPs':
      return (pod.status?.podIPs ?? []).map((ip) => ip.ip).join(',');
    default:
      return '';
  }
}

/** resourcehelper.ExtractContainerResourceValue: the value rounded up in units of the divisor. */
function containerResourceValue(container: Container, resource: string, divisorRaw: string | number | undefined): string {
  const [kind, name] = resource.split('.', 2) as [string, string | undefined];
  const list = kind === 'limits' ? container.resources?.limits : kind === 'requests' ? container.resources?.requests : undefined;
  if (!list || !name) return '';
  const quantity = parseQuantity(list[name] ?? 0);
  const divisor = parseQuantity(divisorRaw ?? 1);
  if (!quantity || !divisor || divisor.nanos === 0n) return '';
  if (name === 'cpu') return String(Math.ceil(quantityMilliValue(quantity) / quantityMilliValue(divisor)));
  return String(Math.ceil(quantityValue(quantity) / quantityValue(divisor)));
}

export function describeContainerEnvVars(container: Container, pod: Pod | undefined, w: PrefixWriter): void {
  const env = container.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) writeEnvVar(e, container, pod, w);
}

function writeEnvVar(e: EnvVar, container: Container, pod: Pod | undefined, w: PrefixWriter): void {
  const from = e.valueFrom;
  if (!from) {
    (e.value ?? '').split('\n').forEach((line, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
    return;
  }
  if (from.fieldRef) {
    // Pod templates have no pod to resolve against: kubectl passes a nil resolver there.
    const value = pod ? resolvePodFieldPath(pod, from.fieldRef.fieldPath) : '';
    w.write(LEVEL_3, `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`);
  } else if (from.resourceFieldRef) {
    const resource = from.resourceFieldRef.resource;
    let value = containerResourceValue(container, resource, from.resourceFieldRef.divisor);
    if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
    w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
  } else if (from.secretKeyRef) {
    const ref = from.secretKeyRef;
    w.write(LEVEL_3, `${e.name}:\t<set to the key '${ref.key}' in secret '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`);
  } else if (from.configMapKeyRef) {
    const ref = from.configMapKeyRef;
    w.write(LEVEL_3, `${e.name}:\t<set to the key '${ref.key}' of config map '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`);
  }
}

export function describeContainerEnvFrom(container: Container, w: PrefixWriter): void {
  const sources = container.envFrom ?? [];
  if (sources.length === 0) return;
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const source of sources) {
    const ref = source.configMapRef ?? source.secretRef;
    const kind = source.configMapRef ? 'ConfigMap' : source.secretRef ? 'Secret' : '';
    const optional = ref?.optional === true;
    const what = source.prefix ? `${kind} with prefix '${source.prefix}'` : kind;
    w.write(LEVEL_3, `${ref?.name ?? ''}\t${what}\tOptional: ${optional}\n`);
  }
}
