// Events are stored as core/v1 and also served as events.k8s.io/v1, which renames fields
// (Kubernetes' Convert_v1_Event_To_core_Event and back). Both directions are pure functions;
// fields absent on one side stay absent on the other.
import type { KubernetesObject } from '@kctl/shared';

/** events.k8s.io/v1 name ⇔ core/v1 name, for the fields that were renamed. */
const RENAMED: ReadonlyArray<readonly [eventsV1: string, core: string]> = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
  ['reportingController', 'reportingComponent'],
];

/** Fields with the same name and meaning in both versions. */
const SHARED = ['metadata', 'eventTime', 'series', 'reportingInstance', 'action', 'reason', 'related', 'type'];

function copyDefined(from: KubernetesObject, to: KubernetesObject, fromKey: string, toKey: string): void {
  const value = from[fromKey];
  // core/v1 serialises reportingComponent/reportingInstance as "" when unset; v1 omits them.
  if (value !== undefined && value !== null && value !== '') to[toKey] = structuredClone(value);
}

export function eventToEventsV1(core: KubernetesObject): KubernetesObject {
  const event: KubernetesObject = { apiVersion: 'events.k8s.io/v1', kind: 'Event' };
  for (const key of SHARED) copyDefined(core, event, key, key);
  for (const [v1Key, coreKey] of RENAMED) copyDefined(core, event, coreKey, v1Key);
  // eventTime is required in events.k8s.io/v1; legacy events without one show it as null.
  event.eventTime ??= null;
  return event;
}

export function eventsV1ToCore(ev: KubernetesObject): KubernetesObject {
  const event: KubernetesObject = { apiVersion: 'v1', kind: 'Event' };
  for (const key of SHARED) copyDefined(ev, event, key, key);
  for (const [v1Key, coreKey] of RENAMED) copyDefined(ev, event, v1Key, coreKey);
  return event;
}
