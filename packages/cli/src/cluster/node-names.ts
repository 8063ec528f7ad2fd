// Node names for the kubelets `up` starts. The first node is always named after the machine
// (as kubeadm and kind's single node are), and further nodes append -2, -3, ...: growing a
// cluster from 1 to N nodes never renames the first node, so its root dir and kept port stay.
import { hostname } from 'node:os';

const FALLBACK_NODE_NAME = 'kctl-node';
/** A DNS-1123 subdomain is at most 253 characters; leave room for the "-N" suffix. */
const MAX_BASE_LENGTH = 240;

/**
 * The host name as a valid node name (a DNS-1123 subdomain): lower case, anything outside
 * [a-z0-9.-] replaced by '-', and no leading or trailing '-' or '.' in any label.
 */
export function nodeNameFromHostname(host: string = hostname()): string {
  const labels = host
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .split('.')
    .map((label) => label.replace(/^-+|-+$/g, ''))
    .filter((label) => label.length > 0);
  const name = labels.join('.').slice(0, MAX_BASE_LENGTH).replace(/[-.]+$/, '');
  return name || FALLBACK_NODE_NAME;
}

/** `count` node names: base, base-2, ..., base-count. */
export function clusterNodeNames(count: number, base: string = nodeNameFromHostname()): string[] {
  return Array.from({ length: count }, (_, index) => (index === 0 ? base : `${base}-${index + 1}`));
}
