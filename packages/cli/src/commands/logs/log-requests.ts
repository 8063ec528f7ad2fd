// Which log streams a `kctl logs` invocation opens and with which PodLogOptions, as kubectl's
// logsForObject decides: one container (-c, the default-container annotation, else the first
// with a notice), or every container with --all-containers (init, regular, ephemeral).
import type { Query } from '@kctl/shared';
import { UsageError } from '../../resource-arguments.js';
import { parseGoDuration } from '../wait/go-duration.js';
import { defaultContainer, findContainer } from '../exec/container-choice.js';
import type { PodLike } from '../exec/container-choice.js';

export interface LogsFlags {
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tail?: string;
  since?: string;
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: string;
  allContainers?: boolean;
  selector?: string;
  prefix?: boolean;
}

export interface LogStreamRequest {
  pod: string;
  container: string;
  /** `[pod/NAME/CONTAINER] ` when prefixing, else empty */
  prefix: string;
}

function integerFlag(name: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`invalid argument ${JSON.stringify(value)} for "--${name}" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  return Number(value);
}

/** The query of every /log request; a selector makes the default tail 10, as in kubectl. */
export function logQuery(flags: LogsFlags): Query {
  if (flags.since && flags.sinceTime) throw new UsageError('at most one of `sinceTime` or `sinceSeconds` may be specified');
  const query: Query = {};
  if (flags.follow) query.follow = 'true';
  if (flags.previous) query.previous = 'true';
  const tail = flags.tail !== undefined ? integerFlag('tail', flags.tail) : flags.selector ? 10 : -1;
  if (tail >= 0) query.tailLines = String(tail);
  if (flags.since) {
    let ms: number;
    try {
      ms = parseGoDuration(flags.since);
    } catch (err) {
      throw new UsageError(`invalid argument ${JSON.stringify(flags.since)} for "--since" flag: ${(err as Error).message}`);
    }
    if (ms <= 0) throw new UsageError('--since must be greater than 0');
    query.sinceSeconds = String(Math.ceil(ms / 1000));
  }
  if (flags.sinceTime) {
    if (Number.isNaN(Date.parse(flags.sinceTime))) throw new UsageError(`${flags.sinceTime} is not a valid time`);
    query.sinceTime = flags.sinceTime;
  }
  if (flags.timestamps) query.timestamps = 'true';
  if (flags.limitBytes !== undefined) {
    const limit = integerFlag('limit-bytes', flags.limitBytes);
    if (limit <= 0) throw new UsageError('--limit-bytes must be greater than 0');
    query.limitBytes = String(limit);
  }
  return query;
}

function allContainers(pod: PodLike): string[] {
  const spec = pod.spec ?? {};
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name);
}

export function streamsForPod(pod: PodLike, flags: LogsFlags, prefixed: boolean, warn: (line: string) => void): LogStreamRequest[] {
  const name = pod.metadata?.name ?? '';
  const prefixFor = (container: string) => (prefixed ? `[pod/${name}/${container}] ` : '');
  if (flags.allContainers) return allContainers(pod).map((container) => ({ pod: name, container, prefix: prefixFor(container) }));
  let container = flags.container;
  if (!container) container = defaultContainer(pod, warn).name;
  else if (!findContainer(pod, container)) throw new Error(`container ${container} is not valid for pod ${name}`);
  return [{ pod: name, container, prefix: prefixFor(container) }];
}
