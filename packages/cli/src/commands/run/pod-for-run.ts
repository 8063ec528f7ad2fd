// The Pod `kubectl run` posts (its generator's exact shape): one container named after the pod,
// `run=NAME` unless --labels, args or --command, env, and stdin/tty when attaching.
import { UsageError } from '../../resource-arguments.js';

export interface RunFlags {
  image?: string;
  restart: string;
  command?: boolean;
  env: string[];
  labels?: string;
  stdin?: boolean;
  tty?: boolean;
  rm?: boolean;
  leaveStdinOpen?: boolean;
}

const RESTART_POLICIES = new Set(['Always', 'OnFailure', 'Never']);

export function validateRunFlags(name: string | undefined, flags: RunFlags): asserts name is string {
  if (!name) throw new UsageError('NAME is required for run');
  if (!flags.image) throw new UsageError('--image is required');
  if (!RESTART_POLICIES.has(flags.restart)) throw new UsageError(`invalid restart policy: ${flags.restart}`);
  if (flags.tty && !flags.stdin) throw new UsageError('-i/--stdin is required for containers with -t/--tty=true');
  if (flags.rm && !flags.stdin) throw new UsageError('--rm should only be used for attached containers');
}

function parsePairs(text: string, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`invalid ${flag}: ${JSON.stringify(pair)}`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

export function podForRun(name: string, flags: RunFlags, args: string[]): Record<string, unknown> {
  const env = flags.env.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`invalid env: ${entry}`);
    return { name: entry.slice(0, eq), value: entry.slice(eq + 1) };
  });
  const container: Record<string, unknown> = { name, image: flags.image };
  if (args.length > 0) container[flags.command ? 'command' : 'args'] = args;
  if (env.length > 0) container.env = env;
  container.resources = {};
  if (flags.stdin) {
    container.stdin = true;
    container.stdinOnce = !flags.leaveStdinOpen;
  }
  if (flags.tty) container.tty = true;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null, labels: flags.labels ? parsePairs(flags.labels, 'label spec') : { run: name } },
    spec: { containers: [container], restartPolicy: flags.restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
}
