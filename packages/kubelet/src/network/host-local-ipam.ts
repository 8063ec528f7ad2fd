// Pod IP allocation in the manner of the CNI host-local plugin: one file per allocated address
// under <stateDir>/ips/<ip>, holding the owner (pod uid). Creating it with O_EXCL ('wx') is the
// lock, so two allocations can never hand out the same address, even from two processes.
// The scan starts after the last address handed out (remembered in <stateDir>/last-reserved-ip)
// so that a freed address is not reused at once while other pods still have its old MAC cached.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { broadcastOf, formatCidr, formatIpv4, parseIpv4, type Ipv4Cidr } from './ipv4.js';

export class IpExhaustedError extends Error {
  constructor(range: string, size: number) {
    super(`no free pod IP in ${range}: all ${size} addresses are allocated`);
    this.name = 'IpExhaustedError';
  }
}

export interface HostLocalIpamOptions {
  stateDir: string;
  range: Ipv4Cidr;
  /** Addresses never handed out (the cluster gateway when it falls inside the range). */
  reserved?: readonly number[];
}

export class HostLocalIpam {
  readonly #ipsDir: string;
  readonly #lastReservedFile: string;
  /** .2 up to the last address before broadcast; .1 (and the network address) stay unused. */
  readonly #candidates: number[];
  readonly #rangeText: string;

  constructor(options: HostLocalIpamOptions) {
    this.#ipsDir = join(options.stateDir, 'ips');
    this.#lastReservedFile = join(options.stateDir, 'last-reserved-ip');
    this.#rangeText = formatCidr(options.range);
    const reserved = new Set(options.reserved ?? []);
    this.#candidates = [];
    for (let address = options.range.network + 2; address < broadcastOf(options.range); address++) {
      if (!reserved.has(address)) this.#candidates.push(address);
    }
    if (this.#candidates.length === 0) throw new Error(`pod CIDR ${this.#rangeText} has no usable host addresses`);
  }

  /** Reserves a free address for OWNER and returns it. */
  async allocate(owner: string): Promise<string> {
    await mkdir(this.#ipsDir, { recursive: true });
    const start = await this.#startIndex();
    for (let step = 0; step < this.#candidates.length; step++) {
      const ip = formatIpv4(this.#candidates[(start + step) % this.#candidates.length] as number);
      if (await this.#tryReserve(ip, owner)) {
        // Best effort: losing it only means the next scan starts earlier.
        await writeFile(this.#lastReservedFile, ip).catch(() => {});
        return ip;
      }
    }
    throw new IpExhaustedError(this.#rangeText, this.#candidates.length);
  }

  /** Keeps IP for OWNER: true when it is (now) OWNER's, false when someone else holds it. */
  async claim(ip: string, owner: string): Promise<boolean> {
    await mkdir(this.#ipsDir, { recursive: true });
    return (await this.#tryReserve(ip, owner)) || (await this.ownerOf(ip)) === owner;
  }

  async ownerOf(ip: string): Promise<string | undefined> {
    try {
      return (await readFile(join(this.#ipsDir, ip), 'utf8')).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Frees IP if OWNER holds it (never another pod's address after a stale record). */
  async release(ip: string, owner: string): Promise<void> {
    if ((await this.ownerOf(ip)) === owner) await rm(join(this.#ipsDir, ip), { force: true });
  }

  /** Every allocated address with its owner. */
  async allocations(): Promise<Map<string, string>> {
    const names = await readdir(this.#ipsDir).catch(() => [] as string[]);
    const owners = await Promise.all(names.map(async (ip) => [ip, await this.ownerOf(ip)] as const));
    return new Map(owners.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
  }

  async #tryReserve(ip: string, owner: string): Promise<boolean> {
    try {
      await writeFile(join(this.#ipsDir, ip), owner, { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  /** Index just after the last reserved address, or 0 without one. */
  async #startIndex(): Promise<number> {
    try {
      const last = parseIpv4((await readFile(this.#lastReservedFile, 'utf8')).trim());
      const index = this.#candidates.indexOf(last);
      return index < 0 ? 0 : (index + 1) % this.#candidates.length;
    } catch {
      return 0;
    }
  }
}
