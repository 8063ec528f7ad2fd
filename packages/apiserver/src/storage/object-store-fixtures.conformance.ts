// Shared helpers of the ObjectStore conformance suites.

import type { ObjectStore, StoreEvent } from './object-store.js';
import type { ObjectStoreOptions } from './store-options.js';

/** Returns a new, opened, empty store. */
export type ObjectStoreFactory = (options?: ObjectStoreOptions) => Promise<ObjectStore>;

export const podKey = (namespace: string, name: string) => `/registry/pods/${namespace}/${name}`;
export const pod = (name: string, extra: Record<string, unknown> = {}) => ({ kind: 'Pod', metadata: { name }, ...extra });

/** Reads events until `isLast` holds for one (kept), then leaves the loop, which ends the watch. */
export async function readUntil(events: AsyncIterable<StoreEvent>, isLast: (event: StoreEvent) => boolean): Promise<StoreEvent[]> {
  const seen: StoreEvent[] = [];
  for await (const event of events) {
    seen.push(event);
    if (isLast(event)) break;
  }
  return seen;
}

/** Events until the one for `key`: write to `key` last, so nothing expected can still be on its way. */
export const readUntilKey = (events: AsyncIterable<StoreEvent>, key: string) =>
  readUntil(events, (event) => event.object.key === key);

export const summarize = (events: StoreEvent[]) => events.map((event) => `${event.revision} ${event.type} ${event.object.key}`);
