// What the kubelet knows about the containers of one pod: per container name the latest
// instance and the one before it (Kubernetes keeps one dead container per name, which is what
// `logs --previous` and lastState show). Instances come from runtime starts or, after a kubelet
// restart, from runtime.list() (adoption), so no exit code is lost.
import type { ContainerState, ContainerSummary } from '../runtime/container-runtime.js';

export interface ContainerInstance {
  /** runtime id; absent when the start failed before the runtime had a container */
  id?: string;
  name: string;
  attempt: number;
  logPath: string;
  state: ContainerState;
  /** StartError / ContainerCannotRun with the OS message, for starts that failed */
  startFailure?: { reason: string; message: string };
}

export class ContainerInstances {
  private readonly latestByName = new Map<string, ContainerInstance>();
  private readonly previousByName = new Map<string, ContainerInstance>();

  latest(name: string): ContainerInstance | undefined {
    return this.latestByName.get(name);
  }

  previous(name: string): ContainerInstance | undefined {
    return this.previousByName.get(name);
  }

  /** The attempt number a new instance of this container gets (= its restartCount). */
  nextAttempt(name: string): number {
    const latest = this.latestByName.get(name);
    return latest ? latest.attempt + 1 : 0;
  }

  /** Records a new instance; returns the instance it pushes out, which the caller removes. */
  add(instance: ContainerInstance): ContainerInstance | undefined {
    const evicted = this.previousByName.get(instance.name);
    const latest = this.latestByName.get(instance.name);
    if (latest) this.previousByName.set(instance.name, latest);
    this.latestByName.set(instance.name, instance);
    return evicted;
  }

  /** Every instance still held, latest first. */
  all(): ContainerInstance[] {
    return [...this.latestByName.values(), ...this.previousByName.values()];
  }

  running(): ContainerInstance[] {
    return [...this.latestByName.values()].filter((i) => i.state.status === 'running' && i.id);
  }

  /**
   * Rebuilds the table from what the runtime reports for this pod (a restarted kubelet): per
   * name the two highest attempts; returns the older ones, which the caller removes.
   */
  adopt(summaries: ContainerSummary[]): ContainerSummary[] {
    const byName = new Map<string, ContainerSummary[]>();
    for (const s of summaries) byName.set(s.containerName, [...(byName.get(s.containerName) ?? []), s]);
    const stale: ContainerSummary[] = [];
    for (const [name, list] of byName) {
      list.sort((a, b) => b.attempt - a.attempt);
      const [latest, previous, ...older] = list;
      stale.push(...older);
      if (previous) this.previousByName.set(name, fromSummary(previous));
      if (latest) this.latestByName.set(name, fromSummary(latest));
    }
    return stale;
  }
}

function fromSummary(s: ContainerSummary): ContainerInstance {
  return { id: s.id, name: s.containerName, attempt: s.attempt, logPath: s.logPath, state: s.state };
}

export function hasExited(instance: ContainerInstance | undefined): instance is ContainerInstance & { state: { status: 'exited' } } {
  return instance?.state.status === 'exited';
}
