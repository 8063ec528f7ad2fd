// Kubernetes' RealPodControl (pkg/controller/controller_utils.go): creates pods from a controller's
// template and deletes them, recording the controller's SuccessfulCreate / FailedCreate /
// SuccessfulDelete / FailedDelete events with upstream's messages.
import { ApiError, EventRecorder } from '@kctl/shared';
import type { ApiClient, ObjectMeta, Pod, PodTemplateSpec } from '@kctl/shared';
import { EventSpamFilter } from './event-spam-filter.js';
import { controllerRefOf } from './owner-reference.js';
import type { ControllerObject } from './owner-reference.js';

export interface CreatePodOptions {
  /** defaults to `<owner-name>-` (the server adds 5 random characters) */
  generateName?: string;
  /** a fixed name instead of a generated one (StatefulSet) */
  name?: string;
  /** binds the pod directly (DaemonSet) */
  nodeName?: string;
  /** added to the template's labels (e.g. controller-revision-hash) */
  extraLabels?: Record<string, string>;
  extraAnnotations?: Record<string, string>;
  /** where events go; by default one recorder per client and controller kind */
  recorder?: EventRecorder;
}

// Upstream's event source components, by controller kind.
const COMPONENTS: Readonly<Record<string, string>> = {
  ReplicaSet: 'replicaset-controller',
  ReplicationController: 'replication-controller',
  Job: 'job-controller',
  DaemonSet: 'daemonset-controller',
  StatefulSet: 'statefulset-controller',
  CronJob: 'cronjob-controller',
};

const recorders = new WeakMap<ApiClient, Map<string, EventRecorder>>();

/** One recorder per client and component, so repeats aggregate like client-go's correlator. */
export function recorderFor(client: ApiClient, owner: ControllerObject): EventRecorder {
  const component = COMPONENTS[owner.kind ?? ''] ?? `${(owner.kind ?? 'unknown').toLowerCase()}-controller`;
  let byComponent = recorders.get(client);
  if (!byComponent) recorders.set(client, (byComponent = new Map()));
  let recorder = byComponent.get(component);
  if (!recorder) byComponent.set(component, (recorder = new EventRecorder(client, { component })));
  return recorder;
}

const spamFilters = new WeakMap<EventRecorder, EventSpamFilter>();

/**
 * Events go out in the background as with client-go's broadcaster: a controller never waits for
 * them, and a failed event write never fails a reconcile. Like client-go, each recorder drops an
 * object's events beyond its spam budget.
 */
function emit(recorder: EventRecorder, owner: ControllerObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
  let filter = spamFilters.get(recorder);
  if (!filter) spamFilters.set(recorder, (filter = new EventSpamFilter()));
  if (!filter.allow(`${owner.metadata?.uid ?? ''}\u0000${type}`)) return;
  void recorder.record(owner, type, reason, message).catch(() => undefined);
}

/** getPodsPrefix: `<name>-`, unless that would not be a valid DNS subdomain prefix. */
export function podNamePrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  return prefix.length > 253 ? controllerName : prefix;
}

/** GetPodFromTemplate: the pod a controller would create (labels, annotations, finalizers, spec, controller ref). */
export function podFromTemplate(namespace: string, template: PodTemplateSpec, owner: ControllerObject, opts: CreatePodOptions = {}): Pod {
  const source = template.metadata ?? {};
  const labels = { ...(source.labels ?? {}), ...(opts.extraLabels ?? {}) };
  const annotations = { ...(source.annotations ?? {}), ...(opts.extraAnnotations ?? {}) };
  const metadata: ObjectMeta = {
    namespace,
    ...(opts.name ? { name: opts.name } : { generateName: opts.generateName ?? podNamePrefix(owner.metadata?.name ?? '') }),
    labels,
    ...(Object.keys(annotations).length ? { annotations } : {}),
    ...(source.finalizers?.length ? { finalizers: [...source.finalizers] } : {}),
    ownerReferences: [controllerRefOf(owner)],
  };
  const spec = structuredClone(template.spec ?? { containers: [] });
  if (opts.nodeName) spec.nodeName = opts.nodeName;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

const podsPath = (namespace: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;

/**
 * Creates one pod from the template, owned by `owner`; resolves with the created pod. Throws the
 * ApiError on failure (after a FailedCreate event), so callers can lower their expectations.
 */
export async function createPodFromTemplate(
  client: ApiClient,
  namespace: string,
  template: PodTemplateSpec,
  owner: ControllerObject,
  opts: CreatePodOptions = {},
): Promise<Pod> {
  const recorder = opts.recorder ?? recorderFor(client, owner);
  const pod = podFromTemplate(namespace, template, owner, opts);
  // Upstream refuses label-less pods: the controller could never find them again.
  if (Object.keys(pod.metadata?.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
  let created: Pod;
  try {
    created = await client.create<Pod>(podsPath(namespace), pod);
  } catch (err) {
    emit(recorder, owner, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
    throw err;
  }
  emit(recorder, owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name ?? ''}`);
  return created;
}

/**
 * Deletes the pod on behalf of `owner`. A pod already gone throws the 404 ApiError without an
 * event (callers treat it as deleted); other failures record FailedDelete.
 */
export async function deletePod(client: ApiClient, pod: Pod, owner: ControllerObject, opts: { recorder?: EventRecorder } = {}): Promise<void> {
  const recorder = opts.recorder ?? recorderFor(client, owner);
  const name = pod.metadata?.name ?? '';
  try {
    await client.delete(`${podsPath(pod.metadata?.namespace ?? '')}/${encodeURIComponent(name)}`);
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 404)) emit(recorder, owner, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
    throw err;
  }
  emit(recorder, owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
}
