// core/v1 Events (events.k8s.io/v1 ones arrive here converted, see event-conversion.ts). Legacy
// events (no eventTime) must name their object's namespace; new-style events must say who
// reported them and what happened (Kubernetes' legacyValidateEvent).
import { fieldErrors, type FieldError, type KubernetesObject, isQualifiedName } from '@kctl/shared';
import { isRecord } from './object-access.js';
import type { KindRules } from './strategy-builder.js';

const LIMITS = { reportingInstance: 128, action: 128, reason: 128, message: 1024 } as const;

function validateEvent(event: KubernetesObject): FieldError[] {
  const errs: FieldError[] = [];
  const namespace = event.metadata?.namespace ?? '';
  const involved = isRecord(event.involvedObject) ? event.involvedObject : {};
  const involvedNamespace = String(involved.namespace ?? '');
  const mismatch = () => fieldErrors.invalid('involvedObject.namespace', involvedNamespace, 'does not match event.namespace');
  if (!event.eventTime) {
    // An event about a cluster-scoped object lives in "default" (or nowhere); otherwise beside it.
    if (involvedNamespace ? namespace !== involvedNamespace : namespace !== '' && namespace !== 'default') errs.push(mismatch());
    return errs;
  }
  if (!involvedNamespace && namespace !== 'default' && namespace !== 'kube-system') errs.push(mismatch());
  const controller = String(event.reportingComponent ?? '');
  if (!controller) errs.push(fieldErrors.required('reportingComponent'));
  for (const msg of isQualifiedName(controller)) errs.push(fieldErrors.invalid('reportingComponent', controller, msg));
  for (const key of ['reportingInstance', 'action', 'reason'] as const) {
    const value = String(event[key] ?? '');
    if (!value) errs.push(fieldErrors.required(key));
    if (value.length > LIMITS[key]) errs.push(fieldErrors.invalid(key, '', `can have at most ${LIMITS[key]} characters`));
  }
  const message = String(event.message ?? '');
  if (message.length > LIMITS.message) errs.push(fieldErrors.invalid('message', '', `can have at most ${LIMITS.message} characters`));
  return errs;
}

export const eventRules: KindRules = { validate: validateEvent };
