// What `kctl wait --for=...` waits for, and how one object is judged against it
// (kubectl pkg/cmd/wait: IsDeleted, ConditionalWait.checkCondition, JSONPathWait.checkCondition).
import { compileJsonPath, relaxedJsonPathExpression } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import { UsageError } from '../../resource-arguments.js';

export type WaitTarget =
  | { kind: 'delete' }
  | { kind: 'condition'; name: string; status: string }
  | { kind: 'jsonpath'; expression: string; value?: string };

/** Parses --for: delete | condition=NAME[=VALUE] | jsonpath='{EXPR}'[=VALUE]. */
export function parseWaitTarget(forFlag: string | undefined): WaitTarget {
  const value = forFlag ?? '';
  if (value.toLowerCase() === 'delete') return { kind: 'delete' };
  if (value.startsWith('condition=')) {
    const spec = value.slice('condition='.length);
    const eq = spec.indexOf('=');
    // The status defaults to "true" and is compared case-insensitively.
    return eq < 0 ? { kind: 'condition', name: spec, status: 'true' } : { kind: 'condition', name: spec.slice(0, eq), status: spec.slice(eq + 1) };
  }
  if (value.startsWith('jsonpath=')) return parseJsonPathTarget(value.slice('jsonpath='.length));
  throw new UsageError(`unrecognized condition: ${JSON.stringify(value)}`);
}

function parseJsonPathTarget(spec: string): WaitTarget {
  // The expression may itself contain "=" (filters), so split after its closing brace.
  const close = spec.startsWith('{') ? spec.lastIndexOf('}') : -1;
  const eq = close >= 0 ? (spec[close + 1] === '=' ? close + 1 : -1) : spec.indexOf('=');
  const rawExpression = eq < 0 ? spec : spec.slice(0, eq);
  if (rawExpression === '') throw new UsageError('jsonpath expression cannot be empty');
  const expression = relaxedJsonPathExpression(rawExpression);
  compileJsonPath(expression); // reject a bad expression before any request
  if (eq < 0) return { kind: 'jsonpath', expression };
  const expected = spec.slice(eq + 1);
  if (expected === '') throw new UsageError('jsonpath wait value cannot be empty');
  return { kind: 'jsonpath', expression, value: expected.replace(/^['"]+|['"]+$/g, '') };
}

function asInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/**
 * True when the object has the condition with the wanted status and that condition is not
 * stale: if the object has metadata.generation and the condition (or else status) carries an
 * observedGeneration, an older observedGeneration means the controller has not caught up yet.
 */
export function conditionMet(obj: KubernetesObject, name: string, status: string): boolean {
  const objStatus = obj.status as { conditions?: unknown; observedGeneration?: unknown } | undefined;
  const conditions = Array.isArray(objStatus?.conditions) ? (objStatus.conditions as Array<Record<string, unknown>>) : [];
  for (const condition of conditions) {
    if (typeof condition.type !== 'string' || condition.type.toLowerCase() !== name.toLowerCase()) continue;
    if (typeof condition.status !== 'string') continue;
    const generation = asInteger(obj.metadata?.generation);
    if (generation !== undefined) {
      const observed = asInteger(condition.observedGeneration) ?? asInteger(objStatus?.observedGeneration);
      if (observed !== undefined && observed < generation) return false;
    }
    return condition.status.toLowerCase() === status.toLowerCase();
  }
  return false;
}

/** One value found and (when a value was given) equal to it after trimming, as kubectl does. */
export function jsonPathMet(obj: KubernetesObject, expression: string, value: string | undefined): boolean {
  const results = compileJsonPath(expression).findResults(obj, { allowMissingKeys: true });
  const first = results[0];
  if (first === undefined || first.length === 0) return false;
  if (results.length > 1) throw new Error('given jsonpath expression matches more than one list');
  if (first.length > 1) throw new Error('given jsonpath expression matches more than one value');
  if (value === undefined) return true;
  const found = first[0];
  if (found !== null && typeof found === 'object') throw new Error('jsonpath leads to a nested object or list which is not supported');
  return String(found ?? '<nil>').trim() === value.trim();
}

/** Whether an existing object satisfies a non-delete target. */
export function targetMet(obj: KubernetesObject, target: Exclude<WaitTarget, { kind: 'delete' }>): boolean {
  return target.kind === 'condition' ? conditionMet(obj, target.name, target.status) : jsonPathMet(obj, target.expression, target.value);
}
