// A runtime for the server tests: exec runs a scripted handler with the session's IO, attach
// echoes stdin, waitForExit resolves when the test says the container exited.
import type { ContainerRuntime, ContainerState, ExecIO } from '../runtime/container-runtime.js';

export type ExecHandler = (argv: string[], io: ExecIO) => Promise<number>;

export class StreamingTestRuntime implements ContainerRuntime {
  readonly name = 'test';
  execHandler: ExecHandler = async () => 0;
  private exitWaiters: Array<() => void> = [];
  private exitedFlag = false;

  exitContainer(): void {
    this.exitedFlag = true;
    for (const wake of this.exitWaiters) wake();
    this.exitWaiters = [];
  }

  async start(): Promise<string> {
    return 'c1';
  }
  async stop(): Promise<void> {}
  async inspect(): Promise<ContainerState> {
    return { status: 'unknown' };
  }
  async list() {
    return [];
  }
  async remove(): Promise<void> {}
  exec(_id: string, argv: string[], io: ExecIO): Promise<number> {
    return this.execHandler(argv, io);
  }
  async attach(_id: string, io: ExecIO): Promise<void> {
    if (!io.stdin || !io.stdout) return;
    for await (const chunk of io.stdin) io.stdout.write(chunk);
  }
  waitForExit(): Promise<ContainerState> {
    const exited: ContainerState = { status: 'exited', exitCode: 0, startedAt: '', finishedAt: '' };
    if (this.exitedFlag) return Promise.resolve(exited);
    return new Promise((resolve) => this.exitWaiters.push(() => resolve(exited)));
  }
}
