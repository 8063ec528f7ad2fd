// The real SpawnComponent: a child process whose output is appended to logs/<name>.log and
// whose pid is kept in run/<name>.pid while it runs, so `status` and `down` can find it.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { removePidFile, writePidFile } from './pid-files.js';
import { signalPid } from './processes.js';
import type { ComponentProcess, ExitStatus, SpawnComponent, SupervisedComponent } from './supervisor.js';

export interface ComponentFiles {
  componentLog(name: string): string;
  componentPidFile(name: string): string;
}

export function spawnComponentWithFiles(files: ComponentFiles): SpawnComponent {
  return (component: SupervisedComponent): ComponentProcess => {
    const pidFile = files.componentPidFile(component.name);
    const logFd = openSync(files.componentLog(component.name), 'a');
    let child;
    try {
      // A marker line separates runs, so a restart is visible in the log.
      writeSync(logFd, `--- ${new Date().toISOString()} starting ${component.name}: ${component.args.join(' ')}\n`);
      child = spawn(component.command, [...component.args], {
        stdio: ['ignore', logFd, logFd],
        // Own process group: Ctrl-C in the supervisor's terminal must not reach the components
        // directly; the supervisor stops them itself, in order and with a timeout.
        detached: true,
      });
    } finally {
      closeSync(logFd); // the child holds its own copy
    }
    // Spawn failures arrive as an 'error' event; without a listener they would crash us.
    child.on('error', () => {});
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not start ${component.command}`);
    writePidFile(pidFile, pid);
    const exited = new Promise<ExitStatus>((resolve) => {
      child.once('exit', (code, signal) => {
        removePidFile(pidFile, pid);
        resolve({ code, signal });
      });
    });
    return { pid, exited, signal: (signal) => void signalPid(pid, signal) };
  };
}
