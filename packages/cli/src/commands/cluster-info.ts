// kctl cluster-info: the control plane address and every kube-system service labelled
// kubernetes.io/cluster-service=true, with kubectl's proxy links. Plain text: kubectl prints
// no colour codes when stdout is not a terminal, and neither do we.
import type { Command } from 'commander';
import type { KubernetesList, Service } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';

export const CLUSTER_INFO_HINT = "\nTo further debug and diagnose cluster problems, use 'kctl cluster-info dump'.\n";

export function registerClusterInfo(program: Command, run: CommandRunner): void {
  program
    .command('cluster-info')
    .description('Display addresses of the control plane and services with label kubernetes.io/cluster-service=true')
    .action(run(async (ctx) => clusterInfo(ctx.client, ctx.globals.namespace ?? 'kube-system')));
}

/** utilnet.JoinSchemeNamePort: "[scheme:]name[:port]" as the proxy path segment. */
function proxyName(service: Service): string {
  const name = service.metadata?.name ?? '';
  const port = service.spec?.ports?.[0];
  if (!port) return name;
  const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
  if (scheme) return `${scheme}:${name}:${port.name ?? ''}`;
  return port.name ? `${name}:${port.name}` : name;
}

export function serviceLink(server: string, service: Service): string {
  const ingress = service.status?.loadBalancer?.ingress?.[0];
  if (ingress) {
    const host = ingress.ip || ingress.hostname || '';
    return (service.spec?.ports ?? []).map((p) => `http://${host}:${p.port} `).join('');
  }
  return `${server}/api/v1/namespaces/${service.metadata?.namespace ?? ''}/services/${proxyName(service)}/proxy`;
}

export async function clusterInfo(
  client: Pick<CliContext['client'], 'get' | 'connection'>,
  namespace: string,
  out: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  const server = client.connection.server;
  try {
    const services = await client.get<KubernetesList<Service>>(`/api/v1/namespaces/${namespace}/services`, { labelSelector: 'kubernetes.io/cluster-service=true' });
    out(`Kubernetes control plane is running at ${server}\n`);
    for (const service of services.items) {
      const name = service.metadata?.labels?.['kubernetes.io/name'] || service.metadata?.name || '';
      out(`${name} is running at ${serviceLink(server, service)}\n`);
    }
  } finally {
    // kubectl writes the hint even when listing the services failed.
    out(CLUSTER_INFO_HINT);
  }
  return 0;
}
