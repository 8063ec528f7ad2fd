// describe.go's smartLabelFor: turns a JSON field name into the title the generic describer
// prints ("apiVersion" → "API Version", "podCIDRs" → "Pod CIDRs"), using fatih/camelcase's split.

const COMMON_ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

function charClass(ch: string): number {
  if (/\p{Ll}/u.test(ch)) return 1;
  if (/\p{Lu}/u.test(ch)) return 2;
  if (/\p{Nd}/u.test(ch)) return 3;
  return 4;
}

/** camelcase.Split: runs of one character class, with "PDFLoader" → "PDF", "Loader". */
export function splitCamelCase(src: string): string[] {
  const runs: string[][] = [];
  let lastClass = 0;
  for (const ch of src) {
    const cls = charClass(ch);
    if (cls === lastClass) runs[runs.length - 1]?.push(ch);
    else runs.push([ch]);
    lastClass = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const current = runs[i] ?? [];
    const next = runs[i + 1] ?? [];
    // An upper-case run followed by lower case gives its last letter to the next word.
    if (charClass(current[0] ?? '') === 2 && charClass(next[0] ?? '') === 1) {
      const moved = current.pop();
      if (moved !== undefined) next.unshift(moved);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

export function smartLabelFor(field: string): string {
  // Fields with characters other than letters and '-' are printed as they are.
  if (/[^\p{L}-]/u.test(field)) return field;
  return splitCamelCase(field)
    .filter((part) => part !== '_')
    .map((part) => (COMMON_ACRONYMS.has(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join(' ');
}
