// port-forward end to end: a pod whose server listens on 127.0.0.1 only (reachable through the
// kubelet's in-namespace relay, not via the pod IP) and a Service in front of a pod with a named
// target port, forwarded by kctl and the real kubectl (pod/NAME :PORT, svc/NAME LOCAL:PORT; kubectl
// tunnels SPDY/3.1 in a WebSocket) and by @kubernetes/client-node's PortForward; a connection the
// pod refuses ends both CLIs as kubectl 1.32 does; kctl's kubectl-worded refusals.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { freePort } from '../harness/free-port.js';
import { httpText } from '../harness/http.js';
import { canMakePodNetworks } from '../harness/privileges.js';
import { hasKubectl, kctl, startCli } from '../harness/run-cli.js';
import type { CliName } from '../harness/run-cli.js';

let cluster: TestCluster | undefined;
const suffix = Math.random().toString(36).slice(2, 7);
const loopbackPod = `pf-loopback-${suffix}`;
const servedPod = `pf-served-${suffix}`;
const service = `pf-svc-${suffix}`;
const pendingPod = `pf-pending-${suffix}`;

const serve = (text: string, bind: string) =>
  `mkdir -p /tmp/www && echo ${text} > /tmp/www/index.html && exec python3 -m http.server 8080 --bind ${bind} --directory /tmp/www`;

const manifest = `
apiVersion: v1
kind: Pod
metadata: { name: ${loopbackPod} }
spec:
  containers:
    - name: server
      image: python:3.11
      command: ["sh", "-c", "${serve('loopback-only', '127.0.0.1')}"]
---
apiVersion: v1
kind: Pod
metadata: { name: ${servedPod}, labels: { app: ${service} } }
spec:
  containers:
    - name: server
      image: python:3.11
      command: ["sh", "-c", "${serve('behind-service', '0.0.0.0')}"]
      ports: [{ name: http, containerPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: ${service} }
spec:
  selector: { app: ${service} }
  ports: [{ port: 80, targetPort: http }]
---
apiVersion: v1
kind: Pod
metadata: { name: ${pendingPod} }
spec:
  nodeSelector: { no-such-label: "true" }
  containers: [{ name: c, image: busybox, command: ["sleep", "3600"] }]
`;

/** One GET through the forwarded local port (fails within 5 s rather than hanging). */
const httpGet = (port: number): Promise<string> => httpText('127.0.0.1', port);

type Running = ReturnType<typeof startCli>;
const started: Running[] = [];

/** Starts `CLI port-forward ARGS` and resolves with the local port of its first Forwarding line. */
async function startForward(args: string[], remote: number, cli: CliName = 'kctl'): Promise<{ child: Running; port: number }> {
  const child = startCli(cli, cluster!.kubeconfig, ['port-forward', ...args]);
  started.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = new RegExp(`^Forwarding from 127\\.0\\.0\\.1:(\\d+) -> ${remote}$`, 'm').exec(out);
      if (match) resolve(Number(match[1]));
    });
    void child.then((r) => reject(new Error(`port-forward ended: ${r.stderr}`)));
  });
  return { child, port };
}

describe.skipIf(!canMakePodNetworks())('port-forward', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
    const applied = await kctl(cluster.kubeconfig, ['apply', '-f', '-'], manifest);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const waited = await kctl(cluster.kubeconfig, ['wait', '--for=condition=Ready', `pod/${loopbackPod}`, `pod/${servedPod}`, '--timeout=60s']);
    expect(waited.exitCode, waited.stderr).toBe(0);
  }, 90_000);

  afterAll(async () => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(started);
    await cluster?.stop();
  }, 90_000);

  it('forwards a random local port to a server bound to 127.0.0.1 inside the pod', async () => {
    const { child, port } = await startForward([`pod/${loopbackPod}`, ':8080'], 8080);
    const begun = performance.now();
    expect(await httpGet(port)).toBe('loopback-only');
    const firstRequestMs = performance.now() - begun;
    expect(await httpGet(port)).toBe('loopback-only');
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`Forwarding from [::1]:${port} -> 8080`);
    expect(result.stdout.match(new RegExp(`^Handling connection for ${port}$`, 'gm'))).toHaveLength(2);
    expect(result.stderr).toBe('');
    console.log(`port-forward: first HTTP request through the forward took ${firstRequestMs.toFixed(1)} ms`);
  }, 30_000);

  it("forwards a Service's port to its pod's named target port", async () => {
    const local = await freePort();
    const { child, port } = await startForward([`svc/${service}`, `${local}:80`], 8080);
    expect(port).toBe(local);
    expect(await httpGet(port)).toBe('behind-service');
    child.kill('SIGTERM');
    expect((await child).exitCode).toBe(0);
  }, 30_000);

  it.each<CliName>(hasKubectl ? ['kctl', 'kubectl'] : ['kctl'])('%s reports a connection the pod refuses and stops, as kubectl 1.32 does', async (cli) => {
    const { child, port } = await startForward([`pod/${loopbackPod}`, ':9999'], 9999, cli);
    await expect(httpGet(port)).rejects.toThrow();
    const result = await child;
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`"Unhandled Error" err="an error occurred forwarding ${port} -> 9999: error forwarding port 9999 to pod ${loopbackPod}, uid `);
    expect(result.stderr).toContain('dial tcp4 127.0.0.1:9999: connect: connection refused');
    expect(result.stderr.trim().split('\n').at(-1)).toBe('error: lost connection to pod');
  }, 30_000);

  it.skipIf(!hasKubectl)('forwards for the real kubectl (SPDY/3.1 tunnelled in a WebSocket): pod and Service', async () => {
    const pod = await startForward([`pod/${loopbackPod}`, ':8080'], 8080, 'kubectl');
    expect(await httpGet(pod.port)).toBe('loopback-only');
    expect(await httpGet(pod.port)).toBe('loopback-only');
    const local = await freePort();
    const svc = await startForward([`svc/${service}`, `${local}:80`], 8080, 'kubectl');
    expect(await httpGet(local)).toBe('behind-service');
    for (const { child } of [pod, svc]) child.kill('SIGTERM');
    const [podResult] = await Promise.all([pod.child, svc.child]);
    expect(podResult!.stdout).toContain(`Handling connection for ${pod.port}`);
    expect(podResult!.stderr).toBe('');
  }, 30_000);

  it('refuses pods that are not running or do not exist, as kubectl words it', async () => {
    const pending = await kctl(cluster!.kubeconfig, ['port-forward', `pod/${pendingPod}`, '8080']);
    expect(pending).toMatchObject({ exitCode: 1, stderr: 'error: unable to forward port because pod is not running. Current status=Pending' });
    const missing = await kctl(cluster!.kubeconfig, ['port-forward', 'pod/no-such-pod', '8080']);
    expect(missing).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "no-such-pod" not found' });
  }, 30_000);

  it("forwards through @kubernetes/client-node's PortForward", async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(cluster!.kubeconfig);
    const forward = new k8s.PortForward(kc);
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      void forward.portForward('default', loopbackPod, [8080], socket, null, socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      expect(await httpGet((server.address() as AddressInfo).port)).toBe('loopback-only');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 30_000);
});
