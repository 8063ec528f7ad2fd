// describe.go's DescribeProbe: "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3".
import type { Container } from '@kctl/shared';

type Probe = NonNullable<Container['livenessProbe']>;

/** net.JoinHostPort: IPv6 hosts get brackets. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Go's url.URL{Scheme, Host, Path}.String() for the parts a probe has. */
function probeUrl(scheme: string, host: string, path: string): string {
  const prefix = scheme ? `${scheme}:` : '';
  const authority = host ? `//${host}` : '';
  const slash = host && path && !path.startsWith('/') ? '/' : '';
  return `${prefix}${authority}${slash}${encodeURI(path)}`;
}

export function describeProbe(probe: Probe): string {
  const attrs =
    `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s period=${probe.periodSeconds ?? 0}s ` +
    `#success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const port = String(probe.httpGet.port ?? '');
    const host = probe.httpGet.host ?? '';
    const authority = port ? joinHostPort(host, port) : host;
    return `http-get ${probeUrl((probe.httpGet.scheme ?? '').toLowerCase(), authority, probe.httpGet.path ?? '')} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port ?? '')} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}
