// Turns a group of write requests into the changes to commit, validating each request in order
// against the committed index plus the effects of the requests before it in the same group (an
// overlay), exactly as if they had been committed one by one. Each accepted request gets the next
// revision; a failed precondition rejects only that request and consumes no revision.

import type { Outcome } from './group-commit-queue.js';
import { KeyExistsError, KeyNotFoundError, RevisionMismatchError } from './object-store.js';
import type { StoreEvent, StoredValue } from './object-store.js';

type JsonObject = Record<string, unknown>;

export type WriteRequest =
  | { type: 'create'; key: string; value: JsonObject }
  | { type: 'update'; key: string; value: JsonObject; expectedRevision?: number }
  | { type: 'delete'; key: string; expectedRevision?: number };

export interface WritePlan {
  /** the accepted changes, with consecutive revisions after the current one */
  events: StoreEvent[];
  /** one per request: the stored (or, for delete, the deleted) value, or the precondition error */
  outcomes: Array<Outcome<StoredValue>>;
}

export function planWrites(
  requests: readonly WriteRequest[],
  committed: (key: string) => StoredValue | undefined,
  currentRevision: number,
): WritePlan {
  /** keys written earlier in this group; undefined = deleted */
  const overlay = new Map<string, StoredValue | undefined>();
  const lookup = (key: string) => (overlay.has(key) ? overlay.get(key) : committed(key));
  const events: StoreEvent[] = [];
  const outcomes: Array<Outcome<StoredValue>> = [];
  let revision = currentRevision;

  for (const request of requests) {
    const existing = lookup(request.key);
    const error = preconditionError(request, existing);
    if (error) {
      outcomes.push({ ok: false, error });
      continue;
    }
    revision += 1;
    const event = changeFor(request, existing, revision);
    overlay.set(request.key, event.type === 'DELETED' ? undefined : event.object);
    events.push(event);
    outcomes.push({ ok: true, value: event.object });
  }
  return { events, outcomes };
}

function preconditionError(request: WriteRequest, existing: StoredValue | undefined): Error | undefined {
  if (request.type === 'create') return existing ? new KeyExistsError(request.key) : undefined;
  if (!existing) return new KeyNotFoundError(request.key);
  const { expectedRevision } = request;
  if (expectedRevision !== undefined && expectedRevision !== existing.modRevision) {
    return new RevisionMismatchError(request.key, expectedRevision, existing.modRevision);
  }
  return undefined;
}

/** Only called once the preconditions hold, so `existing` is set for update and delete. */
function changeFor(request: WriteRequest, existing: StoredValue | undefined, revision: number): StoreEvent {
  const { key } = request;
  switch (request.type) {
    case 'create':
      return freezeEvent({ type: 'ADDED', revision, object: { key, value: request.value, createRevision: revision, modRevision: revision } });
    case 'update': {
      const previous = existing as StoredValue;
      const object = { key, value: request.value, createRevision: previous.createRevision, modRevision: revision };
      return freezeEvent({ type: 'MODIFIED', revision, object, previous });
    }
    case 'delete': {
      const previous = existing as StoredValue;
      return freezeEvent({ type: 'DELETED', revision, object: { ...previous, modRevision: revision }, previous });
    }
  }
}

/** Values arrive frozen (frozenJsonCopy); this freezes the new wrappers around them. */
function freezeEvent(event: StoreEvent): StoreEvent {
  Object.freeze(event.object);
  return Object.freeze(event);
}
