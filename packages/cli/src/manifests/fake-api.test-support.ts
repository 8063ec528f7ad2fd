// Test support for the writing verbs: runs a registered verb against a scripted API that records
// every request, and captures what the verb printed and its exit code.
import { Command } from 'commander';
import { ApiError, defaultCatalog } from '@kctl/shared';
import type { KubernetesObject, Query, WatchEvent } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import { reportError } from '../command-runner.js';
import type { CommandRunner } from '../command-runner.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query?: Query;
  body?: unknown;
  contentType?: string;
}

/** Answers a request with a value, or fails it by returning an ApiError. */
export type Responder = (request: RecordedRequest) => unknown;

export class FakeApi {
  readonly requests: RecordedRequest[] = [];
  /** events a watch yields before it ends */
  watchEvents: WatchEvent[] = [];

  constructor(private readonly respond: Responder) {}

  private answer<T>(request: RecordedRequest): Promise<T> {
    this.requests.push(request);
    const result = this.respond(request);
    return result instanceof ApiError ? Promise.reject(result) : Promise.resolve(result as T);
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.answer({ method: 'GET', path, ...(query ? { query } : {}) });
  }
  request<T>(method: string, path: string, opts: { query?: Query } = {}): Promise<T> {
    return this.answer({ method, path, ...(opts.query ? { query: opts.query } : {}) });
  }
  create<T>(path: string, body: unknown, query?: Query): Promise<T> {
    return this.answer({ method: 'POST', path, body, ...(query ? { query } : {}) });
  }
  patch<T>(path: string, body: unknown, contentType: string, query?: Query): Promise<T> {
    return this.answer({ method: 'PATCH', path, body, contentType, ...(query ? { query } : {}) });
  }
  delete<T>(path: string, body?: unknown, query?: Query): Promise<T> {
    return this.answer({ method: 'DELETE', path, body, ...(query ? { query } : {}) });
  }
  async *watch(path: string, query: Query = {}): AsyncGenerator<WatchEvent> {
    this.requests.push({ method: 'WATCH', path, query });
    yield* this.watchEvents;
  }
}

export const notFound = (resource: string, name: string): ApiError => new ApiError(404, 'NotFound', `${resource} "${name}" not found`);

export interface VerbResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kctl <argv>` through the verb's real registration, with the fake API as the client. */
export async function runVerb(
  register: (program: Command, run: CommandRunner) => void,
  argv: string[],
  api: FakeApi,
  namespace: { name?: string; explicit?: boolean } = {},
): Promise<VerbResult> {
  const ctx = { client: api, catalog: defaultCatalog, namespace: namespace.name ?? 'default', namespaceExplicit: namespace.explicit ?? false, globals: {} };
  let code = 0;
  const runner: CommandRunner = (fn) => async (...params: unknown[]) => {
    const args = params.slice(0, -2).flatMap((p) => (Array.isArray(p) ? (p as string[]) : []));
    try {
      code = (await fn(ctx as unknown as CliContext, args, params[params.length - 2] as never)) ?? 0;
    } catch (err) {
      reportError(err);
      code = 1;
    }
  };
  const program = new Command('kctl').exitOverride();
  register(program, runner);
  const output = { stdout: '', stderr: '' };
  const realWrites = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = ((chunk: unknown) => ((output.stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => ((output.stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } finally {
    process.stdout.write = realWrites.stdout;
    process.stderr.write = realWrites.stderr;
  }
  return { code, ...output };
}

/** The object a server would answer a write with. */
export function stored(obj: unknown, extra: Record<string, unknown> = {}): KubernetesObject {
  const o = obj as KubernetesObject;
  return { ...o, metadata: { ...o.metadata, uid: `uid-${o.metadata?.name ?? ''}`, ...extra } };
}
