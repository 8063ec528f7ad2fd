// Shared by every pod-creating controller (ReplicaSet, Job, DaemonSet, StatefulSet).
export { controllerOf, controllerRefOf, isControlledBy } from './owner-reference.js';
export type { ControllerObject, OwnerReference } from './owner-reference.js';
export { createPodFromTemplate, deletePod, podFromTemplate, podNamePrefix, recorderFor } from './pod-control.js';
export type { CreatePodOptions } from './pod-control.js';
export { claimPods, recheckDeletionTimestamp } from './claim-pods.js';
export type { ClaimPodsOptions } from './claim-pods.js';
export { isPodActive, isPodAvailable, isPodReady, podReadyCondition, podReadyTime } from './pod-conditions.js';
export { EventSpamFilter } from './event-spam-filter.js';
