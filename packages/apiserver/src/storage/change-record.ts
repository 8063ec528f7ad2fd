// The on-disk shapes of the LevelDB store, and their conversion to and from StoreEvent.
// A change-log entry carries the previous value of a MODIFIED object (as kine's prev_value column
// does) so a resumed watch can still report `previous`, which the watch layer needs to tell a
// watcher that an object stopped matching its selector.

import { deepFreeze } from './frozen-json.js';
import type { StoreEvent, StoreEventType, StoredValue } from './object-store.js';

type JsonObject = Record<string, unknown>;

/** `o/<key>`: the current state of one object */
export interface ObjectRecord {
  value: JsonObject;
  createRevision: number;
  modRevision: number;
}

/** `l/<revision>`: one change; for DELETED, `value` is the last state */
export interface ChangeRecord {
  type: StoreEventType;
  key: string;
  value: JsonObject;
  createRevision: number;
  /** MODIFIED, DELETED: the modRevision of the state before the change */
  prevModRevision?: number;
  /** MODIFIED only: the value before the change (for DELETED it equals `value`) */
  prevValue?: JsonObject;
}

export function toObjectRecord(object: StoredValue): ObjectRecord {
  return { value: object.value, createRevision: object.createRevision, modRevision: object.modRevision };
}

export function fromObjectRecord(key: string, record: ObjectRecord): StoredValue {
  return deepFreeze({ key, ...record });
}

export function toChangeRecord(event: StoreEvent): ChangeRecord {
  const { object, previous } = event;
  const record: ChangeRecord = { type: event.type, key: object.key, value: object.value, createRevision: object.createRevision };
  if (previous) {
    record.prevModRevision = previous.modRevision;
    if (event.type === 'MODIFIED') record.prevValue = previous.value;
  }
  return record;
}

export function fromChangeRecord(revision: number, record: ChangeRecord): StoreEvent {
  const { type, key, value, createRevision, prevModRevision, prevValue } = record;
  const event: StoreEvent = { type, revision, object: { key, value, createRevision, modRevision: revision } };
  if (prevModRevision !== undefined) {
    event.previous = { key, value: prevValue ?? value, createRevision, modRevision: prevModRevision };
  }
  return deepFreeze(event);
}
