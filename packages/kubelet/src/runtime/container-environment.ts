// A container's environment without an image: defaults (PATH, HOME, HOSTNAME), then the spec's
// env in order, each value expanded with Kubernetes' $(VAR) rules against the variables defined
// before it (k8s third_party/forked/golang/expansion): $(NAME) is replaced when NAME is known and
// left as written when not, $$ is an escaped $, and nothing else is special (no ${X}, no $X).
import { userInfo } from 'node:os';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** An env entry whose valueFrom, if any, the kubelet already resolved into value. */
export interface ResolvedEnvVar {
  name: string;
  value?: string;
  /** a value from valueFrom: Kubernetes expands only literal `value`s, never resolved ones */
  verbatim?: boolean;
}

export interface EnvironmentOptions {
  podName: string;
  /** variables set after the defaults and before ENV, used as they are: service env vars, then envFrom */
  inherited?: Iterable<readonly [name: string, value: string]>;
  env?: ResolvedEnvVar[];
  /** HOME for the container; default: the kubelet user's home directory */
  home?: string;
}

export function defaultEnvironment(podName: string, home = userInfo().homedir): Record<string, string> {
  return { PATH: DEFAULT_PATH, HOME: home, HOSTNAME: podName };
}

/** The complete environment of a container, in the order Kubernetes builds it. */
export function buildContainerEnvironment(options: EnvironmentOptions): Record<string, string> {
  // A Map, not an object: env names such as "__proto__" or "toString" are ordinary names here.
  const environment = new Map(Object.entries(defaultEnvironment(options.podName, options.home)));
  for (const [name, value] of options.inherited ?? []) environment.set(name, value);
  for (const { name, value, verbatim } of options.env ?? []) {
    environment.set(name, verbatim ? (value ?? '') : expandVariables(value ?? '', (ref) => environment.get(ref)));
  }
  return Object.fromEntries(environment);
}

/** command + args with $(VAR) references to ENV expanded (same rules as env values). */
export function expandCommand(
  command: readonly string[] | undefined,
  args: readonly string[] | undefined,
  env: Readonly<Record<string, string>>,
): string[] {
  const lookup = (name: string) => (Object.hasOwn(env, name) ? env[name] : undefined);
  return [...(command ?? []), ...(args ?? [])].map((part) => expandVariables(part, lookup));
}

/** One string through Kubernetes' expansion; LOOKUP returns undefined for an unknown name. */
export function expandVariables(input: string, lookup: (name: string) => string | undefined): string {
  let output = '';
  let copiedUpTo = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    // A "$" as the very last character is plain text.
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    output += input.slice(copiedUpTo, cursor);
    const next = input[cursor + 1];
    if (next === '$') {
      output += '$'; // "$$" is an escaped "$"
      cursor += 1;
    } else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close === -1) {
        output += '$('; // incomplete reference: kept, and scanning resumes after "$("
        cursor += 1;
      } else {
        const name = input.slice(cursor + 2, close);
        output += lookup(name) ?? `$(${name})`;
        cursor = close;
      }
    } else {
      output += `$${next}`; // "$X" is not a reference
      cursor += 1;
    }
    copiedUpTo = cursor + 1;
  }
  return output + input.slice(copiedUpTo);
}
