// kctl-kubelet: flags → API client, runtime, streaming server, Kubelet. SIGTERM stops watching
// and serving but leaves the workloads running, like the real kubelet; --stop-all-containers is
// the opposite: stop every container under --root-dir and exit (used by `kctl cluster down`).
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { ApiClient, connectionFromKubeconfig, loadKubeconfig } from '@kctl/shared';
import { realClock } from './clock.js';
import { Kubelet } from './kubelet.js';
import { parseKubeletFlags } from './kubelet-config.js';
import type { KubeletConfig } from './kubelet-config.js';
import { readMachineInfo } from './node/machine-info.js';
import { nodeResources } from './node/node-object.js';
import { choosePodNetwork, tearDownNodePodNetwork } from './pod-network-choice.js';
import { createLaunchEnvironment } from './pods/launch-environment.js';
import type { ContainerRuntime } from './runtime/container-runtime.js';
import { cgroupParentFor } from './runtime/container-cgroups.js';
import { ProcessRuntime } from './runtime/process-runtime.js';
import { startKubeletServer } from './server/index.js';
import { ConfigSourceCache, PodVolumes, removePodVolumeDirs } from './volumes/index.js';

async function createRuntime(config: KubeletConfig, logger: Logger): Promise<ContainerRuntime> {
  if (config.runtime === 'fake') {
    // In-memory containers: a node with no real workloads, for control-plane tests.
    const { FakeRuntime } = await import('./runtime/fake-runtime.js');
    return new FakeRuntime();
  }
  return new ProcessRuntime({
    stateDir: join(config.rootDir, 'containers'),
    cgroupParent: cgroupParentFor(config.rootDir),
    onWarning: (message, details) => logger.warn(details, message),
  });
}

async function stopAllContainers(runtime: ContainerRuntime, config: KubeletConfig, logger: Logger): Promise<number> {
  const running = (await runtime.list()).filter((c) => c.state.status === 'running');
  await Promise.all(running.map((c) => runtime.stop(c.id, config.stopGraceSeconds)));
  // Nothing runs any more: leave no cgroup, pod network or volume mount of this kubelet behind
  // (`kctl cluster down`). Container logs stay, as they do for deleted pods until the pod goes.
  if (runtime instanceof ProcessRuntime) await runtime.removeCgroups();
  const warn = (message: string, details?: Record<string, unknown>) => logger.warn(details ?? {}, message);
  await tearDownNodePodNetwork(config.rootDir, warn);
  const podsDir = join(config.rootDir, 'pods');
  const podDirs = existsSync(podsDir) ? readdirSync(podsDir, { withFileTypes: true }).filter((e) => e.isDirectory()) : [];
  for (const entry of podDirs) {
    await removePodVolumeDirs(join(podsDir, entry.name), warn);
  }
  return running.length;
}

/** What the streaming server answers before the Kubelet exists. */
const STARTING = { ok: false, code: 503, reason: 'ServiceUnavailable', message: 'kubelet is starting' } as const;

async function main(): Promise<void> {
  const config = parseKubeletFlags(process.argv.slice(2));
  const logger = pino({ level: config.logLevel, base: { component: 'kubelet', node: config.nodeName } });
  mkdirSync(config.rootDir, { recursive: true });
  const runtime = await createRuntime(config, logger);
  if (config.stopAllContainers) {
    const stopped = await stopAllContainers(runtime, config, logger);
    logger.info({ stopped }, 'stopped every container');
    return;
  }
  const client = new ApiClient(connectionFromKubeconfig(loadKubeconfig(config.kubeconfig)), { userAgent: `kctl-kubelet/${config.nodeName}` });
  const warn = (message: string, details?: Record<string, unknown>) => logger.warn(details ?? {}, message);
  const { network, fallbackReason } = await choosePodNetwork(config, warn);
  const machine = readMachineInfo(config.rootDir);
  const allocatable = nodeResources(machine, { nodeName: config.nodeName, nodeIp: config.nodeIp, kubeletPort: 0, maxPods: config.maxPods, ...(config.cpu ? { cpu: config.cpu } : {}), ...(config.memory ? { memory: config.memory } : {}) }).allocatable ?? {};
  const quantity = (name: string) => (allocatable[name] === undefined ? {} : { [name === 'ephemeral-storage' ? 'ephemeralStorage' : name]: String(allocatable[name]) });
  const nodeAllocatable = () => ({ ...quantity('cpu'), ...quantity('memory'), ...quantity('ephemeral-storage') });
  const sources = new ConfigSourceCache(client, { onHandlerError: (err) => logger.error({ err }, 'config source handler failed') });
  const volumes = new PodVolumes({ rootDir: config.rootDir, sources, client, nodeAllocatable, clusterDomain: config.clusterDomain, onWarning: warn });
  let kubelet: Kubelet | undefined;
  const server = await startKubeletServer({
    host: config.nodeIp,
    port: config.port,
    backend: {
      runtime,
      findContainer: (...args) => (kubelet ? kubelet.streamingBackend().findContainer(...args) : STARTING),
      podNetwork: (...args) => kubelet?.streamingBackend().podNetwork?.(...args) ?? STARTING,
    },
  });
  kubelet = new Kubelet({
    client,
    runtime,
    clock: realClock,
    logger,
    machine,
    environment: createLaunchEnvironment({
      sources,
      nodeAllocatable,
      onWarning: (pod, reason, message) => kubelet?.events.record({ pod }, 'Warning', reason, message),
    }),
    sources,
    volumes,
    ...(network ? { network } : {}),
    ...(config.podCidr && network ? { podCidr: config.podCidr } : {}),
    ...(fallbackReason ? { hostNetworkFallback: fallbackReason } : {}),
    ...(config.clusterDns ? { clusterDns: config.clusterDns } : {}),
    clusterDomain: config.clusterDomain,
    hidePaths: config.hidePaths,
    // Mount namespaces need CAP_SYS_ADMIN: an unprivileged kubelet runs containers on the host's filesystem.
    privateMounts: process.getuid?.() === 0,
    ...(config.podMaxPids > 0 ? { podMaxPids: config.podMaxPids } : {}),
    nodeName: config.nodeName,
    nodeIp: config.nodeIp,
    rootDir: config.rootDir,
    kubeletPort: server.port,
    maxPods: config.maxPods,
    ...(config.cpu ? { cpu: config.cpu } : {}),
    ...(config.memory ? { memory: config.memory } : {}),
    nodeStatusUpdateMs: config.nodeStatusUpdateMs,
    leaseDurationSeconds: config.leaseDurationSeconds,
    backoff: { baseMs: config.backoffBaseMs, maxMs: config.backoffMaxMs, resetMs: config.backoffResetMs },
  });
  logger.info({ port: server.port }, 'kubelet server listening');
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping (containers keep running)');
    kubelet?.stop();
    void server.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await kubelet.start();
}

main().catch((err: Error) => {
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(1);
});
