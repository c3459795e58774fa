/** Lower-case, accents removed: "Données" and "donnees" match each other in searches. */
export function foldForSearch(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Every string value of a JSON document, joined for the search index. */
export function collectText(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value !== '') out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectText(v, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) collectText(v, out);
  }
  return out;
}
