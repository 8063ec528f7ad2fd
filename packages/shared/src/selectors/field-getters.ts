// Which field labels each kind supports in field selectors, and how their values are read.
// Mirrors kube-apiserver 1.32: the field-label conversion functions (pkg/apis/core/v1/conversion.go,
// apps/batch equivalents) and each registry's ToSelectableFields.
import type { KubernetesObject } from '../api/object-types.js';
import type { FieldSelector, FieldValueGetter } from './field-selector.js';

type FieldReader = (obj: KubernetesObject) => string;

function valueAt(obj: unknown, path: readonly string[]): unknown {
  let current = obj;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** A string field; absent fields read as "" so `spec.nodeName=` matches unscheduled pods. */
function text(...path: string[]): FieldReader {
  return (obj) => {
    const value = valueAt(obj, path);
    return typeof value === 'string' ? value : '';
  };
}

/** Go's strconv.FormatBool of a bool field that defaults to false. */
function flag(...path: string[]): FieldReader {
  return (obj) => String(valueAt(obj, path) === true);
}

/** Go's strconv.Itoa of an int32 field that defaults to 0. */
function count(...path: string[]): FieldReader {
  return (obj) => {
    const value = valueAt(obj, path);
    return String(typeof value === 'number' ? value : 0);
  };
}

const name = text('metadata', 'name');
const namespace = text('metadata', 'namespace');
const NAMESPACED_META: Record<string, FieldReader> = { 'metadata.name': name, 'metadata.namespace': namespace };

// The pod registry derives status.podIP from status.podIPs[0] (filled from podIP on conversion).
const podIP: FieldReader = (obj) => {
  const first = valueAt(obj, ['status', 'podIPs', '0', 'ip']);
  return typeof first === 'string' ? first : text('status', 'podIP')(obj);
};

// Event "source" is source.component, falling back to reportingComponent for events.k8s.io writers.
const eventSource: FieldReader = (obj) => text('source', 'component')(obj) || text('reportingComponent')(obj);

const FIELDS_BY_KIND: Readonly<Record<string, Readonly<Record<string, FieldReader>>>> = {
  Pod: {
    ...NAMESPACED_META,
    'spec.nodeName': text('spec', 'nodeName'),
    'spec.restartPolicy': text('spec', 'restartPolicy'),
    'spec.schedulerName': text('spec', 'schedulerName'),
    'spec.serviceAccountName': text('spec', 'serviceAccountName'),
    'spec.hostNetwork': flag('spec', 'hostNetwork'),
    'status.phase': text('status', 'phase'),
    'status.podIP': podIP,
    // Accepted by the conversion function but never populated by the pod registry, so in
    // Kubernetes it always compares as "" - kept that way.
    'status.podIPs': () => '',
    'status.nominatedNodeName': text('status', 'nominatedNodeName'),
  },
  Event: {
    ...NAMESPACED_META,
    'involvedObject.kind': text('involvedObject', 'kind'),
    'involvedObject.namespace': text('involvedObject', 'namespace'),
    'involvedObject.name': text('involvedObject', 'name'),
    'involvedObject.uid': text('involvedObject', 'uid'),
    'involvedObject.apiVersion': text('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': text('involvedObject', 'resourceVersion'),
    'involvedObject.fieldPath': text('involvedObject', 'fieldPath'),
    reason: text('reason'),
    reportingComponent: text('reportingComponent'),
    source: eventSource,
    type: text('type'),
  },
  // Node and Namespace register their own conversion functions without metadata.namespace.
  Node: { 'metadata.name': name, 'spec.unschedulable': flag('spec', 'unschedulable') },
  Namespace: { 'metadata.name': name, 'status.phase': text('status', 'phase') },
  Secret: { ...NAMESPACED_META, type: text('type') },
  Service: { ...NAMESPACED_META, 'spec.clusterIP': text('spec', 'clusterIP'), 'spec.type': text('spec', 'type') },
  ReplicaSet: { ...NAMESPACED_META, 'status.replicas': count('status', 'replicas') },
  ReplicationController: { ...NAMESPACED_META, 'status.replicas': count('status', 'replicas') },
  Job: { ...NAMESPACED_META, 'status.successful': count('status', 'succeeded') },
};

function fieldsFor(kind: string): Readonly<Record<string, FieldReader>> {
  // Every other kind gets DefaultMetaV1FieldSelectorConversion: metadata.name and metadata.namespace.
  return Object.hasOwn(FIELDS_BY_KIND, kind) ? (FIELDS_BY_KIND[kind] ?? NAMESPACED_META) : NAMESPACED_META;
}

/** The field labels `kind` can be selected on. */
export function supportedFieldSelectors(kind: string): string[] {
  return Object.keys(fieldsFor(kind));
}

/** Reads selectable field values of one object; returns undefined for unsupported paths. */
export function fieldGetterFor(kind: string, obj: KubernetesObject): FieldValueGetter {
  const fields = fieldsFor(kind);
  return (path) => (Object.hasOwn(fields, path) ? fields[path]?.(obj) : undefined);
}

/** kube-apiserver's error text for the first unsupported field label, or undefined if all are supported. */
export function validateFieldSelector(kind: string, selector: FieldSelector): string | undefined {
  const fields = fieldsFor(kind);
  const unsupported = selector.requirements.find((requirement) => !Object.hasOwn(fields, requirement.field));
  return unsupported === undefined ? undefined : `field label not supported: ${unsupported.field}`;
}
