// Real-kernel fixtures for the pod network tests: a random bridge and address block per test,
// processes inside pod namespaces, and a before/after comparison of the host's network state
// (netns, links, iptables) restricted to what the test could have created.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { cidrInUse } from './cidr-in-use.js';
import { iptablesChainFor } from '@kctl/shared';
import { findIptables, removeForwardAcceptChain } from './forward-accept-chain.js';
import { hostVethName } from './pod-network-names.js';
import { ipBatch, runCommand } from './run-command.js';

export interface TestCluster {
  bridgeName: string;
  chain: string;
  /** 10.<250..254>.<4k>.0/22, with node N's pod CIDR 10.<..>.<4k+N>.0/24 and gateway .<4k>.1 */
  clusterCidr: string;
  gateway: string;
  nodePodCidr(node: 1 | 2 | 3): string;
  /** A /30 inside node 3's block: exactly one usable pod address. */
  tinyPodCidr: string;
}

export async function randomTestCluster(): Promise<TestCluster> {
  for (;;) {
    const second = randomInt(250, 255);
    const third = randomInt(0, 64) * 4;
    const clusterCidr = `10.${second}.${third}.0/22`;
    if (await cidrInUse(clusterCidr)) continue;
    const bridgeName = `ktst${randomBytes(3).toString('hex')}`;
    return {
      bridgeName,
      chain: iptablesChainFor(bridgeName),
      clusterCidr,
      gateway: `10.${second}.${third}.1`,
      nodePodCidr: (node) => `10.${second}.${third + node}.0/24`,
      tinyPodCidr: `10.${second}.${third + 3}.4/30`,
    };
  }
}

export function randomUid(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function run(file: string, args: string[]): Promise<string> {
  const result = await runCommand(file, args);
  if (result.exitCode !== 0) throw new Error(`${file} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** The host state a test could leave behind: netns / links / iptables lines that belong to CLUSTER. */
export async function hostNetworkState(cluster: TestCluster, uids: Iterable<string>): Promise<{ netns: string[]; links: string[]; iptables: string[] }> {
  const ours = new Set([cluster.bridgeName, ...[...uids].map((uid) => hostVethName(cluster.bridgeName, uid))]);
  const netns = (await run('ip', ['netns', 'list'])).split('\n').map((line) => line.split(' ')[0] ?? '');
  const links = (await run('ip', ['-o', 'link', 'show'])).split('\n').map((line) => line.split(': ')[1]?.split('@')[0] ?? '');
  const iptables = (await findIptables()) ? (await run('iptables-save', ['-t', 'filter'])).split('\n') : [];
  return {
    netns: netns.filter((name) => name.includes(cluster.bridgeName)),
    links: links.filter((name) => ours.has(name)),
    iptables: iptables.filter((line) => line.includes(cluster.chain) || line.includes(cluster.bridgeName)),
  };
}

/** Removes whatever a failed test left: pod namespaces, veths, the bridge, the chain. */
export async function forceRemoveTestCluster(cluster: TestCluster, uids: Iterable<string>): Promise<void> {
  const left = await hostNetworkState(cluster, uids);
  const lines = [...left.links.filter((name) => name !== cluster.bridgeName).map((name) => `link del ${name}`), ...left.netns.map((name) => `netns del ${name}`)];
  if (left.links.includes(cluster.bridgeName)) lines.push(`link del ${cluster.bridgeName}`);
  if (lines.length > 0) await ipBatch(lines, { force: true });
  const iptables = await findIptables();
  if (iptables) await removeForwardAcceptChain(iptables, cluster.chain);
}

export async function readIpForward(): Promise<string> {
  return (await readFile('/proc/sys/net/ipv4/ip_forward', 'utf8')).trim();
}

export async function makeStateDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kctl-podnet-'));
}

export async function removeDirs(dirs: string[]): Promise<void> {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Processes started inside pod namespaces, stopped by pid in afterEach. */
export class NetnsProcesses {
  readonly #children: ChildProcessWithoutNullStreams[] = [];

  /** A TCP server inside NETNS that answers every connection with REPLY; resolves once listening. */
  async listen(netnsName: string, port: number, reply: string): Promise<void> {
    const script = `require('net').createServer((s) => s.end(${JSON.stringify(reply)})).listen(${port}, () => console.log('ready'))`;
    const child = spawn('ip', ['netns', 'exec', netnsName, process.execPath, '-e', script]);
    this.#children.push(child);
    await new Promise<void>((resolve, reject) => {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`listener in ${netnsName} exited with ${code}: ${stderr}`)));
    });
  }

  /** Connects from inside NETNS to IP:PORT and returns what the server sent. */
  async fetchFrom(netnsName: string, ip: string, port: number): Promise<string> {
    const script = `const s = require('net').connect(${port}, ${JSON.stringify(ip)}); let d = ''; s.on('data', (c) => (d += c)); s.on('end', () => process.stdout.write(d)); s.on('error', (e) => { console.error(e.message); process.exit(1); }); s.setTimeout(3000, () => { console.error('timeout'); process.exit(2); });`;
    return run('ip', ['netns', 'exec', netnsName, process.execPath, '-e', script]);
  }

  stopAll(): void {
    for (const child of this.#children.splice(0)) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
  }
}

/** Connects from the host (this process) to IP:PORT and returns what the server sent. */
export function fetchFromHost(ip: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, ip);
    let data = '';
    socket.setTimeout(3000, () => socket.destroy(new Error(`timeout connecting to ${ip}:${port}`)));
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

export async function netnsAddresses(netnsName: string): Promise<{ ifname: string; up: boolean; addresses: string[] }[]> {
  const links = JSON.parse(await run('ip', ['-n', netnsName, '-j', 'addr', 'show'])) as {
    ifname: string;
    flags: string[];
    addr_info: { family: string; local: string; prefixlen: number }[];
  }[];
  return links.map((link) => ({
    ifname: link.ifname,
    up: link.flags.includes('UP'),
    addresses: link.addr_info.filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`),
  }));
}

export async function netnsDefaultGateway(netnsName: string): Promise<string | undefined> {
  const routes = JSON.parse(await run('ip', ['-n', netnsName, '-j', 'route', 'show'])) as { dst: string; gateway?: string }[];
  return routes.find((route) => route.dst === 'default')?.gateway;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export interface NetworkTestBed {
  /** this test's random bridge and address block */
  readonly cluster: TestCluster;
  /** processes inside pod namespaces, stopped after the test */
  readonly processes: NetnsProcesses;
  /** a pod reference with a fresh uid; whatever the test leaves of it is removed by force */
  pod(name: string): { uid: string; namespace: string; name: string };
  /** a fresh state dir, removed after the test */
  newStateDir(): Promise<string>;
}

/**
 * Registers beforeEach/afterEach that give every test its own cluster and, afterwards, remove by
 * force what it left and fail it unless the host's netns, links, iptables and ip_forward are
 * exactly as before. Read the fields inside tests (they change per test).
 */
export function useNetworkTestBed(): NetworkTestBed {
  let cluster: TestCluster;
  let processes: NetnsProcesses;
  let stateDirs: string[] = [];
  let uids = new Set<string>();
  let ipForwardBefore: string;
  let before: Awaited<ReturnType<typeof hostNetworkState>>;

  beforeEach(async () => {
    cluster = await randomTestCluster();
    stateDirs = [];
    uids = new Set();
    processes = new NetnsProcesses();
    ipForwardBefore = await readIpForward();
    before = await hostNetworkState(cluster, []);
  });

  afterEach(async () => {
    processes.stopAll();
    const leftover = await hostNetworkState(cluster, uids);
    await forceRemoveTestCluster(cluster, uids);
    await removeDirs(stateDirs);
    expect(leftover).toEqual(before);
    expect(await readIpForward()).toBe(ipForwardBefore);
  });

  return {
    get cluster() {
      return cluster;
    },
    get processes() {
      return processes;
    },
    pod(name) {
      const uid = randomUid();
      uids.add(uid);
      return { uid, namespace: 'default', name };
    },
    async newStateDir() {
      const dir = await makeStateDir();
      stateDirs.push(dir);
      return dir;
    },
  };
}
