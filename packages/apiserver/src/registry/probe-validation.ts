// Probe and lifecycle-handler validation (validateProbe, validateHandler): exactly one handler,
// non-negative timings, and liveness/startup probes that succeed after a single success.
import { fieldErrors, type FieldError } from '@kctl/shared';
import { isValidPortName, isValidPortNum } from './name-validation.js';
import { isRecord, type JsonRecord } from './object-access.js';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;
const PROBE_TIMINGS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

export function validateProbe(probe: unknown, kind: ProbeKind, path: string): FieldError[] {
  if (!isRecord(probe)) return [];
  const errs = validateHandler(probe, PROBE_HANDLERS, path);
  for (const timing of PROBE_TIMINGS) errs.push(...nonNegative(probe[timing], `${path}.${timing}`));
  // A liveness or startup probe acts on its first success, so a higher threshold is meaningless.
  if (kind !== 'readinessProbe' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errs.push(fieldErrors.invalid(`${path}.successThreshold`, probe.successThreshold, 'must be 1'));
  }
  return errs;
}

export function validateLifecycle(lifecycle: unknown, path: string): FieldError[] {
  if (!isRecord(lifecycle)) return [];
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop'] as const) {
    if (isRecord(lifecycle[hook])) errs.push(...validateHandler(lifecycle[hook], LIFECYCLE_HANDLERS, `${path}.${hook}`));
  }
  return errs;
}

function validateHandler(handler: JsonRecord, kinds: readonly string[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const present = kinds.filter((kind) => handler[kind] !== undefined && handler[kind] !== null);
  if (present.length === 0) errs.push(fieldErrors.required(path, 'must specify a handler type'));
  for (const extra of present.slice(1)) errs.push(fieldErrors.forbidden(`${path}.${extra}`, 'may not specify more than 1 handler type'));
  const exec = handler.exec;
  if (isRecord(exec) && (!Array.isArray(exec.command) || exec.command.length === 0)) {
    errs.push(fieldErrors.required(`${path}.exec.command`));
  }
  for (const kind of ['httpGet', 'tcpSocket'] as const) {
    const action = handler[kind];
    if (isRecord(action)) errs.push(...validatePortNumOrName(action.port, `${path}.${kind}.port`));
  }
  const grpc = handler.grpc;
  if (isRecord(grpc)) {
    for (const msg of isValidPortNum(Number(grpc.port))) errs.push(fieldErrors.invalid(`${path}.grpc.port`, grpc.port, msg));
  }
  return errs;
}

/** An IntOrString port: a number in range, or an IANA service name. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  // An unset IntOrString is Go's zero value: the integer 0.
  if (port === undefined || port === null) port = 0;
  if (typeof port === 'number') return isValidPortNum(port).map((msg) => fieldErrors.invalid(path, port, msg));
  if (typeof port === 'string') return isValidPortName(port).map((msg) => fieldErrors.invalid(path, port, msg));
  return [fieldErrors.invalid(path, port, 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')];
}

export function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [fieldErrors.invalid(path, value, 'must be greater than or equal to 0')] : [];
}
