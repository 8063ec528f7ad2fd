// kubectl users type `-o=json`, `-n=kube-system` and `-ojsonpath=...`; commander understands
// `=` only after long options, so rewrite short `-x=value` to `-x value`.
const SHORT_WITH_VALUE = new Set(['-o', '-n', '-l', '-L', '-f', '-p', '-c', '-s']);

export function normalizeArgv(argv: string[]): string[] {
  const out: string[] = [];
  let afterDoubleDash = false;
  for (const arg of argv) {
    if (afterDoubleDash) {
      out.push(arg);
      continue;
    }
    if (arg === '--') afterDoubleDash = true;
    const match = /^(-[a-zA-Z])=(.*)$/s.exec(arg);
    if (match && SHORT_WITH_VALUE.has(match[1] ?? '')) out.push(match[1] ?? '', match[2] ?? '');
    else out.push(arg);
  }
  return out;
}

// Global options that take a value, so `kctl -n x get pods` finds "get" as the verb.
const GLOBAL_WITH_VALUE = new Set(['--kubeconfig', '--context', '-n', '--namespace', '-s', '--server', '--token', '--request-timeout', '-v', '--v']);

/** The verb a command line names: its first word that is neither an option nor an option's value. */
export function verbOf(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') return undefined;
    if (arg.startsWith('-')) {
      if (GLOBAL_WITH_VALUE.has(arg)) i++;
      continue;
    }
    return arg;
  }
  return undefined;
}
