// GET /containerLogs/{namespace}/{pod}/{container}: the container's log as text/plain, streamed
// with headers flushed at once so a follower sees lines as they are written.
import type http from 'node:http';
import { errors } from '@kctl/shared';
import type { KubeletRequest } from './kubelet-requests.js';
import { lookupError } from './streaming-backend.js';
import type { StreamingBackend } from './streaming-backend.js';
import { limitBytes, readContainerLog } from './container-log-reader.js';
import { LogQueryError, parseLogQuery } from './log-query.js';

export async function serveContainerLogs(backend: StreamingBackend, target: KubeletRequest, res: http.ServerResponse): Promise<void> {
  let query;
  try {
    query = parseLogQuery(target.params);
  } catch (err) {
    if (err instanceof LogQueryError) throw errors.badRequest(err.message);
    throw err;
  }
  const lookup = backend.findContainer(target.namespace, target.pod, target.container, { previous: query.previous });
  if (!lookup.ok) throw lookupError(lookup);
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  // A terminated container has nothing more to write: follow reads to the end and stops.
  const following = query.follow && lookup.running && lookup.containerId !== undefined && !query.previous;
  const follow = following
    ? { exited: backend.runtime.waitForExit(lookup.containerId as string, abort.signal), signal: abort.signal }
    : undefined;
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  for await (const chunk of limitBytes(readContainerLog(lookup.logPath, query, follow), query.limitBytes)) {
    if (abort.signal.aborted) break;
    if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
  }
  res.end();
}
