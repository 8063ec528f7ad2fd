// The pod worker against a real API server (memory store, loopback, port 0) and a scripted
// in-memory runtime; time is a fake clock, so back-off is exercised without sleeping.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApiServer, createMemoryObjectStore } from '@kctl/apiserver';
import { ApiClient } from '@kctl/shared';
import type { Pod } from '@kctl/shared';
import type { ContainerLaunch, ContainerRuntime, ContainerState, ContainerSummary, PodRef } from '../runtime/container-runtime.js';
import { FakeClock } from '../clock.test-support.js';
import { EventRecorder } from '../events/event-recorder.js';
import { ContainerLifecycle } from './container-lifecycle.js';
import { PodSandboxes } from './pod-sandbox.js';
import { buildContainerLaunch } from './container-launch.js';
import { CrashBackoff } from './crash-backoff.js';
import { PodWorkers } from './pod-workers.js';

// TODO: switch to runtime/fake-runtime.ts (FakeRuntime) once it lands; this is the minimum the worker needs.
class ScriptedRuntime implements ContainerRuntime {
  readonly name = 'process';
  readonly containers = new Map<string, ContainerSummary>();
  private waiters = new Map<string, Array<(s: ContainerState) => void>>();
  private next = 0;
  constructor(private readonly clock: FakeClock) {}
  async start(pod: PodRef, launch: ContainerLaunch): Promise<string> {
    const id = `c${++this.next}`;
    const startedAt = new Date(this.clock.now()).toISOString();
    this.containers.set(id, { id, pod, containerName: launch.name, attempt: launch.attempt, logPath: launch.logPath, state: { status: 'running', pid: 1, startedAt } });
    return id;
  }
  exit(id: string, exitCode: number): void {
    const c = this.containers.get(id)!;
    if (c.state.status !== 'running') return;
    c.state = { status: 'exited', exitCode, startedAt: c.state.startedAt, finishedAt: new Date(this.clock.now()).toISOString() };
    for (const wake of this.waiters.get(id) ?? []) wake(c.state);
  }
  async stop(id: string): Promise<void> {
    this.exit(id, 143);
  }
  async inspect(id: string): Promise<ContainerState> {
    return this.containers.get(id)?.state ?? { status: 'unknown' };
  }
  async list(): Promise<ContainerSummary[]> {
    return [...this.containers.values()];
  }
  async remove(id: string): Promise<void> {
    this.containers.delete(id);
  }
  async exec(): Promise<number> {
    return 0;
  }
  async attach(): Promise<void> {}
  waitForExit(id: string): Promise<ContainerState> {
    return new Promise((resolve) => this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]));
  }
  running(name: string): string | undefined {
    return [...this.containers.values()].find((c) => c.containerName === name && c.state.status === 'running')?.id;
  }
}

let app: FastifyInstance;
let client: ApiClient;
let clock: FakeClock;
let runtime: ScriptedRuntime;
let workers: PodWorkers;

beforeEach(async () => {
  const store = createMemoryObjectStore();
  await store.open();
  app = await buildApiServer({ store });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  client = new ApiClient({ server: address, namespace: 'default' });
  clock = new FakeClock(Date.now());
  runtime = new ScriptedRuntime(clock);
  const events = new EventRecorder(client, 'node-1', clock);
  const backoff = new CrashBackoff({ baseMs: 10_000, maxMs: 300_000, resetMs: 600_000 }, clock);
  const environment = { environment: () => ({}), expandCommand: (c: string[], a: string[]) => [...c, ...a] };
  workers = new PodWorkers({
    client,
    clock,
    runtime,
    events,
    nodeIp: '127.0.0.1',
    // Pods on the node's network with no volumes: the worker's logic is what is under test here.
    sandboxes: new PodSandboxes({
      volumes: { setUp: async () => {}, mountsFor: () => [], tearDown: async () => {} },
      nodeIp: '127.0.0.1',
      clusterDomain: 'cluster.local',
      hidePaths: [],
      privateMounts: false,
    }),
    errorRetryMs: 10_000,
    onError: (_pod, err) => {
      throw err;
    },
    onPodGone: () => {},
    lifecycle: new ContainerLifecycle({
      runtime,
      clock,
      backoff,
      events,
      nodeIp: '127.0.0.1',
      buildLaunch: (pod, c, attempt) => buildContainerLaunch('/tmp/kubelet-test', environment, pod, c, attempt),
      onExit: (uid) => workers.wake(uid),
    }),
  });
});

afterEach(async () => {
  workers.stop();
  client.close();
  await app.close();
});

async function createPod(spec: Record<string, unknown>): Promise<Pod> {
  return client.create<Pod>('/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: { nodeName: 'node-1', containers: [{ name: 'main', image: 'busybox', command: ['sleep', '60'] }], ...spec },
  });
}

async function settle(pod: Pod): Promise<Pod> {
  workers.upsert(await client.get<Pod>(`/api/v1/namespaces/default/pods/${pod.metadata!.name}`));
  await workers.whenIdle();
  return client.get<Pod>(`/api/v1/namespaces/default/pods/${pod.metadata!.name}`);
}

describe('pod worker', () => {
  it('runs a pod and reports Running, Ready and the container state', async () => {
    const pod = await settle(await createPod({}));
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({ name: 'main', ready: true, started: true, restartCount: 0, containerID: 'process://c1' });
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(pod.status?.podIP).toBe('127.0.0.1');
  });

  it('backs off a crashing container: immediate first restart, then CrashLoopBackOff for 10s', async () => {
    let pod = await settle(await createPod({}));
    runtime.exit(runtime.running('main')!, 1);
    pod = await settle(pod);
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } });
    runtime.exit(runtime.running('main')!, 1);
    pod = await settle(pod);
    const uid = pod.metadata!.uid;
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting).toEqual({
      reason: 'CrashLoopBackOff',
      message: `back-off 10s restarting failed container=main pod=web_default(${uid})`,
    });
    expect(pod.status?.phase).toBe('Running');
    clock.advance(10_000); // the worker's retry timer fires
    await workers.whenIdle();
    pod = await client.get<Pod>('/api/v1/namespaces/default/pods/web');
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 2, state: { running: {} } });
  });

  it('finishes a restartPolicy Never pod as Failed with the exit code', async () => {
    let pod = await settle(await createPod({ restartPolicy: 'Never' }));
    runtime.exit(runtime.running('main')!, 3);
    pod = await settle(pod);
    expect(pod.status?.phase).toBe('Failed');
    expect(pod.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });

  it('runs init containers in order before the app container', async () => {
    let pod = await settle(
      await createPod({ initContainers: [{ name: 'i1', image: 'busybox', command: ['true'] }, { name: 'i2', image: 'busybox', command: ['true'] }] }),
    );
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.initContainerStatuses?.map((s) => Object.keys(s.state ?? {})[0])).toEqual(['running', 'waiting']);
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    runtime.exit(runtime.running('i1')!, 0);
    pod = await settle(pod);
    runtime.exit(runtime.running('i2')!, 0);
    pod = await settle(pod);
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
  });

  it('reports a container without a command as CreateContainerConfigError', async () => {
    const pod = await settle(await createPod({ containers: [{ name: 'main', image: 'busybox' }] }));
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CreateContainerConfigError');
  });

  it('stops a deleted pod and removes it from the API', async () => {
    const pod = await settle(await createPod({}));
    await client.delete('/api/v1/namespaces/default/pods/web');
    await settle(pod).catch(() => undefined);
    await workers.whenIdle();
    await expect(client.get('/api/v1/namespaces/default/pods/web')).rejects.toMatchObject({ code: 404 });
    expect([...runtime.containers.values()].every((c) => c.state.status === 'exited')).toBe(true);
  });

  it('adopts running containers after a restart without starting new ones', async () => {
    const pod = await settle(await createPod({}));
    workers.stop();
    const restarted = new PodWorkers({ ...(workers as unknown as { deps: ConstructorParameters<typeof PodWorkers>[0] }).deps });
    await restarted.adoptRunning();
    restarted.upsert(pod);
    await restarted.whenIdle();
    expect(runtime.containers.size).toBe(1);
    const after = await client.get<Pod>('/api/v1/namespaces/default/pods/web');
    expect(after.status?.containerStatuses?.[0]).toMatchObject({ containerID: 'process://c1', restartCount: 0 });
    restarted.stop();
  });
});
