import { z } from 'zod';
import { LEGAL_BASES, REGISTER_KINDS, STATUSES } from './enums';
import type { RegisterSummary } from './register';
import { foldForSearch } from './text';

/**
 * The register table as a query (issue 15): the columns it sorts on, the filters it offers, and
 * the keys stored beside each record so that SQLite sorts and filters with indexes instead of
 * the renderer sorting every summary.
 */

/** Every sortable column of the register table (controller and processor). */
export const REGISTER_SORTS = [
  'ref',
  'name',
  'status',
  'completeness',
  'review',
  'department',
  'legalBasis',
  'special',
  'transfer',
  'purpose',
  'client',
  'updated',
] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

/**
 * The dashboard's "show all" links open the register with one of these (`#/register/controller?quick=…`).
 * `reviewDue`: late or due by the day in `by` (the "This week" panel's review chip, shared/domain/review.ts isReviewDueBy).
 */
export const QUICK_FILTERS = ['reviewOverdue', 'reviewDue', 'incomplete', 'transfersToConvert'] as const;
export type QuickFilter = (typeof QUICK_FILTERS)[number];

/** How many rows one window may ask for: a screen and its margins, never the whole register. */
export const MAX_WINDOW = 500;

/**
 * A text folded for sorting: lower case, accents removed, so that "École" sorts with "ecole"
 * (between "eau" and "fichier", as a French reader expects) and not after "zone" as a
 * code-point comparison would put it; ligatures spelled out (œ → oe, æ → ae).
 */
export function sortText(s: string): string {
  return foldForSearch(s).replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss').trim();
}

/**
 * A reference as a natural sort key: folded like `sortText`, each run of digits padded to 12
 * digits so that "RT-2" sorts before "RT-10" (as the table's alphanumeric sort did).
 */
export function naturalKey(s: string): string {
  return sortText(s).replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, '').padStart(12, '0'));
}

/**
 * The term that stands for a search word of one or two characters (code points): `u` and the
 * character's code, or `b` and the codes of the pair. A record holds the word exactly when its
 * folded text holds the term (what instr would find), see `shortTerms`.
 */
export function shortTerm(word: string): string {
  const cps = [...word].map((c) => c.codePointAt(0)!);
  return cps.length === 1 ? `u${hexCode(cps[0]!)}` : pairTerm(cps[0]!, cps[1]!);
}

/**
 * A pair's term: both codes on four digits, or both on six when one is beyond the basic plane
 * (four digits then would be ambiguous: "\u1000\u{10061}" and "\u{10001}a" both b100010061).
 */
function pairTerm(a: number, b: number): string {
  return a > 0xffff || b > 0xffff ? `b${a.toString(16).padStart(6, '0')}${b.toString(16).padStart(6, '0')}` : `b${hexCode(a)}${hexCode(b)}`;
}

const hexCodes = new Map<number, string>();
/** A code point as at least four hexadecimal digits, each made once. */
function hexCode(cp: number): string {
  let h = hexCodes.get(cp);
  if (h === undefined) hexCodes.set(cp, (h = cp.toString(16).padStart(4, '0')));
  return h;
}

/** The characters JavaScript's `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(cp: number): boolean {
  return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0xa0 || cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000 || cp === 0xfeff;
}

/**
 * Every distinct character and pair of characters of a folded text, as terms (whitespace left
 * out: a word never holds any), in the order they first occur. Written with a loop over code
 * points and numeric keys: it runs at every save and over every record in a migration (the
 * first version, with a regular expression and a string per character, took 0.5 ms for a
 * record of 2,850 characters; test/unit/short-terms.test.ts holds this one to it).
 */
export function shortTerms(text: string): string {
  const seen = new Set<number>();
  const terms: string[] = [];
  let prev = -1;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isSpace(cp)) {
      prev = -1;
      continue;
    }
    if (prev >= 0) {
      // A pair as one number: both codes are below 0x110000, so the key is exact and never a single code.
      const pair = 0x110000 + prev * 0x110000 + cp;
      if (!seen.has(pair)) {
        seen.add(pair);
        terms.push(pairTerm(prev, cp));
      }
    }
    if (!seen.has(cp)) {
      seen.add(cp);
      terms.push(`u${hexCode(cp)}`);
    }
    prev = cp;
  }
  return terms.join(' ');
}

/** The term of a register (`k` and its kind), beside its records' short terms: a short search counts one register's matches in the index alone. */
export function kindTerm(kind: string): string {
  return `k${kind}`;
}

/** What the list query reads of a record beside its summary (columns of register_entry, see migration 0150). */
export type ListKeys = Readonly<{
  sort_ref: string;
  sort_name: string;
  sort_purpose: string;
  sort_client: string;
  department: string;
  legal_bases: string;
  next_review: string;
  missing_count: number;
  has_special: number;
  has_transfers: number;
  transfers_to_convert: number;
}>;

/** The list keys of a summary (tolerant of the empty summaries of very old files: they are written again after migration). */
export function listKeys(s: Partial<RegisterSummary>): ListKeys {
  return {
    sort_ref: naturalKey(s.ref ?? ''),
    sort_name: sortText(s.name ?? ''),
    sort_purpose: sortText(s.purpose ?? ''),
    sort_client: sortText(s.client ?? ''),
    department: s.department ?? '',
    legal_bases: (s.legalBases ?? []).join(','),
    next_review: s.nextReview ?? '',
    missing_count: s.missing?.length ?? 0,
    has_special: s.hasSpecial ? 1 : 0,
    has_transfers: s.hasTransfers ? 1 : 0,
    transfers_to_convert: s.transfersToConvert ?? 0,
  };
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * What the register table asks the core for (`register:window`): a window of rows (`offset`,
 * at most MAX_WINDOW), its sort, the search box and the filters of the toolbar or of the URL.
 * `today` (the renderer's local date) decides which reviews are overdue, as the dashboard does.
 */
export const RegisterWindowArgsSchema = z
  .object({
    kind: z.enum(REGISTER_KINDS),
    scope: z.enum(['live', 'trash']),
    offset: z.number().int().min(0).max(10_000_000),
    limit: z.number().int().min(1).max(MAX_WINDOW),
    sort: z.object({ by: z.enum(REGISTER_SORTS), dir: z.enum(['asc', 'desc']) }).strict().optional(),
    search: z.string().max(500).optional(),
    filter: z
      .object({
        status: z.array(z.enum(STATUSES)).max(STATUSES.length).optional(),
        department: z.string().max(200).optional(),
        legalBasis: z.enum(LEGAL_BASES).optional(),
        special: z.boolean().optional(),
        transfer: z.boolean().optional(),
        overdue: z.boolean().optional(),
        quick: z.enum(QUICK_FILTERS).optional(),
        /** With `quick: 'reviewDue'`: the last day counted (YYYY-MM-DD); the end of this week when absent. */
        dueBy: isoDay.optional(),
      })
      .strict()
      .optional(),
    today: isoDay.optional(),
  })
  .strict();
export type RegisterWindowArgs = z.infer<typeof RegisterWindowArgsSchema>;

/** One window: `total` rows match (the search and filters), `all` are in the register (or its trash); `rows` start at `offset`. */
export type RegisterWindow = Readonly<{ total: number; all: number; offset: number; rows: ReadonlyArray<RegisterSummary> }>;
