// Strategic-merge schemas of the kinds in the resource catalog, transcribed from the
// patchStrategy/patchMergeKey tags of k8s.io/api v0.32 (core/v1, apps/v1, batch/v1).
import {
  CONDITIONS,
  FREE_FORM_MAP,
  MERGED_PRIMITIVES,
  RETAIN_KEYS_STRUCT,
  mergedBy,
  nested,
  struct,
  type FieldPatchMeta,
  type TypeSchema,
} from './patch-schema.js';

const OBJECT_META = struct({
  labels: FREE_FORM_MAP,
  annotations: FREE_FORM_MAP,
  ownerReferences: mergedBy('uid'),
  finalizers: MERGED_PRIMITIVES,
});

const LABEL_SELECTOR = struct({ matchLabels: FREE_FORM_MAP });

const RESOURCE_REQUIREMENTS = struct({ limits: FREE_FORM_MAP, requests: FREE_FORM_MAP });

const CONTAINER = struct({
  ports: mergedBy('containerPort'),
  env: mergedBy('name'),
  volumeMounts: mergedBy('mountPath'),
  volumeDevices: mergedBy('devicePath'),
  resources: nested(RESOURCE_REQUIREMENTS),
});

const POD_SPEC = struct({
  volumes: mergedBy('name', undefined, { retainKeys: true }),
  initContainers: mergedBy('name', CONTAINER),
  containers: mergedBy('name', CONTAINER),
  ephemeralContainers: mergedBy('name', CONTAINER),
  imagePullSecrets: mergedBy('name'),
  hostAliases: mergedBy('ip'),
  topologySpreadConstraints: mergedBy('topologyKey'),
  schedulingGates: mergedBy('name'),
  resourceClaims: mergedBy('name', undefined, { retainKeys: true }),
  nodeSelector: FREE_FORM_MAP,
  overhead: FREE_FORM_MAP,
});

const POD_STATUS = struct({
  conditions: CONDITIONS,
  podIPs: mergedBy('ip'),
  hostIPs: mergedBy('ip'),
  resourceClaimStatuses: mergedBy('name', undefined, { retainKeys: true }),
});

const POD_TEMPLATE_SPEC = struct({ metadata: nested(OBJECT_META), spec: nested(POD_SPEC) });

/** spec.selector + spec.template, shared by every workload spec. */
const WORKLOAD_SPEC_FIELDS = { selector: nested(LABEL_SELECTOR), template: nested(POD_TEMPLATE_SPEC) };

const JOB_SPEC = struct(WORKLOAD_SPEC_FIELDS);

const STATUS_WITH_CONDITIONS = nested(struct({ conditions: CONDITIONS }));

/** Every kind starts from its ObjectMeta. */
function kind(fields: Record<string, FieldPatchMeta>): TypeSchema {
  return struct({ metadata: nested(OBJECT_META), ...fields });
}

/** Kinds we serve without catalogue entries here still get metadata and conditions right. */
export const GENERIC_KIND = kind({ status: STATUS_WITH_CONDITIONS });

/** Keyed by `${group}/${kind}` (core group: "/Pod"). */
export const KIND_SCHEMAS: ReadonlyMap<string, TypeSchema> = new Map([
  ['/Pod', kind({ spec: nested(POD_SPEC), status: nested(POD_STATUS) })],
  ['/PodTemplate', kind({ template: nested(POD_TEMPLATE_SPEC) })],
  ['/Node', kind({
    spec: nested(struct({ podCIDRs: MERGED_PRIMITIVES })),
    status: nested(struct({ conditions: CONDITIONS, addresses: mergedBy('type'), capacity: FREE_FORM_MAP, allocatable: FREE_FORM_MAP })),
  })],
  ['/Namespace', kind({ status: STATUS_WITH_CONDITIONS })],
  ['/Service', kind({
    spec: nested(struct({ ports: mergedBy('port'), selector: FREE_FORM_MAP })),
    status: STATUS_WITH_CONDITIONS,
  })],
  ['/ServiceAccount', kind({ secrets: mergedBy('name') })],
  ['/ConfigMap', kind({ data: FREE_FORM_MAP, binaryData: FREE_FORM_MAP })],
  ['/Secret', kind({ data: FREE_FORM_MAP, stringData: FREE_FORM_MAP })],
  ['/PersistentVolumeClaim', kind({
    spec: nested(struct({ resources: nested(RESOURCE_REQUIREMENTS), selector: nested(LABEL_SELECTOR) })),
    status: nested(struct({ conditions: CONDITIONS, capacity: FREE_FORM_MAP })),
  })],
  ['/PersistentVolume', kind({ spec: nested(struct({ capacity: FREE_FORM_MAP })) })],
  ['apps/Deployment', kind({
    spec: nested(struct({ ...WORKLOAD_SPEC_FIELDS, strategy: RETAIN_KEYS_STRUCT })),
    status: STATUS_WITH_CONDITIONS,
  })],
  ['apps/ReplicaSet', kind({ spec: nested(struct(WORKLOAD_SPEC_FIELDS)), status: STATUS_WITH_CONDITIONS })],
  ['apps/DaemonSet', kind({ spec: nested(struct(WORKLOAD_SPEC_FIELDS)), status: STATUS_WITH_CONDITIONS })],
  ['apps/StatefulSet', kind({ spec: nested(struct(WORKLOAD_SPEC_FIELDS)), status: STATUS_WITH_CONDITIONS })],
  ['batch/Job', kind({ spec: nested(JOB_SPEC), status: STATUS_WITH_CONDITIONS })],
  ['batch/CronJob', kind({
    spec: nested(struct({ jobTemplate: nested(struct({ metadata: nested(OBJECT_META), spec: nested(JOB_SPEC) })) })),
  })],
  ['storage.k8s.io/StorageClass', kind({ parameters: FREE_FORM_MAP })],
]);

export function patchSchemaFor(type: { group: string; kind: string }): TypeSchema {
  return KIND_SCHEMAS.get(`${type.group}/${type.kind}`) ?? GENERIC_KIND;
}
