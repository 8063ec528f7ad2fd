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
