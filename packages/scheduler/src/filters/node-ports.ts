// NodePorts: a host port can be taken once per protocol and address; 0.0.0.0 overlaps every address.
import type { FilterPlugin } from './filter-plugin.js';
import type { HostPort } from '../resources/pod-requests.js';

function conflicts(a: HostPort, b: HostPort): boolean {
  if (a.port !== b.port || a.protocol !== b.protocol) return false;
  return a.hostIP === b.hostIP || a.hostIP === '0.0.0.0' || b.hostIP === '0.0.0.0';
}

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  filter(pod, node) {
    if (pod.hostPorts.length === 0) return undefined;
    for (const other of node.pods.values()) {
      if (other.hostPorts.some((used) => pod.hostPorts.some((wanted) => conflicts(used, wanted)))) {
        return { plugin: 'NodePorts', code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] };
      }
    }
    return undefined;
  },
};
