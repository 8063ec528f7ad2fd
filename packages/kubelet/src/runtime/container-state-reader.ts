// Deriving a container's state from its state dir, for a runtime that may have started it
// itself or adopted it after a restart.
//
// A shim that died without recording `exit` (SIGKILLed, OOM-killed, machine trouble) is handled
// the way containerd handles a dead shim (cleanupAfterDeadShim): what is left of the container's
// process group is killed and the instance is recorded as exited with code 255, so the kubelet
// sees a terminated container and applies the restart policy instead of waiting forever on an
// 'unknown' one. The record is written once; later reads see the same exit.
import type { ContainerState } from './container-runtime.js';
import type { ContainerStateDir, ExitRecord } from './container-state-dir.js';
import { isShimAlive, signalProcessGroup } from './process-identity.js';
import { ContainerNotFoundError } from './runtime-errors.js';

export const DEAD_SHIM_EXIT_CODE = 255;

/** STARTING: the instance's start() is still in progress in this process (no shim yet). */
export async function readContainerState(dir: ContainerStateDir, starting: boolean): Promise<ContainerState> {
  const exit = await dir.readExit();
  if (exit) return exitedState(exit);
  if (starting) return { status: 'unknown' };
  if (!(await dir.readMeta())) throw new ContainerNotFoundError(dir.id);
  const [shimPid, process, startedAt] = await Promise.all([dir.readShimPid(), dir.readProcess(), dir.readStartedAt()]);
  if (shimPid !== undefined && (await isShimAlive(shimPid, dir.path))) {
    return process && startedAt ? { status: 'running', pid: process.pid, startedAt } : { status: 'unknown' };
  }
  // The shim may have recorded the exit and left between the first read and the liveness check.
  const lateExit = await dir.readExit();
  if (lateExit) return exitedState(lateExit);
  if (process) await signalProcessGroup(process, 'SIGKILL');
  const finishedAt = new Date().toISOString();
  const record: ExitRecord = { exitCode: DEAD_SHIM_EXIT_CODE, startedAt: startedAt ?? finishedAt, finishedAt };
  await dir.writeExit(record);
  return exitedState(record);
}

export function exitedState(exit: ExitRecord): ContainerState {
  return {
    status: 'exited',
    exitCode: exit.exitCode,
    ...(exit.signal ? { signal: exit.signal } : {}),
    startedAt: exit.startedAt ?? exit.finishedAt,
    finishedAt: exit.finishedAt,
    ...(exit.oomKilled ? { oomKilled: true } : {}),
  };
}
