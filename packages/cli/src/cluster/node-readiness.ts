// Asking the API server whether a node is Ready: the kubelet registered its Node object and
// reports the Ready condition as "True". Plain node:http, like readiness.ts.
import { get } from 'node:http';

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
export function probeNode(server: string, name: string, timeoutMs = 1_000): Promise<NodeReadiness> {
  return new Promise((resolve) => {
    const url = `${server}/api/v1/nodes/${encodeURIComponent(name)}`;
    const request = get(url, { agent: false, timeout: timeoutMs, headers: { accept: 'application/json' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('error', () => resolve('no answer'));
      response.on('end', () => {
        if (response.statusCode === 404) return resolve('not registered');
        if (response.statusCode !== 200) return resolve('no answer');
        try {
          resolve(readinessOf(JSON.parse(body) as NodeObject));
        } catch {
          resolve('no answer');
        }
      });
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve('no answer'));
  });
}

/** Each node's readiness, asked in parallel. */
export async function probeNodes(server: string, names: readonly string[], timeoutMs?: number): Promise<Map<string, NodeReadiness>> {
  const answers = await Promise.all(names.map((name) => probeNode(server, name, timeoutMs)));
  return new Map(names.map((name, index) => [name, answers[index] ?? 'no answer']));
}
