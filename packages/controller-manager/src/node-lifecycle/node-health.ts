// When each node was last heard from (the controller's nodeHealthMap). A heartbeat is a new
// Lease renewTime or a new Ready lastHeartbeatTime; the time recorded is this controller's own
// clock when it saw the change, so clock skew between a kubelet and us does not matter. A node
// seen for the first time counts as just heard from (a restarted controller gives every node a
// full grace period, as Kubernetes does).
import type { Node } from '@kctl/shared';

/** The part of a coordination.k8s.io/v1 Lease the controller reads. */
export interface NodeLease {
  metadata?: { name?: string; namespace?: string };
  spec?: { renewTime?: string; holderIdentity?: string };
}

interface Seen {
  fingerprint: string;
  probedAt: number;
}

export class NodeHealth {
  private readonly seen = new Map<string, Seen>();

  /** Records what the node and its lease say now; returns when it was last heard from. */
  observe(node: Node, lease: NodeLease | undefined, now: number): number {
    const name = node.metadata?.name ?? '';
    const heartbeat = node.status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime ?? '';
    const fingerprint = `${heartbeat}|${lease?.spec?.renewTime ?? ''}`;
    const previous = this.seen.get(name);
    if (previous && previous.fingerprint === fingerprint) return previous.probedAt;
    this.seen.set(name, { fingerprint, probedAt: now });
    return now;
  }

  forget(name: string): void {
    this.seen.delete(name);
  }
}
