// Pod tolerations and node taints (ValidateTolerations, validateNodeTaints): the same effects and
// label-syntax keys on both sides, since the scheduler matches one against the other.
import { fieldErrors, type FieldError, isQualifiedName, isValidLabelValue } from '@kctl/shared';
import { arrayOf } from './object-access.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface Taint {
  key?: string;
  value?: string;
  effect?: string;
}

export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arrayOf<Toleration>(tolerations).forEach((toleration, i) => {
    const itemPath = `${path}[${i}]`;
    const key = toleration.key ?? '';
    const operator = toleration.operator ?? '';
    if (key) for (const msg of isQualifiedName(key)) errs.push(fieldErrors.invalid(`${itemPath}.key`, key, msg));
    if (!key && operator !== 'Exists') {
      errs.push(fieldErrors.invalid(`${itemPath}.operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (toleration.tolerationSeconds !== undefined && toleration.effect !== 'NoExecute') {
      errs.push(fieldErrors.invalid(`${itemPath}.effect`, toleration.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === '' || operator === 'Equal') {
      for (const msg of isValidLabelValue(toleration.value ?? '')) errs.push(fieldErrors.invalid(`${itemPath}.operator`, toleration.value ?? '', msg));
    } else if (operator === 'Exists') {
      if (toleration.value) errs.push(fieldErrors.invalid(`${itemPath}.operator`, toleration, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(fieldErrors.notSupported(`${itemPath}.operator`, operator, ['Equal', 'Exists']));
    }
    if (toleration.effect) errs.push(...validateTaintEffect(toleration.effect, `${itemPath}.effect`));
  });
  return errs;
}

export function validateTaints(taints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arrayOf<Taint>(taints).forEach((taint, i) => {
    const itemPath = `${path}[${i}]`;
    const key = taint.key ?? '';
    for (const msg of isQualifiedName(key)) errs.push(fieldErrors.invalid(`${itemPath}.key`, key, msg));
    for (const msg of isValidLabelValue(taint.value ?? '')) errs.push(fieldErrors.invalid(`${itemPath}.value`, taint.value ?? '', msg));
    if (!taint.effect) errs.push(fieldErrors.required(`${itemPath}.effect`));
    else errs.push(...validateTaintEffect(taint.effect, `${itemPath}.effect`));
    const identity = `${key}:${taint.effect ?? ''}`;
    if (seen.has(identity)) {
      errs.push(fieldErrors.duplicate(itemPath, `taints must be unique by key and effect pair`));
    }
    seen.add(identity);
  });
  return errs;
}

function validateTaintEffect(effect: string, path: string): FieldError[] {
  return TAINT_EFFECTS.includes(effect) ? [] : [fieldErrors.notSupported(path, effect, TAINT_EFFECTS)];
}
