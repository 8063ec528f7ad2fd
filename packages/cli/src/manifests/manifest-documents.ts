// One manifest text → its documents, the way kubectl's YAMLOrJSONDecoder reads it: a text that
// starts with "{" is a stream of JSON values, anything else is YAML split on "---" lines. Each
// YAML document is parsed on its own, so error lines count from the document's first line as
// kubectl's do. A parse error ends the stream; the documents before it still count.
import { parseDocument } from 'yaml';
import { goJsonMessage, goYamlMessage } from './go-parse-errors.js';

export interface DocumentStream {
  /** non-empty documents, in order (null and empty ones are skipped, as kubectl does) */
  documents: unknown[];
  /** the error that stopped reading, worded as kubectl prints it */
  error?: Error;
}

export function parseManifestText(text: string, source: string): DocumentStream {
  return /^\s*\{/.test(text) ? parseJsonStream(text, source) : parseYamlStream(text, source);
}

function parseJsonStream(text: string, source: string): DocumentStream {
  const documents: unknown[] = [];
  let rest = text;
  while (rest.trim() !== '') {
    try {
      documents.push(JSON.parse(rest));
      break;
    } catch (err) {
      // JSON.parse takes one value; a stream of several fails right after the first one.
      const next = /^Unexpected non-whitespace character after JSON at position (\d+)/.exec((err as Error).message)?.[1];
      const end = next === undefined ? -1 : Number(next);
      const head = end > 0 ? tryParse(rest.slice(0, end)) : undefined;
      if (head === undefined) return { documents, error: parseError(source, goJsonMessage(err as Error, rest)) };
      documents.push(head.value);
      rest = rest.slice(end);
    }
  }
  return { documents: documents.filter((d) => d !== null) };
}

function tryParse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function parseYamlStream(text: string, source: string): DocumentStream {
  const documents: unknown[] = [];
  const split = splitYamlDocuments(text);
  for (const chunk of split.chunks) {
    // YAML 1.1 like go-yaml (yes/no are booleans, 0755 is octal, << merges), but timestamps stay
    // strings: go-yaml only makes times when decoding into time.Time, never for kubectl.
    const doc = parseDocument(chunk, {
      version: '1.1',
      uniqueKeys: false,
      customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
    });
    if (doc.errors.length > 0) return { documents, error: parseError(source, `error converting YAML to JSON: ${goYamlMessage(doc.errors, chunk)}`) };
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 10000 });
    } catch (err) {
      const anchor = /Unresolved alias.*?: \*(\S+)/.exec((err as Error).message)?.[1] ?? '';
      return { documents, error: parseError(source, `error converting YAML to JSON: yaml: unknown anchor '${anchor}' referenced`) };
    }
    if (value !== null && value !== undefined) documents.push(value);
  }
  return split.error ? { documents, error: parseError(source, split.error) } : { documents };
}

/**
 * apimachinery's YAMLReader: a line starting with "---" ends a document; only spaces or a
 * comment may follow the marker. Chunks keep their trailing newline (error lines depend on it).
 */
export function splitYamlDocuments(text: string): { chunks: string[]; error?: string } {
  const chunks: string[] = [];
  let current = '';
  for (const line of text.split(/(?<=\n)/)) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest !== '' && !rest.startsWith('#')) return { chunks, error: `invalid Yaml document separator: ${rest}` };
      if (current !== '') chunks.push(current);
      current = '';
      continue;
    }
    current += line;
  }
  if (current !== '') chunks.push(current);
  return { chunks };
}

function parseError(source: string, reason: string): Error {
  return new Error(`error parsing ${source}: ${reason}`);
}
