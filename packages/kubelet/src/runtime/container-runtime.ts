// THE runtime interface: what the kubelet asks of a container runtime (process today, Docker
// later, a fake in unit tests). Containers are identified by an opaque id; the kubelet reports
// them as `<runtime>://<id>` in containerStatuses[].containerID.
import type { Readable, Writable } from 'node:stream';

export interface PodRef {
  uid: string;
  namespace: string;
  name: string;
}

/** Everything the runtime needs to start one container instance; the kubelet resolved the rest. */
export interface ContainerLaunch {
  /** container name in the pod spec */
  name: string;
  /** command + args after $(VAR) expansion; never empty (the kubelet refuses that earlier) */
  argv: string[];
  /** the complete environment: defaults (PATH, HOME, HOSTNAME) then the spec's env */
  env: Record<string, string>;
  workingDir?: string;
  /** keep stdin open for attach (spec.containers[].stdin / tty) */
  stdin: boolean;
  tty: boolean;
  /** 0 for the first start, then restartCount */
  attempt: number;
  /** CRI-format log file for this instance (the runtime writes it) */
  logPath: string;
  /** resources.limits.memory in bytes: the container runs in a memory cgroup with this limit
   * where the runtime can create one (otherwise without a limit) */
  memoryLimitBytes?: number;
  /** the pod's shared context; absent: the container runs on the host as today (hostNetwork pods, fallback) */
  sandbox?: PodSandboxContext;
  /** cpu.cfs_quota_us for a 100000 us period (limits.cpu in millicores * 100); absent: no quota */
  cpuQuotaMicros?: number;
  /** cpu.shares (requests.cpu: max(2, millis*1024/1000)); absent: the default */
  cpuShares?: number;
  /** pids.max; absent: no limit */
  pidsLimit?: number;
}

/** A volume at its mountPath. source: host path (dir or file); target: absolute path inside the container */
export interface VolumeMount {
  source: string;
  target: string;
  readOnly: boolean;
}

/** What the containers of one Pod share, and how each is set apart from the host. */
export interface PodSandboxContext {
  /** /run/netns/NAME of the pod's network namespace; absent: the host's network */
  netnsPath?: string;
  /** hostname in the container's own UTS namespace (the pod name) */
  hostname?: string;
  /** a private mount namespace with a copy-on-write overlay of the host's / as the container's root,
   * then these bind mounts in order (files like /etc/hosts, /etc/resolv.conf, /etc/hostname included) */
  mounts?: VolumeMount[];
  /** host directories hidden inside the container by an empty read-only tmpfs (e.g. the cluster's data dir), applied before `mounts` */
  maskPaths?: string[];
}

export type ContainerState =
  | { status: 'running'; pid: number; startedAt: string }
  | { status: 'exited'; exitCode: number; signal?: string; startedAt: string; finishedAt: string; oomKilled?: boolean }
  | { status: 'unknown' };

export interface ContainerSummary {
  id: string;
  pod: PodRef;
  containerName: string;
  attempt: number;
  logPath: string;
  state: ContainerState;
}

/** A start that failed before the process ran: missing executable, bad working dir... */
export class ContainerStartError extends Error {
  constructor(
    message: string,
    /** what the kubelet reports: StartError / ContainerCannotRun (exit code 128 in Kubernetes) */
    readonly reason: 'StartError' | 'ContainerCannotRun' = 'StartError',
  ) {
    super(message);
    this.name = 'ContainerStartError';
  }
}

export interface ExecIO {
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  tty: boolean;
  /** terminal size changes for tty sessions */
  onResize?: (listener: (size: { cols: number; rows: number }) => void) => void;
}

export interface ContainerRuntime {
  readonly name: string;
  /** Starts a container instance; resolves once the process runs (or throws ContainerStartError). */
  start(pod: PodRef, container: ContainerLaunch): Promise<string>;
  /** SIGTERM to the container's process group, SIGKILL after the grace period; resolves when it exited. */
  stop(id: string, gracePeriodSeconds: number): Promise<void>;
  inspect(id: string): Promise<ContainerState>;
  /** Every container the runtime knows, including those a previous kubelet started (adoption). */
  list(): Promise<ContainerSummary[]>;
  /** Forgets an exited container (its log file stays until the pod is removed). */
  remove(id: string): Promise<void>;
  /** Runs a command in the container's context; resolves with its exit code. */
  exec(id: string, argv: string[], io: ExecIO): Promise<number>;
  /** Connects to the container's stdin/stdout (tty or not) until either side ends. */
  attach(id: string, io: ExecIO): Promise<void>;
  /** Resolves when the container exits (used to notice exits promptly without polling). */
  waitForExit(id: string, signal?: AbortSignal): Promise<ContainerState>;
}
