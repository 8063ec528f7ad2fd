// Configuration objects: ConfigMap and Secret (valid keys, 1 MiB total, `immutable`), Secret types
// and their required keys, stringData folded into data, and ServiceAccount (metadata only).
import { fieldErrors, type FieldError, type KubernetesObject } from '@kctl/shared';
import { isConfigMapKey } from './name-validation.js';
import { isRecord, jsonEqual, type JsonRecord } from './object-access.js';
import type { KindRules } from './strategy-builder.js';

const MAX_DATA_BYTES = 1024 * 1024;

/** Keys of `data`/`binaryData`: config-key syntax, no key in both, at most 1 MiB together. */
function validateDataKeys(obj: KubernetesObject, sections: string[], decodeBase64: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  let totalBytes = 0;
  for (const section of sections) {
    const data = isRecord(obj[section]) ? (obj[section] as JsonRecord) : {};
    for (const [key, value] of Object.entries(data)) {
      const path = `${section}[${key}]`;
      for (const msg of isConfigMapKey(key)) errs.push(fieldErrors.invalid(path, key, msg));
      if (seen.has(key)) errs.push(fieldErrors.invalid(path, key, `duplicate of key present in ${sections[0]}`));
      seen.add(key);
      const text = String(value ?? '');
      totalBytes += decodeBase64 || section === 'binaryData' ? Buffer.from(text, 'base64').length : Buffer.byteLength(text);
    }
  }
  if (totalBytes > MAX_DATA_BYTES) errs.push(fieldErrors.tooLong(decodeBase64 ? 'data' : '', MAX_DATA_BYTES));
  return errs;
}

/** Once `immutable: true` is set, data cannot change and the flag cannot be unset. */
function validateImmutableData(obj: KubernetesObject, old: KubernetesObject, sections: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  for (const section of sections) {
    if (!jsonEqual(obj[section] ?? {}, old[section] ?? {})) errs.push(fieldErrors.forbidden(section, 'field is immutable when `immutable` is set'));
  }
  if (obj.immutable !== true) errs.push(fieldErrors.forbidden('immutable', 'field is immutable when `immutable` is set'));
  return errs;
}

export const configMapRules: KindRules = {
  validate: (cm) => validateDataKeys(cm, ['data', 'binaryData'], false),
  validateUpdate: (cm, old) => validateImmutableData(cm, old, ['data', 'binaryData']),
};

/** Keys each built-in Secret type must carry (any one of a group is enough for basic-auth). */
const REQUIRED_SECRET_KEYS: Record<string, string[][]> = {
  'kubernetes.io/dockercfg': [['.dockercfg']],
  'kubernetes.io/dockerconfigjson': [['.dockerconfigjson']],
  'kubernetes.io/basic-auth': [['username', 'password']],
  'kubernetes.io/ssh-auth': [['ssh-privatekey']],
  'kubernetes.io/tls': [['tls.crt'], ['tls.key']],
};

function validateSecretType(secret: KubernetesObject): FieldError[] {
  const type = String(secret.type ?? 'Opaque');
  const data = isRecord(secret.data) ? secret.data : {};
  if (type === 'kubernetes.io/service-account-token') {
    const account = secret.metadata?.annotations?.['kubernetes.io/service-account.name'];
    return account ? [] : [fieldErrors.required('metadata.annotations[kubernetes.io/service-account.name]')];
  }
  const errs: FieldError[] = [];
  for (const anyOf of REQUIRED_SECRET_KEYS[type] ?? []) {
    if (!anyOf.some((key) => key in data)) errs.push(...anyOf.map((key) => fieldErrors.required(`data[${key}]`)));
  }
  return errs;
}

export const secretRules: KindRules = {
  defaults: (secret) => {
    secret.type ||= 'Opaque';
    // stringData is write-only convenience: conversion merges it into data (base64) and drops it.
    if (isRecord(secret.stringData)) {
      const data = isRecord(secret.data) ? secret.data : {};
      for (const [key, value] of Object.entries(secret.stringData)) data[key] = Buffer.from(String(value)).toString('base64');
      secret.data = data;
      delete secret.stringData;
    }
  },
  validate: (secret) => [...validateDataKeys(secret, ['data'], true), ...validateSecretType(secret)],
  validateUpdate: (secret, old) => {
    const errs = validateImmutableData(secret, old, ['data']);
    if ((secret.type ?? 'Opaque') !== (old.type ?? 'Opaque')) errs.push(fieldErrors.invalid('type', secret.type ?? '', 'field is immutable'));
    return errs;
  },
};

/** ServiceAccounts only need valid metadata. */
export const serviceAccountRules: KindRules = {};
