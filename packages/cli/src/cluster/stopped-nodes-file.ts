// The control channel for `kctl cluster stop-node|start-node`, spec and status style:
//   run/stopped-nodes.json          the nodes whose kubelet must stay down (written by the CLI)
//   run/stopped-nodes.applied.json  the nodes whose kubelet the supervisor has stopped and
//                                   keeps down (written by the supervisor once it has acted)
// Both hold {"nodes": [...]} and are replaced atomically (write, then rename), so a reader never
// sees half a file. A missing or unreadable file means "no node".
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export function readNodeList(path: string): string[] {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { nodes?: unknown };
    return Array.isArray(parsed.nodes) ? parsed.nodes.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

export function writeNodeList(path: string, nodes: readonly string[]): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ nodes: [...new Set(nodes)].sort() }) + '\n');
  renameSync(temporary, path);
}

export function removeNodeList(path: string): void {
  rmSync(path, { force: true });
}
