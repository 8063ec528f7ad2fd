// kctl-kubelet: flags → API client, runtime, streaming server, Kubelet. SIGTERM stops watching
// and serving but leaves the workloads running, like the real kubelet; --stop-all-containers is
// the opposite: stop every container under --root-dir and exit (used by `kctl cluster down`).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { ApiClient, connectionFromKubeconfig, loadKubeconfig } from '@kctl/shared';
import { realClock } from './clock.js';
import { Kubelet } from './kubelet.js';
import { parseKubeletFlags } from './kubelet-config.js';
import type { KubeletConfig } from './kubelet-config.js';
import { readMachineInfo } from './node/machine-info.js';
import { launchEnvironment } from './pods/launch-environment.js';
import type { ContainerRuntime } from './runtime/container-runtime.js';
import { cgroupParentFor } from './runtime/memory-cgroup.js';
import { ProcessRuntime } from './runtime/process-runtime.js';
import { startKubeletServer } from './server/index.js';

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

async function stopAllContainers(runtime: ContainerRuntime, graceSeconds: number): Promise<number> {
  const running = (await runtime.list()).filter((c) => c.state.status === 'running');
  await Promise.all(running.map((c) => runtime.stop(c.id, graceSeconds)));
  // Nothing runs any more: leave no cgroup of this kubelet behind (`kctl cluster down`).
  if (runtime instanceof ProcessRuntime) await runtime.removeCgroups();
  return running.length;
}

async function main(): Promise<void> {
  const config = parseKubeletFlags(process.argv.slice(2));
  const logger = pino({ level: config.logLevel, base: { component: 'kubelet', node: config.nodeName } });
  mkdirSync(config.rootDir, { recursive: true });
  const runtime = await createRuntime(config, logger);
  if (config.stopAllContainers) {
    const stopped = await stopAllContainers(runtime, config.stopGraceSeconds);
    logger.info({ stopped }, 'stopped every container');
    return;
  }
  const client = new ApiClient(connectionFromKubeconfig(loadKubeconfig(config.kubeconfig)), { userAgent: `kctl-kubelet/${config.nodeName}` });
  let kubelet: Kubelet | undefined;
  const server = await startKubeletServer({
    host: config.nodeIp,
    port: config.port,
    backend: {
      runtime,
      findContainer: (...args) =>
        kubelet ? kubelet.streamingBackend().findContainer(...args) : { ok: false, code: 503, reason: 'ServiceUnavailable', message: 'kubelet is starting' },
    },
  });
  kubelet = new Kubelet({
    client,
    runtime,
    clock: realClock,
    logger,
    machine: readMachineInfo(config.rootDir),
    environment: launchEnvironment(config.nodeIp),
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
