// The "AnyIP" route: `ip route replace local CIDR dev lo table local` makes every address of the
// service range local to this machine, so the proxy can bind any ClusterIP:port and packets that
// pods send to a ClusterIP (through their bridge gateway) are delivered to it — no ip_forward,
// no DNAT, no conntrack. `replace` is idempotent, so a route left by a crashed run is adopted.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

const routeArgs = (cidr: string) => ['local', cidr, 'dev', 'lo', 'table', 'local'];

export async function addLocalRoute(cidr: string): Promise<void> {
  await run('ip', ['route', 'replace', ...routeArgs(cidr)]);
}

/** Removes the route; a route that is already gone is fine. */
export async function removeLocalRoute(cidr: string): Promise<void> {
  try {
    await run('ip', ['route', 'del', ...routeArgs(cidr)]);
  } catch (err) {
    if (!(await hasLocalRoute(cidr))) return;
    throw err;
  }
}

export async function hasLocalRoute(cidr: string): Promise<boolean> {
  const { stdout } = await run('ip', ['route', 'show', 'table', 'local', 'type', 'local', ...['dev', 'lo']]);
  return stdout.split('\n').some((line) => line.trim().split(/\s+/)[1] === cidr);
}
