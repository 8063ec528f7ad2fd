// Which pod network this node gives its pods, decided once at start: a namespace per pod on the
// cluster bridge when the flags name one and this process may create namespaces, else the node's
// own network (with the reason, for the Node's annotations and each pod's event). The bridge's
// settings are kept in <root-dir>/network/options.json so `--stop-all-containers`, which runs
// with nothing but --root-dir, can take the node's pod networks down too.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeletConfig } from './kubelet-config.js';
import { BridgePodNetwork, detectPodNetworkSupport } from './network/index.js';
import type { BridgeNetworkOptions, PodNetwork } from './network/index.js';

type Warn = (message: string, details?: Record<string, unknown>) => void;

export interface PodNetworkChoice {
  network?: PodNetwork;
  /** set when a pod network was asked for (auto/bridge with a bridge) but cannot be made */
  fallbackReason?: string;
}

type SavedOptions = Pick<BridgeNetworkOptions, 'bridgeName' | 'clusterCidr' | 'podCidr'>;

const networkDir = (rootDir: string) => join(rootDir, 'network');
const optionsFile = (rootDir: string) => join(networkDir(rootDir), 'options.json');

export async function choosePodNetwork(config: KubeletConfig, onWarning: Warn): Promise<PodNetworkChoice> {
  if (config.podNetwork === 'host' || !config.bridgeName || !config.clusterCidr || !config.podCidr) return {};
  const support = await detectPodNetworkSupport();
  if (!support.ok) {
    if (config.podNetwork === 'bridge') throw new Error(`--pod-network=bridge: ${support.reason}`);
    onWarning(`pods run on the node's network: ${support.reason}`);
    return { fallbackReason: support.reason };
  }
  const saved: SavedOptions = { bridgeName: config.bridgeName, clusterCidr: config.clusterCidr, podCidr: config.podCidr };
  await mkdir(networkDir(config.rootDir), { recursive: true });
  await writeFile(optionsFile(config.rootDir), JSON.stringify(saved) + '\n');
  return { network: new BridgePodNetwork({ ...saved, stateDir: networkDir(config.rootDir), onWarning }) };
}

/** Every pod namespace of the node gone, then the bridge if no other node uses it. */
export async function tearDownNodePodNetwork(rootDir: string, onWarning: Warn): Promise<void> {
  let saved: SavedOptions;
  try {
    saved = JSON.parse(await readFile(optionsFile(rootDir), 'utf8')) as SavedOptions;
  } catch {
    return; // this node never made a pod network
  }
  await new BridgePodNetwork({ ...saved, stateDir: networkDir(rootDir), onWarning }).tearDownAll();
  await rm(optionsFile(rootDir), { force: true });
}
