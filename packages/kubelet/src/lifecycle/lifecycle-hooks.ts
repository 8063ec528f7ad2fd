// postStart and preStop handlers (pkg/kubelet/lifecycle/handlers.go HandlerRunner.Run): exec in
// the container, HTTP GET against the pod IP, or sleep. A failure comes back as the message the
// kubelet puts in its FailedPostStartHook / FailedPreStopHook events.
import type { Clock } from '../clock.js';
import { execAction, httpGetAction, resolvePort } from '../probes/handler-actions.js';
import type { ContainerRuntime } from '../runtime/container-runtime.js';
import type { Container, Pod } from '../status/api-types.js';
import { formatPod } from '../status/api-types.js';

export type LifecycleHandler = NonNullable<NonNullable<Container['lifecycle']>['postStart']>;

export interface HookContext {
  runtime: ContainerRuntime;
  clock: Clock;
  pod: Pod;
  container: Container;
  containerId: string;
  podIp: string;
  /** the longest the hook may take (the grace period for preStop) */
  timeoutMs: number;
}

/** Runs the handler; resolves with a failure message, or undefined when it succeeded. */
export async function runLifecycleHook(handler: LifecycleHandler, ctx: HookContext): Promise<string | undefined> {
  const where = `for Container ${JSON.stringify(ctx.container.name)} in Pod ${JSON.stringify(formatPod(ctx.pod))}`;
  if (handler.exec) {
    const command = handler.exec.command ?? [];
    const result = await execAction(ctx.runtime, ctx.containerId, command, ctx.timeoutMs);
    if (result.ok) return undefined;
    return `Exec lifecycle hook ([${command.join(' ')}]) ${where} failed - error: command '${command.join(' ')}' exited with a non-zero status, message: ${JSON.stringify(result.output)}`;
  }
  if (handler.httpGet) {
    const port = resolvePort(handler.httpGet.port, ctx.container);
    const path = handler.httpGet.path ?? '';
    if (port === undefined) return `HTTP lifecycle hook (${path}) ${where} failed - error: unable to resolve port ${JSON.stringify(handler.httpGet.port)}`;
    const result = await httpGetAction({ ...handler.httpGet, host: handler.httpGet.host || ctx.podIp, port }, ctx.timeoutMs);
    return result.ok ? undefined : `HTTP lifecycle hook (${path}) ${where} failed - error: ${result.output}`;
  }
  const sleep = (handler as { sleep?: { seconds?: number } }).sleep;
  if (sleep) {
    const ms = Math.min((sleep.seconds ?? 0) * 1000, ctx.timeoutMs);
    await new Promise<void>((resolve) => ctx.clock.setTimeout(resolve, ms));
    return undefined;
  }
  return `Lifecycle hook ${where} failed - error: unsupported handler (the process runtime supports exec, httpGet and sleep)`;
}
