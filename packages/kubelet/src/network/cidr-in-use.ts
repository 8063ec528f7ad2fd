// Whether an address block is already used on this machine (a route or an interface address
// overlapping it), so a new cluster can pick other blocks instead of shadowing someone's network.
import { blockOfAddress, cidrsOverlap, parseCidr, type Ipv4Cidr } from './ipv4.js';
import { runChecked } from './run-command.js';

interface IpRoute {
  dst: string;
  dev?: string;
}
interface IpAddressInterface {
  ifname: string;
  addr_info?: { family?: string; local: string; prefixlen: number }[];
}

/**
 * True when a route or interface address overlaps CIDR. The default route does not count, and
 * neither does anything on OWN_BRIDGE (a restarted cluster finds its own bridge's routes).
 */
export async function cidrInUse(cidr: string, ownBridge?: string): Promise<boolean> {
  const wanted = parseCidr(cidr);
  const [routesJson, addressesJson] = await Promise.all([
    runChecked('ip', ['-j', '-4', 'route', 'show', 'table', 'all']),
    runChecked('ip', ['-j', '-4', 'addr', 'show']),
  ]);
  const routes = (JSON.parse(routesJson || '[]') as IpRoute[]).filter((route) => route.dev !== ownBridge);
  const addresses = (JSON.parse(addressesJson || '[]') as IpAddressInterface[])
    .filter((link) => link.ifname !== ownBridge)
    .flatMap((link) => link.addr_info ?? []);
  const blocks: Ipv4Cidr[] = [
    ...routes.flatMap((route) => (route.dst === 'default' ? [] : [blockOfAddress(route.dst)])),
    ...addresses.map((address) => blockOfAddress(`${address.local}/${address.prefixlen}`)),
  ];
  return blocks.some((block) => block.prefixLength > 0 && cidrsOverlap(block, wanted));
}
