// Entry of a throw-away "kubelet" process for process-runtime-survival.test.ts: starts one
// container through ProcessRuntime, prints its id, then idles until the test SIGKILLs it.
import { ProcessRuntime } from './process-runtime.js';

const [stateDir, shimPath, root] = process.argv.slice(2);
if (!stateDir || !shimPath || !root) throw new Error('usage: child STATE_DIR SHIM_PATH ROOT');
const runtime = new ProcessRuntime({ stateDir, shimPath });
const id = await runtime.start(
  { uid: 'u1', namespace: 'default', name: 'survivor' },
  {
    name: 'main',
    argv: ['sh', '-c', 'echo ready; while [ ! -e release ]; do sleep 0.02; done; exit 9'],
    env: { PATH: '/usr/bin:/bin' },
    workingDir: root,
    stdin: false,
    tty: false,
    attempt: 0,
    logPath: `${root}/logs/survivor.log`,
  },
);
process.stdout.write(`${id}\n`);
setInterval(() => {}, 60_000);
