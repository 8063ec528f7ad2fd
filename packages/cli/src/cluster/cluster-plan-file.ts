// run/cluster.json: what the running supervisor was asked to run (its component names and
// nodes). `status` reads it to list components that are down right now (their pid files are
// gone) and to know which nodes must be Ready; it lives as long as the supervisor does.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface ClusterPlan {
  components: string[];
  nodes: string[];
}

export function writeClusterPlan(path: string, plan: ClusterPlan): void {
  writeFileSync(path, JSON.stringify(plan, null, 2) + '\n');
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** undefined when there is no plan (no supervisor) or it is unreadable. */
export function readClusterPlan(path: string): ClusterPlan | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const { components, nodes } = parsed as Record<string, unknown>;
  return isStringArray(components) && isStringArray(nodes) ? { components, nodes } : undefined;
}

export function removeClusterPlan(path: string): void {
  rmSync(path, { force: true });
}
