// Toleration matching as core/v1 Toleration.ToleratesTaint defines it. (The scheduler has the
// same rules in its own package; a shared home in @kctl/shared would serve both.)
import type { Pod } from '@kctl/shared';
import type { Taint } from './node-taints.js';

export type Toleration = NonNullable<NonNullable<Pod['spec']>['tolerations']>[number];

export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  // An empty key with operator Exists matches every taint.
  const operator = toleration.operator || 'Equal';
  if (operator === 'Exists') return true;
  return operator === 'Equal' && (toleration.value ?? '') === (taint.value ?? '');
}
