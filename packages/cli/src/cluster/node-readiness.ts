// Asking the API server whether a node is Ready: the kubelet registered its Node object and
// reports the Ready condition as "True".
import { apiGet } from './api-get.js';

/** What a node's Ready condition says, or why there is no answer. */
export type NodeReadiness = 'Ready' | 'NotReady' | 'Unknown' | 'not registered' | 'no answer';

interface NodeObject {
  status?: { conditions?: Array<{ type?: string; status?: string }> };
}

/** Interprets a Node object: the Ready condition's status, as kubectl's STATUS column does. */
export function readinessOf(node: NodeObject): NodeReadiness {
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  if (ready?.status === 'True') return 'Ready';
  if (ready?.status === 'False') return 'NotReady';
  return 'Unknown';
}

/** One GET <server>/api/v1/nodes/<name>. */
export async function probeNode(server: string, name: string, timeoutMs = 1_000): Promise<NodeReadiness> {
  const answer = await apiGet(server, `/api/v1/nodes/${encodeURIComponent(name)}`, timeoutMs);
  if (answer?.status === 404) return 'not registered';
  if (answer?.status !== 200) return 'no answer';
  try {
    return readinessOf(JSON.parse(answer.body) as NodeObject);
  } catch {
    return 'no answer';
  }
}

/** Each node's readiness, asked in parallel. */
export async function probeNodes(server: string, names: readonly string[], timeoutMs?: number): Promise<Map<string, NodeReadiness>> {
  const answers = await Promise.all(names.map((name) => probeNode(server, name, timeoutMs)));
  return new Map(names.map((name, index) => [name, answers[index] ?? 'no answer']));
}
