/** One changed leaf between two versions of a document, path in dotted form ("transfers.0.country"). */
export type FieldChange = Readonly<{ path: string; before: unknown; after: unknown }>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Lists the leaves that differ between two JSON documents. Arrays are compared by index,
 * which is how the forms edit them; a removed element shows as its leaves going to undefined.
 */
export function diffDocs(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) || Array.isArray(after)) {
    const a = Array.isArray(before) ? before : [];
    const b = Array.isArray(after) ? after : [];
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...diffDocs(a[i], b[i], join(prefix, String(i))));
    return out;
  }
  if (isObject(before) || isObject(after)) {
    const a = isObject(before) ? before : {};
    const b = isObject(after) ? after : {};
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffDocs(a[k], b[k], join(prefix, k)));
  }
  return [{ path: prefix, before, after }];
}

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);
