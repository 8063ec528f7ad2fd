// The process runtime's side of container cgroups: which limits of a launch can be enforced on
// this machine, creating their cgroups, and removing this kubelet's cgroup parents at the end.
// A limit the machine cannot enforce (no cgroup parent, controller missing, not root) is a
// warning, not a failure; a limit the kernel refuses where cgroups work is a start error.
import { ContainerStartError, type ContainerLaunch } from './container-runtime.js';
import {
  cgroupParentDirs,
  controllersFor,
  createCgroups,
  planContainerCgroups,
  probeCgroups,
  removeCgroupDir,
  type CgroupController,
  type CgroupHierarchy,
  type CgroupLimits,
} from './container-cgroups.js';

export interface ContainerCgroupOptions {
  /** where cgroups are mounted (/sys/fs/cgroup) */
  root: string;
  /** relative parent of this kubelet's container cgroups; without it, no limit is enforced */
  parent?: string;
  onWarning?: (message: string, details: Record<string, unknown>) => void;
}

const LIMIT_FIELDS: Record<CgroupController, Array<keyof CgroupLimits>> = {
  memory: ['memoryLimitBytes'],
  cpu: ['cpuQuotaMicros', 'cpuShares'],
  pids: ['pidsLimit'],
};

export class ContainerCgroupLimits {
  private hierarchy: Promise<CgroupHierarchy> | undefined;

  constructor(private readonly options: ContainerCgroupOptions) {}

  /** Creates cgroups enforcing CONTAINER's limits; returns their dirs (none: runs without limits). */
  async create(id: string, container: ContainerLaunch): Promise<string[]> {
    const limits = limitsOf(container);
    const wanted = controllersFor(limits);
    if (wanted.length === 0) return [];
    const hierarchy = await (this.hierarchy ??= probeCgroups(this.options.root));
    const parent = this.options.parent;
    const enforced: CgroupLimits = {};
    for (const controller of wanted) {
      const fields = Object.fromEntries(LIMIT_FIELDS[controller].filter((f) => limits[f] !== undefined).map((f) => [f, limits[f]]));
      if (parent && hierarchy.usable.has(controller)) Object.assign(enforced, fields);
      else this.warnNotEnforced(controller, parent, hierarchy, container.name, fields);
    }
    if (!parent || controllersFor(enforced).length === 0) return [];
    const plan = planContainerCgroups(hierarchy, parent, id, enforced);
    try {
      await createCgroups(plan);
    } catch (error) {
      throw new ContainerStartError(`setting cgroup limits ${JSON.stringify(enforced)}: ${(error as Error).message}`);
    }
    return plan.dirs;
  }

  /** Removes this kubelet's (empty) cgroup parents, once no container cgroup is left. */
  async removeParents(): Promise<void> {
    if (!this.options.parent) return;
    const hierarchy = await (this.hierarchy ??= probeCgroups(this.options.root));
    for (const dir of cgroupParentDirs(hierarchy, this.options.parent)) await removeCgroupDir(dir);
  }

  private warnNotEnforced(controller: CgroupController, parent: string | undefined, hierarchy: CgroupHierarchy, container: string, limits: object): void {
    const where = hierarchy.version === 2 ? hierarchy.root : `${hierarchy.root}/${controller}`;
    const why = parent ? `cgroup v${hierarchy.version} ${controller} is not writable at ${where}` : 'no cgroup parent configured';
    this.options.onWarning?.(`${controller} limit not enforced: ${why}`, { container, ...limits });
  }
}

function limitsOf(container: ContainerLaunch): CgroupLimits {
  return {
    ...(container.memoryLimitBytes !== undefined ? { memoryLimitBytes: container.memoryLimitBytes } : {}),
    ...(container.cpuQuotaMicros !== undefined ? { cpuQuotaMicros: container.cpuQuotaMicros } : {}),
    ...(container.cpuShares !== undefined ? { cpuShares: container.cpuShares } : {}),
    ...(container.pidsLimit !== undefined ? { pidsLimit: container.pidsLimit } : {}),
  };
}
