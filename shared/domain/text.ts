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

/** A piece of a file name from any text: accents dropped, anything but letters and digits as one hyphen, 40 characters at most, lower case. */
export function fileSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .toLowerCase();
}
