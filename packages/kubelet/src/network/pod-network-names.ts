// Kernel object names for one pod. Interface names are at most 15 characters, so the host end of
// the veth is a hash; the netns name carries the bridge so two clusters' pods never share one.
import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';

export const NETNS_DIR = '/run/netns';

/** kctl-<bridge>-<first 12 characters of the uid without dashes>. */
export function podNetnsName(bridgeName: string, podUid: string): string {
  return `kctl-${bridgeName}-${podUid.replaceAll('-', '').slice(0, 12)}`;
}

/** kv + 10 hex characters of sha1(bridge + uid): 12 characters. */
export function hostVethName(bridgeName: string, podUid: string): string {
  return `kv${createHash('sha1').update(bridgeName + podUid).digest('hex').slice(0, 10)}`;
}

export function netnsPathOf(netnsName: string): string {
  return `${NETNS_DIR}/${netnsName}`;
}

/** Whether a network interface exists in this process's namespace (a stat, no `ip` process). */
export function linkExists(name: string): Promise<boolean> {
  return pathExists(`/sys/class/net/${name}`);
}

export function netnsExists(netnsName: string): Promise<boolean> {
  return pathExists(netnsPathOf(netnsName));
}

async function pathExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
