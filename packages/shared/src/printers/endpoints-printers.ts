// Endpoints (`NAME ENDPOINTS AGE`) and EndpointSlices (`NAME ADDRESSTYPE PORTS ENDPOINTS AGE`):
// both list at most three addresses and summarise the rest as ` + N more...`.
import type { IEndpoints } from 'kubernetes-models/v1';
import type { IEndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1';
import { age } from './human-duration.js';
import { ageColumn, column, definePrinter, nameColumn } from './printer.js';

const MAX_LISTED = 3;

/** Collects up to three entries while counting all of them. */
class ShortList {
  readonly items: string[] = [];
  count = 0;
  more = false;

  add(item: string): void {
    this.count++;
    if (this.items.length < MAX_LISTED) this.items.push(item);
    else this.more = true;
  }

  format(empty: string): string {
    const joined = this.items.join(',');
    if (this.more) return `${joined} + ${this.count - MAX_LISTED} more...`;
    return joined === '' ? empty : joined;
  }
}

/** net.JoinHostPort: IPv6 addresses are bracketed. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpoints: ready addresses only, crossed with each subset's ports. */
function endpointsCell(endpoints: IEndpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list = new ShortList();
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    // Headless services without ports publish bare IPs.
    if (ports.length === 0) for (const a of addresses) list.add(a.ip);
    for (const port of ports) for (const a of addresses) list.add(joinHostPort(a.ip, port.port));
  }
  // Subsets without ready addresses give an empty cell, not <none>.
  return list.format('');
}

export const endpointsPrinter = definePrinter<IEndpoints>({
  columns: [nameColumn(), column('Endpoints', 'Ready addresses and ports of the service backends.'), ageColumn()],
  cells: (endpoints, now) => [
    endpoints.metadata?.name ?? '',
    endpointsCell(endpoints),
    age(endpoints.metadata?.creationTimestamp, now),
  ],
});

function slicePortsCell(slice: IEndpointSlice): string {
  const list = new ShortList();
  for (const port of slice.ports ?? []) list.add(port.port !== undefined ? String(port.port) : (port.name ?? '*'));
  return list.format('<unset>');
}

/** Every address of every endpoint, whatever its readiness conditions say. */
function sliceEndpointsCell(slice: IEndpointSlice): string {
  const list = new ShortList();
  for (const endpoint of slice.endpoints ?? []) for (const address of endpoint.addresses ?? []) list.add(address);
  return list.format('<unset>');
}

export const endpointSlicePrinter = definePrinter<IEndpointSlice>({
  columns: [
    nameColumn(),
    column('AddressType', 'The type of address carried by this slice: IPv4, IPv6 or FQDN.'),
    column('Ports', 'Ports exposed by the endpoints in this slice.'),
    column('Endpoints', 'Addresses of the endpoints in this slice.'),
    ageColumn(),
  ],
  cells: (slice, now) => [
    slice.metadata?.name ?? '',
    slice.addressType ?? '',
    slicePortsCell(slice),
    sliceEndpointsCell(slice),
    age(slice.metadata?.creationTimestamp, now),
  ],
});
