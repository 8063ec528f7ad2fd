// The last lines of the cluster's logs, shown when start-up fails so the cause is on screen.
import { readFileSync } from 'node:fs';

export function tailLines(path: string, count: number): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((line) => line.length > 0).slice(-count);
}

/** "==> file <==" blocks like `tail` prints for several files; empty logs are skipped. */
export function formatLogTails(paths: readonly string[], count = 20): string {
  return paths
    .map((path) => ({ path, lines: tailLines(path, count) }))
    .filter(({ lines }) => lines.length > 0)
    .map(({ path, lines }) => [`==> ${path} <==`, ...lines].join('\n'))
    .join('\n');
}
