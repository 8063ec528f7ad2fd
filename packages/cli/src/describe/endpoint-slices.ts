// describe.go's formatEndpointSlices: "10.0.0.5:8080,10.0.0.6:8080 + 2 more..." for the
// ready endpoints serving the named service ports.
export interface EndpointSlice {
  ports?: Array<{ name?: string; port?: number }>;
  endpoints?: Array<{ addresses: string[]; conditions?: { ready?: boolean } }>;
}

const MAX_SHOWN = 3;

function joinHostPort(host: string, port: number | undefined): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `${h}:${port ?? 0}`;
}

/** `portNames` undefined means every port. Unready endpoints are skipped; nil "ready" counts as ready. */
export function formatEndpointSlices(slices: EndpointSlice[], portNames?: Set<string>): string {
  if (slices.length === 0) return '<none>';
  const shown: string[] = [];
  let more = false;
  let count = 0;
  const offer = (address: string | undefined, ready: boolean | undefined): void => {
    if (shown.length === MAX_SHOWN) more = true;
    if (ready === false) return;
    if (!more) shown.push(address ?? '');
    count++;
  };
  for (const slice of slices) {
    const endpoints = slice.endpoints ?? [];
    if ((slice.ports ?? []).length === 0) {
      // Headless services may have no ports: list bare addresses.
      for (const e of endpoints) offer(e.addresses[0], e.conditions?.ready);
      continue;
    }
    for (const port of slice.ports ?? []) {
      if (portNames && !portNames.has(port.name ?? '')) continue;
      for (const e of endpoints) offer(joinHostPort(e.addresses[0] ?? '', port.port), e.conditions?.ready);
    }
  }
  const list = shown.join(',');
  return more ? `${list} + ${count - MAX_SHOWN} more...` : list;
}
