// Streams a watch as chunked newline-delimited JSON. Headers go out at once (client-node's
// informer waits for them), bookmarks keep reflectors' resourceVersions fresh, and a
// resourceVersion older than the history answers with an ERROR event carrying a 410 Status.
import type { FastifyReply } from 'fastify';
import { errors } from '@kctl/shared';
import type { ResourceType, WatchEvent } from '@kctl/shared';
import type { RegistryContext } from '../rest/registry-context.js';
import { watchObjects } from '../rest/object-watch.js';
import type { WatchProgress, WatchRequest } from '../rest/object-watch.js';
import { CompactedError } from '../storage/object-store.js';
import { WatchOverflowError } from '../storage/index.js';
import { toTable } from './table-output.js';
import type { IncludeObject } from './content-negotiation.js';

export interface WatchResponseOptions {
  selection: Pick<WatchRequest, 'labelSelector' | 'fieldSelector' | 'resourceVersion'>;
  timeoutSeconds?: number;
  allowBookmarks: boolean;
  bookmarkIntervalMs: number;
  table?: { includeObject: IncludeObject };
}

export async function streamWatch(
  ctx: RegistryContext,
  type: ResourceType,
  namespace: string | undefined,
  reply: FastifyReply,
  opts: WatchResponseOptions,
): Promise<void> {
  const abort = new AbortController();
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  raw.flushHeaders();
  raw.on('close', () => abort.abort());
  const timers: NodeJS.Timeout[] = [];
  if (opts.timeoutSeconds && opts.timeoutSeconds > 0) timers.push(setTimeout(() => abort.abort(), opts.timeoutSeconds * 1000));
  const progress: WatchProgress = { revision: 0 };
  let sentColumns = false;
  const write = (event: WatchEvent): boolean => raw.write(`${JSON.stringify(event)}\n`);
  if (opts.allowBookmarks) {
    timers.push(
      setInterval(() => {
        if (progress.revision === 0) return;
        const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
        write({ type: 'BOOKMARK', object: { kind: type.kind, apiVersion, metadata: { resourceVersion: String(progress.revision) } } });
      }, opts.bookmarkIntervalMs),
    );
  }
  try {
    for await (const event of watchObjects(ctx, type, namespace, { ...opts.selection, signal: abort.signal }, progress)) {
      let out: WatchEvent = event;
      if (opts.table) {
        out = {
          type: event.type,
          object: toTable(ctx, type, [event.object], {
            includeObject: opts.table.includeObject,
            ...(event.object.metadata?.resourceVersion ? { resourceVersion: event.object.metadata.resourceVersion } : {}),
            noHeaders: sentColumns,
          }) as unknown as WatchEvent['object'],
        };
        sentColumns = true;
      }
      if (!write(out)) await waitForDrain(raw, abort.signal);
      if (abort.signal.aborted) break;
    }
  } catch (err) {
    // A watcher that fell too far behind is simply ended: the client re-watches from its last
    // resourceVersion, as with Kubernetes' watch cache.
    if (!raw.destroyed && !(err instanceof WatchOverflowError)) {
      const failure = err instanceof CompactedError ? errors.gone(err.message) : errors.internal((err as Error).message);
      write({ type: 'ERROR', object: failure.toStatus() as unknown as WatchEvent['object'] });
    }
  } finally {
    timers.forEach((t) => clearTimeout(t));
    abort.abort();
    if (!raw.destroyed) raw.end();
  }
}

function waitForDrain(raw: NodeJS.WritableStream, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      raw.removeListener('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    raw.once('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
