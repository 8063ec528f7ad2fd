// kubectl's rollout status viewers (polymorphichelpers/rollout_status.go): one look at an
// object's spec and status says how far its rollout is, in kubectl's exact words.
import type { KubernetesObject } from '@kctl/shared';

export interface RolloutStatus {
  message: string;
  done: boolean;
}

export type StatusViewer = (object: KubernetesObject, revision: number) => RolloutStatus;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';

function revisionOf(object: KubernetesObject): number {
  const value = object.metadata?.annotations?.[REVISION_ANNOTATION];
  if (value === undefined) return 0;
  if (!/^-?\d+$/.test(value)) throw new Error(`cannot get the revision of deployment "${object.metadata?.name ?? ''}": strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  return Number(value);
}

export function deploymentStatus(object: KubernetesObject, revision: number): RolloutStatus {
  const d = object as Json;
  const name = String(d.metadata?.name ?? '');
  if (revision > 0) {
    const running = revisionOf(object);
    if (revision !== running) throw new Error(`desired revision (${revision}) is different from the running revision (${running})`);
  }
  const status = (d.status ?? {}) as Json;
  const observed = Number(status.observedGeneration ?? 0);
  if (Number(d.metadata?.generation ?? 0) > observed) return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  const progressing = ((status.conditions ?? []) as Json[]).find((c) => c.type === 'Progressing');
  if (progressing?.reason === TIMED_OUT_REASON) throw new Error(`deployment ${JSON.stringify(name)} exceeded its progress deadline`);
  const updated = Number(status.updatedReplicas ?? 0);
  const replicas = Number(status.replicas ?? 0);
  const available = Number(status.availableReplicas ?? 0);
  const wanted = d.spec?.replicas;
  if (typeof wanted === 'number' && updated < wanted) {
    return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${updated} out of ${wanted} new replicas have been updated...\n`, done: false };
  }
  if (replicas > updated) {
    return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${replicas - updated} old replicas are pending termination...\n`, done: false };
  }
  if (available < updated) {
    return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
  }
  return { message: `deployment ${JSON.stringify(name)} successfully rolled out\n`, done: true };
}

export function daemonSetStatus(object: KubernetesObject): RolloutStatus {
  const ds = object as Json;
  const name = JSON.stringify(String(ds.metadata?.name ?? ''));
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    // kubectl names the StatefulSet constant here; both spell "RollingUpdate".
    throw new Error('rollout status is only available for RollingUpdate strategy type');
  }
  const status = (ds.status ?? {}) as Json;
  if (Number(ds.metadata?.generation ?? 0) > Number(status.observedGeneration ?? 0)) {
    return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  const desired = Number(status.desiredNumberScheduled ?? 0);
  const updated = Number(status.updatedNumberScheduled ?? 0);
  const available = Number(status.numberAvailable ?? 0);
  if (updated < desired) return { message: `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`, done: false };
  if (available < desired) return { message: `Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...\n`, done: false };
  return { message: `daemon set ${name} successfully rolled out\n`, done: true };
}

export function statefulSetStatus(object: KubernetesObject): RolloutStatus {
  const sts = object as Json;
  const strategy = (sts.spec?.updateStrategy ?? { type: 'RollingUpdate' }) as Json;
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new Error('rollout status is only available for RollingUpdate strategy type');
  const status = (sts.status ?? {}) as Json;
  const observed = Number(status.observedGeneration ?? 0);
  if (observed === 0 || Number(sts.metadata?.generation ?? 0) > observed) {
    return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  }
  const wanted = sts.spec?.replicas;
  const ready = Number(status.readyReplicas ?? 0);
  if (typeof wanted === 'number' && ready < wanted) return { message: `Waiting for ${wanted - ready} pods to be ready...\n`, done: false };
  const updated = Number(status.updatedReplicas ?? 0);
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (typeof wanted === 'number' && typeof partition === 'number' && updated < wanted - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${wanted - partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (status.updateRevision !== status.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${String(status.updateRevision ?? '')}...\n`, done: false };
  }
  return { message: `statefulset rolling update complete ${Number(status.currentReplicas ?? 0)} pods at revision ${String(status.currentRevision ?? '')}...\n`, done: true };
}

/** The viewer for a kind, or kubectl's error for kinds without one. */
export function statusViewerFor(kind: string, group: string): StatusViewer {
  if (group === 'apps' && kind === 'Deployment') return deploymentStatus;
  if (group === 'apps' && kind === 'DaemonSet') return daemonSetStatus;
  if (group === 'apps' && kind === 'StatefulSet') return statefulSetStatus;
  throw new Error(`no status viewer has been implemented for ${group ? `${kind}.${group}` : kind}`);
}
