// ObjectMeta validation shared by every kind (apimachinery ValidateObjectMeta and
// ValidateObjectMetaUpdate): name/namespace presence and format, labels, annotations, finalizers.
import { fieldErrors, type FieldError, type KubernetesObject, type ObjectMeta, isDNS1123Label, isQualifiedName, isValidLabelValue } from '@kctl/shared';
import { isRecord } from './object-access.js';

/** Checks a name and returns the problems (Kubernetes' ValidateNameFunc). */
export type NameRule = (name: string) => string[];

export interface ObjectMetaRules {
  /** undefined: scope unknown, so only the namespace's format is checked. */
  namespaced: boolean | undefined;
  nameRule: NameRule;
}

const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateObjectMeta(obj: KubernetesObject, rules: ObjectMetaRules, path = 'metadata'): FieldError[] {
  const meta: ObjectMeta = isRecord(obj.metadata) ? (obj.metadata as ObjectMeta) : {};
  const errs: FieldError[] = [];
  if (meta.generateName) {
    // A generated name gets a random suffix, so a trailing '-' is fine in the prefix.
    const prefix = meta.generateName.replace(/-+$/, '') || meta.generateName;
    for (const msg of rules.nameRule(prefix)) errs.push(fieldErrors.invalid(`${path}.generateName`, meta.generateName, msg));
  }
  if (!meta.name) {
    errs.push(fieldErrors.required(`${path}.name`, 'name or generateName is required'));
  } else {
    for (const msg of rules.nameRule(meta.name)) errs.push(fieldErrors.invalid(`${path}.name`, meta.name, msg));
  }
  if (rules.namespaced === false) {
    if (meta.namespace) errs.push(fieldErrors.forbidden(`${path}.namespace`, 'not allowed on this type'));
  } else if (!meta.namespace) {
    if (rules.namespaced) errs.push(fieldErrors.required(`${path}.namespace`));
  } else {
    for (const msg of isDNS1123Label(meta.namespace)) errs.push(fieldErrors.invalid(`${path}.namespace`, meta.namespace, msg));
  }
  if (typeof meta.generation === 'number' && meta.generation < 0) {
    errs.push(fieldErrors.invalid(`${path}.generation`, meta.generation, 'must be greater than or equal to 0'));
  }
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  errs.push(...validateFinalizers(meta.finalizers, `${path}.finalizers`));
  return errs;
}

/** Identity fields may not change on update; `field is immutable` is apimachinery's wording. */
export function validateObjectMetaUpdate(obj: KubernetesObject, old: KubernetesObject, path = 'metadata'): FieldError[] {
  const meta = obj.metadata ?? {};
  const oldMeta = old.metadata ?? {};
  const errs: FieldError[] = [];
  for (const key of ['name', 'namespace', 'uid', 'creationTimestamp'] as const) {
    const value = meta[key];
    const oldValue = oldMeta[key];
    // uid and creationTimestamp are the REST layer's: only a client that sends a different one is wrong.
    const mustMatch = key === 'name' || key === 'namespace' ? true : value !== undefined;
    if (mustMatch && (value ?? '') !== (oldValue ?? '')) {
      errs.push(immutableFieldError(`${path}.${key}`, value ?? ''));
    }
  }
  return errs;
}

export function immutableFieldError(path: string, value: unknown): FieldError {
  return fieldErrors.invalid(path, value, 'field is immutable');
}

export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!isRecord(labels)) return [];
  const errs: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    for (const msg of isQualifiedName(key)) errs.push(fieldErrors.invalid(path, key, msg));
    const text = typeof value === 'string' ? value : String(value);
    for (const msg of isValidLabelValue(text)) errs.push(fieldErrors.invalid(path, text, msg));
  }
  return errs;
}

export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (!isRecord(annotations)) return [];
  const errs: FieldError[] = [];
  let totalSize = 0;
  for (const [key, value] of Object.entries(annotations)) {
    // Kubernetes lower-cases annotation keys before checking them: upper case is allowed here.
    for (const msg of isQualifiedName(key.toLowerCase())) errs.push(fieldErrors.invalid(path, key, msg));
    totalSize += Buffer.byteLength(key) + Buffer.byteLength(typeof value === 'string' ? value : String(value));
  }
  if (totalSize > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) errs.push(fieldErrors.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  return errs;
}

function validateFinalizers(finalizers: unknown, path: string): FieldError[] {
  if (!Array.isArray(finalizers)) return [];
  const errs: FieldError[] = [];
  for (const finalizer of finalizers) {
    const name = String(finalizer);
    const problems = isQualifiedName(name);
    for (const msg of problems) errs.push(fieldErrors.invalid(path, name, msg));
    if (problems.length === 0 && !name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
      errs.push(fieldErrors.invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(fieldErrors.invalid(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}
