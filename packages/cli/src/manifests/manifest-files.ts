// -f arguments → the texts to read, named as kubectl names them in messages: a file as typed,
// a directory's .json/.yaml/.yml files joined onto it (subdirectories only with -R), and "-"
// for stdin, named STDIN. Every path is checked before anything is read, as kubectl's builder
// does: one missing path and nothing is applied.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { collectValues } from '../command-runner.js';
import { UsageError } from '../resource-arguments.js';
import { ErrorList } from './source-errors.js';

export interface FilenameOptions {
  filenames: string[];
  recursive: boolean;
  /** reads all of stdin; injected by tests */
  readStdin?: () => Promise<string>;
}

export interface ManifestText {
  source: string;
  text: string;
}

export const STDIN_SOURCE = 'STDIN';
const EXTENSIONS = ['.json', '.yaml', '.yml'];

type PlannedSource = { kind: 'stdin' } | { kind: 'file'; path: string };

export async function readManifestTexts(options: FilenameOptions): Promise<ManifestText[]> {
  const planned = await planSources(options);
  const texts: ManifestText[] = [];
  for (const source of planned) {
    if (source.kind === 'stdin') {
      texts.push({ source: STDIN_SOURCE, text: await (options.readStdin ?? readProcessStdin)() });
    } else {
      texts.push({ source: source.path, text: await readFile(source.path, 'utf8') });
    }
  }
  return texts;
}

async function planSources(options: FilenameOptions): Promise<PlannedSource[]> {
  const planned: PlannedSource[] = [];
  const errors: Error[] = [];
  for (const filename of options.filenames) {
    if (filename === '-') {
      planned.push({ kind: 'stdin' });
      continue;
    }
    const info = await stat(filename).catch(() => undefined);
    if (!info) {
      errors.push(new Error(`the path ${JSON.stringify(filename)} does not exist`));
      continue;
    }
    const files = info.isDirectory() ? await walkDirectory(filename, options.recursive) : [filename];
    planned.push(...files.map((p): PlannedSource => ({ kind: 'file', path: p })));
    if (planned.length === 0 && errors.length === 0) {
      errors.push(new Error(`error reading [${filename}]: recognized file extensions are [${EXTENSIONS.join(' ')}]`));
    }
  }
  if (errors.length > 0) throw new ErrorList(errors);
  return planned;
}

/** filepath.Walk order (sorted by name); extensions only filter files found inside a directory. */
async function walkDirectory(dir: string, recursive: boolean): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) files.push(...(await walkDirectory(full, true)));
    } else if (EXTENSIONS.includes(path.extname(entry.name))) {
      files.push(full);
    }
  }
  return files;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Declares -f/--filename (repeatable) and -R/--recursive, worded per verb like kubectl's help. */
export function addFilenameOptions(command: Command, purpose: string): Command {
  return command
    .option('-f, --filename <file>', `Filename, directory, or URL to files ${purpose}`, collectValues, [])
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.');
}

/** create and apply take their objects from -f only. */
export function requireFilenames(verb: string, filenames: string[], args: string[]): void {
  if (filenames.length === 0) throw new Error('must specify one of -f and -k');
  if (args.length > 0) throw new UsageError(`Unexpected args: [${args.join(' ')}]\nSee 'kctl ${verb} -h' for help and examples`);
}
