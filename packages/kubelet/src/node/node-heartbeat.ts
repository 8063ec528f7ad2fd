// Registration and heartbeats (kubelet_node_status.go registerWithAPIServer / updateNodeStatus
// and the nodelease controller): create the Node or refresh an existing one, then every period
// write its status through nodes/NAME/status and renew the Lease in kube-node-lease. A failed
// beat is logged and tried again at the next period; the lease is also retried sooner (200 ms
// doubling to 7 s, the lease controller's back-off).
import type { ApiClient, Node } from '@kctl/shared';
import { ApiError, ExponentialBackoff, defaultCatalog, metaTime, renewLease, resourcePath } from '@kctl/shared';
import type { Clock, TimerHandle } from '../clock.js';
import type { MachineInfo } from './machine-info.js';
import { newNode, nodeStatus } from './node-object.js';
import type { NodeSettings } from './node-object.js';

const nodesType = defaultCatalog.byPath('', 'v1', 'nodes')!;
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** registerWithAPIServer retries from 100 ms doubling to 7 s. */
const REGISTER_RETRY = { initialMs: 100, maxMs: 7_000 };

export interface HeartbeatOptions {
  client: ApiClient;
  clock: Clock;
  machine: MachineInfo;
  settings: NodeSettings;
  periodMs: number;
  leaseDurationSeconds: number;
  onError(what: string, err: unknown): void;
}

export class NodeHeartbeat {
  private timer: TimerHandle | undefined;
  private stopped = false;
  private node: Node | undefined;

  constructor(private readonly opts: HeartbeatOptions) {}

  /** Registers the node (retrying while the API server is unreachable) and starts the periodic beats. */
  async start(): Promise<void> {
    const backoff = new ExponentialBackoff(REGISTER_RETRY);
    for (;;) {
      try {
        await this.register();
        break;
      } catch (err) {
        if (this.stopped) return;
        this.opts.onError('node registration', err);
        await new Promise<void>((resolve) => this.opts.clock.setTimeout(resolve, backoff.next()));
      }
    }
    await this.renewLease().catch((err: unknown) => this.opts.onError('lease', err));
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.opts.clock.setTimeout(() => void this.beat().finally(() => this.schedule()), this.opts.periodMs);
  }

  async beat(): Promise<void> {
    await this.updateStatus().catch((err: unknown) => this.opts.onError('node status', err));
    await this.renewLease().catch((err: unknown) => this.opts.onError('lease', err));
  }

  private now(): string {
    return metaTime(this.opts.clock.now());
  }

  async register(): Promise<void> {
    const { client, machine, settings } = this.opts;
    try {
      this.node = await client.create<Node>(resourcePath(nodesType), newNode(machine, settings, this.now()));
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 409)) throw err;
      // Already registered (a kubelet restart): keep its spec and labels, refresh what we report.
      await this.updateStatus();
    }
  }

  async updateStatus(): Promise<void> {
    const { client, machine, settings } = this.opts;
    const path = resourcePath(nodesType, undefined, settings.nodeName, 'status');
    const previous = this.node?.status ?? (await client.get<Node>(resourcePath(nodesType, undefined, settings.nodeName))).status;
    const status = nodeStatus(machine, settings, this.now(), previous);
    this.node = await client.patch<Node>(path, { status }, 'application/merge-patch+json');
  }

  async renewLease(): Promise<void> {
    const { client, settings, clock } = this.opts;
    const name = settings.nodeName;
    const uid = this.node?.metadata?.uid;
    await renewLease(client, {
      namespace: NODE_LEASE_NAMESPACE,
      name,
      holderIdentity: name,
      leaseDurationSeconds: this.opts.leaseDurationSeconds,
      now: clock.now(),
      // The lease goes with its Node (garbage collected when the Node is deleted).
      ...(uid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid }] } : {}),
    });
  }
}
