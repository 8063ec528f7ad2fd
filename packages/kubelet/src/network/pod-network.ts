// The kubelet's view of pod networking: set up a pod's network namespace before its first
// container starts, tear it down after its last one stopped.

export interface PodNetworkRef {
  uid: string;
  namespace: string;
  name: string;
}

export interface PodNetworkAttachment {
  /** status.podIP */
  ip: string;
  /** /run/netns/NAME: containers join it (`ip netns exec NAME` / `nsenter --net=PATH`). */
  netnsPath: string;
}

export interface PodNetwork {
  readonly mode: 'bridge' | 'host';
  /** Idempotent: a pod already set up gets its recorded attachment back. */
  setUp(pod: PodNetworkRef): Promise<PodNetworkAttachment>;
  /** Idempotent, no error if the pod has no network (any more). */
  tearDown(podUid: string): Promise<void>;
  /** uids with a recorded attachment (to tear down pods that disappeared while the kubelet was down) */
  list(): Promise<string[]>;
  /** every pod of this node torn down; then the bridge + iptables chain removed if no port is left on the bridge (another node of the cluster may still use it) */
  tearDownAll(): Promise<void>;
}

export interface BridgeNetworkOptions {
  /** At most 15 characters; shared by every node of the cluster. */
  bridgeName: string;
  /** 10.X.0.0/16: the bridge holds its first host as the gateway; pods use its prefix length. */
  clusterCidr: string;
  /** This node's slice of the cluster CIDR (10.X.2N.0/23), from which its pods get addresses. */
  podCidr: string;
  /** This node's IPAM and attachment records. */
  stateDir: string;
  onWarning?: (msg: string, details?: Record<string, unknown>) => void;
}
