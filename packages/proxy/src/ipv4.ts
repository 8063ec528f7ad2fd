// Dotted-quad IPv4 arithmetic for the service CIDR: parsing, membership and the n-th address.
// (The API server's service allocator has private twins of these; a shared home would suit both.)

export interface Ipv4Cidr {
  /** the network address as an unsigned 32-bit number */
  base: number;
  prefix: number;
  /** canonical text, network address first: 10.130.0.0/16 */
  text: string;
}

export function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function isIpv4(ip: string): boolean {
  return ipv4ToInt(ip) !== undefined;
}

export function parseIpv4Cidr(cidr: string): Ipv4Cidr {
  const [ip, bits, extra] = cidr.split('/');
  const address = ipv4ToInt(ip ?? '');
  const prefix = Number(bits);
  if (address === undefined || extra !== undefined || !/^\d{1,2}$/.test(bits ?? '') || prefix > 32) throw new Error(`invalid IPv4 CIDR ${JSON.stringify(cidr)}`);
  const size = 2 ** (32 - prefix);
  const base = address - (address % size);
  return { base, prefix, text: `${intToIpv4(base)}/${prefix}` };
}

export function cidrContains(cidr: Ipv4Cidr, ip: string): boolean {
  const value = ipv4ToInt(ip);
  if (value === undefined) return false;
  return value - (value % 2 ** (32 - cidr.prefix)) === cidr.base;
}

/** The n-th address of the range (0 is the network address): kube-dns sits at the tenth. */
export function nthAddress(cidr: Ipv4Cidr, n: number): string {
  if (n < 0 || n >= 2 ** (32 - cidr.prefix)) throw new Error(`${cidr.text} has no address number ${n}`);
  return intToIpv4(cidr.base + n);
}
