// Facts about this machine the Node object reports (cadvisor's MachineInfo and the kubelet's
// nodeInfo): CPUs, memory, disk under the root dir, OS image, kernel, machine and boot ids.
import { readFileSync, statfsSync } from 'node:fs';
import os from 'node:os';
import { createHash } from 'node:crypto';

export interface MachineInfo {
  cpus: number;
  memoryBytes: number;
  /** bytes of the filesystem holding the kubelet's root dir */
  diskBytes: number;
  hostname: string;
  osImage: string;
  kernelVersion: string;
  machineID: string;
  systemUUID: string;
  bootID: string;
}

function readTrimmed(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** PRETTY_NAME from /etc/os-release, as the kubelet reports osImage. */
export function osImageFrom(osRelease: string | undefined): string {
  const line = osRelease?.split('\n').find((l) => l.startsWith('PRETTY_NAME='));
  return line ? line.slice('PRETTY_NAME='.length).replace(/^"|"$/g, '') : 'Unknown';
}

export function readMachineInfo(rootDir: string): MachineInfo {
  const machineID = readTrimmed('/etc/machine-id') ?? createHash('sha256').update(os.hostname()).digest('hex').slice(0, 32);
  let diskBytes = 0;
  try {
    const fs = statfsSync(rootDir);
    diskBytes = fs.blocks * fs.bsize;
  } catch {
    // root dir not created yet or no statfs: no ephemeral-storage figure
  }
  const uuid = readTrimmed('/sys/class/dmi/id/product_uuid');
  return {
    cpus: os.cpus().length,
    memoryBytes: os.totalmem(),
    diskBytes,
    hostname: os.hostname(),
    osImage: osImageFrom(readTrimmed('/etc/os-release')),
    kernelVersion: os.release(),
    machineID,
    // product_uuid is root-only on most machines; the machine id is what is left to us.
    systemUUID: uuid ?? machineID,
    bootID: readTrimmed('/proc/sys/kernel/random/boot_id') ?? '',
  };
}
