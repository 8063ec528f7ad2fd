// kctl-proxy: the cluster's Service proxy (ClusterIP, NodePort) and DNS server; one per cluster,
// since every node of a kctl cluster shares the host's network namespace.
//
// Why a userspace proxy instead of kube-proxy's iptables/IPVS DNAT: kctl clusters are local and
// several may run side by side on a developer's machine. DNAT needs conntrack, ip_forward,
// route_localnet (for 127.0.0.1 NodePorts) and host-wide iptables chains, each a machine-wide
// change that must be shared, ordered and undone exactly. Here the only host change is one route —
// `ip route replace local SERVICE-CIDR dev lo table local` ("AnyIP": the whole service range
// becomes local addresses) — which lets this process bind any ClusterIP:port itself; packets from
// pods reach it through their bridge gateway and are delivered locally. Removing the route undoes
// everything, and each cluster's range is its own. The cost is a copy through this process:
// about 0.1–0.3 ms per request measured (see the proxy integration test's latency figures), well
// below what a local cluster's workloads notice.
//
// Flags: see proxy-config.ts. --cleanup removes a previous run's route and exits (cluster down).
// Logs pino JSON to stdout; stops cleanly on SIGTERM/SIGINT, removing the route it added.
import type http from 'node:http';
import { pino } from 'pino';
import { ApiClient, connectionFromKubeconfig, loadKubeconfig } from '@kctl/shared';
import { startHealthz } from './healthz.js';
import { addLocalRoute, removeLocalRoute } from './local-route.js';
import { parseProxyFlags } from './proxy-config.js';
import { ServiceProxy } from './proxy.js';

const config = (() => {
  try {
    return parseProxyFlags(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    process.exit(2);
  }
})();
const logger = pino({ level: config.logLevel, base: { component: 'proxy' } });
const cidr = config.serviceCidr.text;

/** Adds the AnyIP route; false (with a warning) when that is not possible, e.g. not running as root. */
async function routeServiceRange(): Promise<boolean> {
  if (process.getuid?.() !== 0) {
    logger.warn({ serviceCidr: cidr }, 'not running as root: cannot route the service range locally');
    return false;
  }
  try {
    await addLocalRoute(cidr);
    logger.info({ serviceCidr: cidr }, 'service range routed locally');
    return true;
  } catch (err) {
    logger.warn({ serviceCidr: cidr, err: (err as Error).message }, 'cannot route the service range locally');
    return false;
  }
}

async function cleanup(): Promise<void> {
  await removeLocalRoute(cidr);
  logger.info({ serviceCidr: cidr }, 'removed the service range route');
}

let routed = false;

async function main(): Promise<void> {
  if (config.cleanup) {
    await cleanup();
    return;
  }
  const client = new ApiClient(connectionFromKubeconfig(loadKubeconfig(config.kubeconfig)), { userAgent: 'kctl-proxy/v0.1.0' });
  routed = await routeServiceRange();
  const proxy = new ServiceProxy({
    client,
    logger,
    serviceCidr: config.serviceCidr,
    serviceRangeLocal: routed,
    nodePortAddress: config.nodePortAddress,
    clusterDomain: config.clusterDomain,
    dnsAddress: config.dnsAddress,
  });
  let healthz: http.Server | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    healthz?.close();
    await proxy.stop();
    client.close();
    if (routed) await cleanup().catch((err: Error) => logger.error({ err: err.message }, 'removing the route failed'));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  if (config.healthzPort !== undefined) healthz = await startHealthz(config.healthzPort, () => proxy.ready);
  logger.info({ server: client.connection.server, serviceCidr: cidr, dns: routed ? config.dnsAddress : null }, 'proxy starting');
  await proxy.start();
}

main().catch(async (err: Error) => {
  logger.fatal({ err }, 'proxy failed');
  process.stderr.write(`error: ${err.message}\n`);
  // A failed start (the DNS address taken, say) must not leave the route behind.
  if (routed) await cleanup().catch(() => undefined);
  process.exit(1);
});
