// Container list validation (validateContainers, validateInitContainers, validateContainerCommon):
// names, images, ports, env, volume mounts, probes, resources; with Kubernetes' paths and wording.
import { fieldErrors, type Container, type FieldError, isDNS1123Label, compareQuantities, parseQuantity } from '@kctl/shared';
import { notFound } from './extra-field-errors.js';
import { isEnvVarName, isValidPortName, isValidPortNum } from './name-validation.js';
import { arrayOf, isRecord } from './object-access.js';
import { validateLifecycle, validateProbe } from './probe-validation.js';

export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];

export interface ContainerContext {
  /** Names of the pod's valid volumes, for volumeMounts to reference. */
  volumeNames: ReadonlySet<string>;
  hostNetwork: boolean;
}

export function validateContainers(containers: unknown, ctx: ContainerContext, path: string): FieldError[] {
  const list = arrayOf<Container>(containers);
  if (list.length === 0) return [fieldErrors.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((container, i) => {
    const itemPath = `${path}[${i}]`;
    errs.push(...validateContainerCommon(container, ctx, itemPath));
    if (names.has(container.name)) errs.push(fieldErrors.duplicate(`${itemPath}.name`, container.name));
    names.add(container.name);
    errs.push(...validateLifecycle(container.lifecycle, `${itemPath}.lifecycle`));
    errs.push(...validateProbe(container.livenessProbe, 'livenessProbe', `${itemPath}.livenessProbe`));
    errs.push(...validateProbe(container.readinessProbe, 'readinessProbe', `${itemPath}.readinessProbe`));
    errs.push(...validateProbe(container.startupProbe, 'startupProbe', `${itemPath}.startupProbe`));
    if (container.restartPolicy !== undefined) {
      errs.push(fieldErrors.forbidden(`${itemPath}.restartPolicy`, 'may not be set for non-init containers'));
    }
  });
  return errs;
}

/** Init containers share the name space of regular containers; only sidecars may have probes. */
export function validateInitContainers(initContainers: unknown, containers: unknown, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(arrayOf<Container>(containers).map((c) => c.name));
  arrayOf<Container>(initContainers).forEach((container, i) => {
    const itemPath = `${path}[${i}]`;
    errs.push(...validateContainerCommon(container, ctx, itemPath));
    if (names.has(container.name)) errs.push(fieldErrors.duplicate(`${itemPath}.name`, container.name));
    names.add(container.name);
    const sidecar = container.restartPolicy === 'Always';
    if (container.restartPolicy !== undefined && !sidecar) {
      errs.push(fieldErrors.notSupported(`${itemPath}.restartPolicy`, container.restartPolicy, ['Always']));
    }
    if (sidecar) {
      errs.push(...validateLifecycle(container.lifecycle, `${itemPath}.lifecycle`));
      errs.push(...validateProbe(container.livenessProbe, 'livenessProbe', `${itemPath}.livenessProbe`));
      errs.push(...validateProbe(container.readinessProbe, 'readinessProbe', `${itemPath}.readinessProbe`));
      errs.push(...validateProbe(container.startupProbe, 'startupProbe', `${itemPath}.startupProbe`));
      return;
    }
    for (const field of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
      if (container[field] !== undefined) {
        errs.push(fieldErrors.forbidden(`${itemPath}.${field}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

function validateContainerCommon(container: Container, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!container.name) errs.push(fieldErrors.required(`${path}.name`));
  else for (const msg of isDNS1123Label(container.name)) errs.push(fieldErrors.invalid(`${path}.name`, container.name, msg));
  if (!container.image) errs.push(fieldErrors.required(`${path}.image`));
  errs.push(...oneOf(container.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES, `${path}.terminationMessagePolicy`));
  errs.push(...validateContainerPorts(container.ports, ctx.hostNetwork, `${path}.ports`));
  errs.push(...validateEnv(container.env, `${path}.env`));
  errs.push(...validateVolumeMounts(container.volumeMounts, ctx.volumeNames, `${path}.volumeMounts`));
  errs.push(...oneOf(container.imagePullPolicy, PULL_POLICIES, `${path}.imagePullPolicy`));
  errs.push(...validateRequestsWithinLimits(container.resources, `${path}.resources`));
  return errs;
}

/** Required when empty, NotSupported when unknown: the shape of every enum check in Kubernetes. */
export function oneOf(value: unknown, supported: string[], path: string): FieldError[] {
  if (value === undefined || value === '') return [fieldErrors.required(path)];
  return supported.includes(String(value)) ? [] : [fieldErrors.notSupported(path, value, supported)];
}

function validateContainerPorts(ports: Container['ports'], hostNetwork: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arrayOf(ports).forEach((port, i) => {
    const itemPath = `${path}[${i}]`;
    if (port.name) {
      const problems = isValidPortName(port.name);
      for (const msg of problems) errs.push(fieldErrors.invalid(`${itemPath}.name`, port.name, msg));
      if (problems.length === 0 && names.has(port.name)) errs.push(fieldErrors.duplicate(`${itemPath}.name`, port.name));
      names.add(port.name);
    }
    if (!port.containerPort) errs.push(fieldErrors.required(`${itemPath}.containerPort`));
    else for (const msg of isValidPortNum(port.containerPort)) errs.push(fieldErrors.invalid(`${itemPath}.containerPort`, port.containerPort, msg));
    if (port.hostPort) {
      for (const msg of isValidPortNum(port.hostPort)) errs.push(fieldErrors.invalid(`${itemPath}.hostPort`, port.hostPort, msg));
    }
    errs.push(...oneOf(port.protocol, PORT_PROTOCOLS, `${itemPath}.protocol`));
    if (hostNetwork && port.hostPort !== undefined && port.hostPort !== port.containerPort) {
      errs.push(fieldErrors.invalid(`${itemPath}.containerPort`, port.containerPort, 'must match `hostPort` when `hostNetwork` is true'));
    }
  });
  return errs;
}

function validateEnv(env: Container['env'], path: string): FieldError[] {
  const errs: FieldError[] = [];
  arrayOf(env).forEach((variable, i) => {
    const itemPath = `${path}[${i}]`;
    if (!variable.name) errs.push(fieldErrors.required(`${itemPath}.name`));
    for (const msg of isEnvVarName(variable.name ?? '')) errs.push(fieldErrors.invalid(`${itemPath}.name`, variable.name ?? '', msg));
    if (!isRecord(variable.valueFrom)) return;
    const sources = ENV_SOURCES.filter((key) => (variable.valueFrom as Record<string, unknown>)[key] !== undefined);
    const fromPath = `${itemPath}.valueFrom`;
    if (variable.value) errs.push(fieldErrors.invalid(fromPath, '', 'may not be specified when `value` is not empty'));
    if (sources.length === 0) {
      errs.push(fieldErrors.invalid(fromPath, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    } else if (sources.length > 1) {
      errs.push(fieldErrors.invalid(fromPath, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: Container['volumeMounts'], volumeNames: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPaths = new Set<string>();
  arrayOf(mounts).forEach((mount, i) => {
    const itemPath = `${path}[${i}]`;
    if (!mount.name) errs.push(fieldErrors.required(`${itemPath}.name`));
    if (!volumeNames.has(mount.name)) errs.push(notFound(`${itemPath}.name`, mount.name ?? ''));
    if (!mount.mountPath) errs.push(fieldErrors.required(`${itemPath}.mountPath`));
    if (mountPaths.has(mount.mountPath)) errs.push(fieldErrors.invalid(`${itemPath}.mountPath`, mount.mountPath, 'must be unique'));
    mountPaths.add(mount.mountPath);
  });
  return errs;
}

/** A request above its limit can never be honoured; Kubernetes names the resource and the limit. */
function validateRequestsWithinLimits(resources: Container['resources'], path: string): FieldError[] {
  const requests = (resources?.requests ?? {}) as Record<string, string | number>;
  const limits = (resources?.limits ?? {}) as Record<string, string | number>;
  const errs: FieldError[] = [];
  for (const [name, request] of Object.entries(requests)) {
    const limit = limits[name];
    if (limit === undefined) continue;
    const requestQuantity = parseQuantity(request);
    const limitQuantity = parseQuantity(limit);
    if (requestQuantity && limitQuantity && compareQuantities(requestQuantity, limitQuantity) > 0) {
      errs.push(fieldErrors.invalid(`${path}.requests[${name}]`, String(request), `must be less than or equal to ${name} limit of ${limit}`));
    }
  }
  return errs;
}
