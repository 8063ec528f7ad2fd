// Toleration matching as core/v1 Toleration.ToleratesTaint defines it: the scheduler's filters,
// the DaemonSet controller and the taint manager all decide with these.
import type { Pod } from '../api/object-types.js';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export type Toleration = NonNullable<NonNullable<Pod['spec']>['tolerations']>[number];

export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  // An empty key with operator Exists matches every taint.
  const operator = toleration.operator || 'Equal';
  if (operator === 'Exists') return true;
  return operator === 'Equal' && (toleration.value ?? '') === (taint.value ?? '');
}

export function podToleratesTaint(pod: Pod, taint: Taint): boolean {
  return (pod.spec?.tolerations ?? []).some((t) => toleratesTaint(t, taint));
}
