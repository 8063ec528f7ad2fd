// The fallback when pod networks cannot be created (not root, no `ip`, no netns support):
// every pod shares the node's network namespace and reports the node's address as its IP.
import type { PodNetwork, PodNetworkAttachment } from './pod-network.js';

export class HostPodNetwork implements PodNetwork {
  readonly mode = 'host' as const;

  constructor(private readonly hostIp: string) {}

  /** netnsPath is empty: containers start in the kubelet's own network namespace. */
  async setUp(): Promise<PodNetworkAttachment> {
    return { ip: this.hostIp, netnsPath: '' };
  }

  async tearDown(): Promise<void> {}

  async list(): Promise<string[]> {
    return [];
  }

  async tearDownAll(): Promise<void> {}
}
