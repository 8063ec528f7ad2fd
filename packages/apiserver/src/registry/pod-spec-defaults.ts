// SetDefaults_PodSpec and the defaults of everything nested in a PodSpec (containers, probes,
// ports, volumes, env field references). Applied to Pods and to every pod template (Deployment,
// ReplicaSet, DaemonSet, StatefulSet, Job, CronJob), exactly as Kubernetes' generated defaulters do.
// Pod-only defaults (enableServiceLinks, requests from limits...) live in pod-defaults.ts.
import type { Container, PodSpec } from '@kctl/shared';
import { arrayOf, isRecord, type JsonRecord } from './object-access.js';

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** 0644: the file mode of projected ConfigMap, Secret, downward API and projected volumes. */
const DEFAULT_VOLUME_FILE_MODE = 0o644;
const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

type Probe = NonNullable<Container['livenessProbe']>;
type Volume = NonNullable<PodSpec['volumes']>[number];

export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  spec.schedulerName ??= DEFAULT_SCHEDULER_NAME;
  mirrorDeprecatedServiceAccount(spec);
  for (const container of allContainers(spec)) defaultContainer(container);
  for (const volume of arrayOf<Volume>(spec.volumes)) defaultVolume(volume);
}

/** Regular, init and ephemeral containers share the Container defaults. */
export function allContainers(spec: PodSpec): Container[] {
  return [...arrayOf<Container>(spec.initContainers), ...arrayOf<Container>(spec.containers), ...arrayOf<Container>(spec.ephemeralContainers)];
}

/**
 * v1's `serviceAccount` is the deprecated twin of `serviceAccountName`: conversion fills the new
 * field from the old one and always writes the old one back, so both read the same.
 */
function mirrorDeprecatedServiceAccount(spec: PodSpec): void {
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
}

export function defaultContainer(container: Container): void {
  container.imagePullPolicy ??= defaultPullPolicy(container.image);
  container.terminationMessagePath ??= '/dev/termination-log';
  container.terminationMessagePolicy ??= 'File';
  // ResourceRequirements is a struct, not a pointer, in Go: it always serialises, as `{}` when empty.
  container.resources ??= {};
  for (const port of arrayOf(container.ports)) port.protocol ??= 'TCP';
  for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
    if (isRecord(probe)) defaultProbe(probe as Probe);
  }
  for (const handler of [container.lifecycle?.postStart, container.lifecycle?.preStop]) {
    if (isRecord(handler?.httpGet)) defaultHttpGet(handler.httpGet as JsonRecord);
  }
  for (const env of arrayOf(container.env)) defaultFieldRef(env.valueFrom?.fieldRef as JsonRecord | undefined);
}

/** `:latest` or no tag means the image moves, so it is pulled every time; anything else only once. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  return imageTag(image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
}

/** The tag of an image reference ("latest" when none), ignoring digests and registry ports. */
function imageTag(image: string): string {
  const withoutDigest = image.split('@')[0] ?? '';
  if (image.includes('@') && !withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1).includes(':')) return '';
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return colon < 0 ? 'latest' : lastSegment.slice(colon + 1);
}

function defaultProbe(probe: Probe): void {
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  if (isRecord(probe.httpGet)) defaultHttpGet(probe.httpGet as JsonRecord);
}

function defaultHttpGet(action: JsonRecord): void {
  action.path ||= '/';
  action.scheme ||= 'HTTP';
}

function defaultFieldRef(fieldRef: JsonRecord | undefined): void {
  if (fieldRef) fieldRef.apiVersion ||= 'v1';
}

/**
 * The fields of a Volume that name its source: exactly one must be set. In the order Kubernetes'
 * validateVolumeSource checks them, which decides which extra source an error names.
 */
export const VOLUME_SOURCE_KEYS = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'quobyte', 'cephfs', 'cinder', 'downwardAPI', 'fc', 'flexVolume', 'configMap',
  'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO',
  'csi', 'ephemeral', 'image',
] as const;

function defaultVolume(volume: Volume): void {
  const source = volume as unknown as JsonRecord;
  if (!VOLUME_SOURCE_KEYS.some((key) => source[key] !== undefined)) volume.emptyDir = {};
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected'] as const) {
    const section = source[key];
    if (isRecord(section)) section.defaultMode ??= DEFAULT_VOLUME_FILE_MODE;
  }
  if (isRecord(volume.hostPath)) volume.hostPath.type ??= '';
  for (const item of arrayOf(volume.downwardAPI?.items)) defaultFieldRef(item.fieldRef as JsonRecord | undefined);
  for (const projection of arrayOf(volume.projected?.sources)) {
    if (isRecord(projection.serviceAccountToken)) projection.serviceAccountToken.expirationSeconds ??= DEFAULT_TOKEN_EXPIRATION_SECONDS;
    for (const item of arrayOf(projection.downwardAPI?.items)) defaultFieldRef(item.fieldRef as JsonRecord | undefined);
  }
}
