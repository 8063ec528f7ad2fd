// The edits behind rollout restart / pause / resume (kubectl's ObjectRestarter, ObjectPauser,
// ObjectResumer): each returns the modified copy, or throws kubectl's reason for refusing.
// The verb then sends the strategic merge patch between the object and that copy.
import type { KubernetesObject } from '@kctl/shared';
import type { TargetObject } from '../workloads/target-objects.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

const isApps = (target: TargetObject, ...kinds: string[]) => target.type.group === 'apps' && kinds.includes(target.type.kind);

/** Go's time.RFC3339 in local time; kubectl runs with the machine's zone. */
export function rfc3339(now: Date): string {
  const offset = -now.getTimezoneOffset();
  const local = new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const abs = Math.abs(offset);
  return `${local}${offset > 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function restarted(target: TargetObject, now: Date): KubernetesObject {
  if (!isApps(target, 'Deployment', 'DaemonSet', 'StatefulSet')) throw new Error('restarting is not supported');
  const copy = structuredClone(target.object) as Json;
  if (target.type.kind === 'Deployment' && copy.spec?.paused) throw new Error("can't restart paused deployment (run rollout resume first)");
  copy.spec ??= {};
  copy.spec.template ??= {};
  copy.spec.template.metadata ??= {};
  copy.spec.template.metadata.annotations = { ...copy.spec.template.metadata.annotations, [RESTARTED_AT_ANNOTATION]: rfc3339(now) };
  return copy as KubernetesObject;
}

export function paused(target: TargetObject): KubernetesObject {
  if (!isApps(target, 'Deployment')) throw new Error('pausing is not supported');
  const copy = structuredClone(target.object) as Json;
  if (copy.spec?.paused) throw new Error('is already paused');
  copy.spec = { ...copy.spec, paused: true };
  return copy as KubernetesObject;
}

export function resumed(target: TargetObject): KubernetesObject {
  if (!isApps(target, 'Deployment')) throw new Error('resuming is not supported');
  const copy = structuredClone(target.object) as Json;
  if (!copy.spec?.paused) throw new Error('is not paused');
  // Go leaves a false `paused` out (omitempty), so kubectl's patch is {"spec":{"paused":null}}.
  const { paused: _paused, ...spec } = copy.spec as Json;
  copy.spec = spec;
  return copy as KubernetesObject;
}
