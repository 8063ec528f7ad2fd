// IPv4 addresses and CIDR blocks as unsigned 32-bit numbers: the arithmetic the pod network
// needs (gateway, host range, overlap) without a dependency.

export interface Ipv4Cidr {
  /** Network address (host bits cleared), as an unsigned 32-bit number. */
  readonly network: number;
  readonly prefixLength: number;
}

export function parseIpv4(text: string): number {
  const parts = text.split('.');
  const octets = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : NaN));
  if (octets.length !== 4 || octets.some((octet) => !(octet <= 255))) throw new Error(`invalid IPv4 address "${text}"`);
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/** Parses "a.b.c.d/n"; host bits must be zero, so a typo is not silently widened. */
export function parseCidr(text: string): Ipv4Cidr {
  const { address, block } = parseAddressWithPrefix(text);
  if (block.network !== address) throw new Error(`CIDR "${text}" has host bits set (network is ${formatCidr(block)})`);
  return block;
}

/**
 * The block an address belongs to: "10.1.2.3/16" is 10.1.0.0/16 (an interface address), and a
 * bare "10.1.2.3" is the /32 of a host route.
 */
export function blockOfAddress(text: string): Ipv4Cidr {
  return parseAddressWithPrefix(text.includes('/') ? text : `${text}/32`).block;
}

function parseAddressWithPrefix(text: string): { address: number; block: Ipv4Cidr } {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  const prefixLength = Number(match?.[2]);
  if (!match || prefixLength > 32) throw new Error(`invalid IPv4 CIDR "${text}"`);
  const address = parseIpv4(match[1] as string);
  return { address, block: { network: (address & maskOf(prefixLength)) >>> 0, prefixLength } };
}

export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefixLength}`;
}

export function broadcastOf(cidr: Ipv4Cidr): number {
  return (cidr.network | ~maskOf(cidr.prefixLength)) >>> 0;
}

export function cidrContains(cidr: Ipv4Cidr, address: number): boolean {
  return ((address & maskOf(cidr.prefixLength)) >>> 0) === cidr.network;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  // Two aligned blocks overlap exactly when the wider one contains the other's network address.
  return a.prefixLength <= b.prefixLength ? cidrContains(a, b.network) : cidrContains(b, a.network);
}

/** The gateway of a cluster: first host address of its CIDR (10.X.0.1 for 10.X.0.0/16). */
export function gatewayOf(cidr: Ipv4Cidr): number {
  return cidr.network + 1;
}

function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}
