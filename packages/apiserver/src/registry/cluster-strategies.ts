// Small cluster-plumbing kinds: Leases (node heartbeats, leader election), RuntimeClasses and
// ControllerRevisions (workload history). Each has a rule or two beyond valid metadata.
import { fieldErrors, type FieldError, isDNS1123Label } from '@kctl/shared';
import { immutableFieldError } from './metadata-validation.js';
import { isRecord, jsonEqual } from './object-access.js';
import { nonNegative } from './probe-validation.js';
import type { KindRules } from './strategy-builder.js';

export const leaseRules: KindRules = {
  validate: (lease) => {
    const spec = isRecord(lease.spec) ? lease.spec : {};
    const errs: FieldError[] = [];
    const duration = spec.leaseDurationSeconds;
    if (typeof duration === 'number' && duration <= 0) errs.push(fieldErrors.invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
    errs.push(...nonNegative(spec.leaseTransitions, 'spec.leaseTransitions'));
    return errs;
  },
};

export const runtimeClassRules: KindRules = {
  validate: (rc) => isDNS1123Label(String(rc.handler ?? '')).map((msg) => fieldErrors.invalid('handler', rc.handler ?? '', msg)),
  validateUpdate: (rc, old) => (rc.handler === old.handler ? [] : [immutableFieldError('handler', rc.handler ?? '')]),
};

export const controllerRevisionRules: KindRules = {
  validate: (revision) => {
    const errs: FieldError[] = [];
    if (revision.data === undefined || revision.data === null) errs.push(fieldErrors.required('data', 'data is mandatory'));
    return [...errs, ...nonNegative(revision.revision, 'revision')];
  },
  // A revision is a snapshot: only its number may move (when an old template is rolled back to).
  validateUpdate: (revision, old) => (jsonEqual(revision.data, old.data) ? [] : [immutableFieldError('data', revision.data)]),
};
