// What this node set up for each pod, in <stateDir>/pods/<uid>.json, so that a restarted kubelet
// finds its pods' addresses again and can tear down pods that vanished while it was down.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PodAttachmentRecord {
  ip: string;
  netnsName: string;
  veth: string;
}

export class PodAttachmentRecords {
  readonly #dir: string;

  constructor(stateDir: string) {
    this.#dir = join(stateDir, 'pods');
  }

  async read(uid: string): Promise<PodAttachmentRecord | undefined> {
    try {
      return JSON.parse(await readFile(this.#file(uid), 'utf8')) as PodAttachmentRecord;
    } catch (error) {
      // A torn or missing record means "nothing recorded"; set-up then starts afresh.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  /** Written before the kernel objects exist, so a crash mid set-up still leaves a trail to clean. */
  async write(uid: string, record: PodAttachmentRecord): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const temporary = `${this.#file(uid)}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(record));
    await rename(temporary, this.#file(uid));
  }

  async remove(uid: string): Promise<void> {
    await rm(this.#file(uid), { force: true });
  }

  async uids(): Promise<string[]> {
    const names = await readdir(this.#dir).catch(() => [] as string[]);
    return names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length));
  }

  #file(uid: string): string {
    if (!/^[\w-]+$/.test(uid)) throw new Error(`invalid pod uid "${uid}"`);
    return join(this.#dir, `${uid}.json`);
  }
}
