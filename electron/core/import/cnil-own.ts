import { LANGUAGES, type SpecialCategory } from '../../../shared/domain/enums';
import { emptyRetention, type ControllerDoc, type Purpose, type Retention } from '../../../shared/domain/register';
import { translate } from '../../../shared/i18n';
import { CNIL_LAYOUT } from '../export/sheet/cnil-sheet';
import { META_SHEET } from '../export/sheet/register-sheet';
import { parseDateText } from './cells';
import { longTexts, lookups } from './own-register';
import { cellAddress, valueText } from './read';
import { fold } from './suggest';
import type { Cell, Row, Workbook } from './types';

/**
 * The CNIL model as DPO Desk writes it (export/sheet/cnil-sheet.ts), read back whole: what the
 * CNIL's rows hold in words (a recipient's category, name and details in one cell; a retention
 * in a sentence) and what our extra block holds (the legal bases, status, DPIA, review date,
 * notes, joint controllers' details, each retention phase by phase) go back into their fields.
 * Only for a workbook whose marker sheet says we wrote it: a CNIL model filled by hand is read
 * as before (cnil.ts), its unknown rows kept in the notes.
 */

type AnyLists = Parameters<typeof lookups>[0];

/** Whether the workbook is a CNIL model we exported (its hidden marker sheet). */
export function isOwnCnil(wb: Workbook): boolean {
  const meta = wb.sheets.find((s) => s.name === META_SHEET);
  return !!meta?.rows.some((r) => r.cells[0] && valueText(r.cells[0].value) === 'layout' && r.cells[1] && valueText(r.cells[1].value) === CNIL_LAYOUT);
}

const both = (key: string, params?: Record<string, string | number>) => LANGUAGES.map((l) => translate(l, key, params));
const purposeName = (l: (typeof LANGUAGES)[number], i: number) => (i === 0 ? translate(l, 'sheet.cnil.mainPurpose') : translate(l, 'sheet.cnil.subPurpose', { n: i }));

/** The section title of our extra block (French or English), folded. */
export const MORE_KEYS: ReadonlyArray<string> = both('sheet.cnil.more').map(fold);

const FIELDS = ['status', 'department', 'software', 'art9Condition', 'art9Detail', 'art10Basis', 'sources', 'dpiaNeeded', 'dpiaDone', 'dpiaDate', 'dpiaReason', 'nextReview', 'notes'] as const;
type Field = (typeof FIELDS)[number];

type RowKind = Readonly<{ kind: 'field'; field: Field }> | Readonly<{ kind: 'basis' | 'review'; purpose: number }> | Readonly<{ kind: 'joint'; n: number }> | Readonly<{ kind: 'retentionHead' }>;

function rowKinds(): Map<string, RowKind> {
  const m = new Map<string, RowKind>();
  for (const l of LANGUAGES) {
    for (const field of FIELDS) m.set(fold(translate(l, `fields.${field}`)), { kind: 'field', field });
    for (let i = 0; i < 20; i++) {
      const basisFor = translate(l, 'sheet.cnil.basisFor', { purpose: purposeName(l, i) });
      m.set(fold(basisFor), { kind: 'basis', purpose: i });
      m.set(fold(`${basisFor} – ${translate(l, 'fields.review')}`), { kind: 'review', purpose: i });
    }
    for (let n = 1; n <= 20; n++) m.set(fold(translate(l, 'sheet.cnil.jointDetails', { n })), { kind: 'joint', n });
    m.set(fold(translate(l, 'sheet.cnil.retentionTable')), { kind: 'retentionHead' });
  }
  return m;
}

const cellAt = (row: Row, col: number): Cell | undefined => row.cells.find((c) => c.col === col);
/** A cell's text exactly as written (our own texts: "N/A" in a note is a note). */
const raw = (row: Row, col: number): string => {
  const c = cellAt(row, col);
  return c && c.value.kind !== 'error' && c.value.kind !== 'noCachedValue' ? valueText(c.value) : '';
};

export type OwnCnil = ReturnType<typeof ownCnilReader>;

/** The reader of one workbook we wrote: one state per record sheet (`start`), rows fed in order. */
export function ownCnilReader(wb: Workbook, lists: AnyLists, countries: ReadonlyArray<string>, country: (name: string) => string | undefined) {
  const L = lookups(lists, countries);
  const long = longTexts(wb);
  const kinds = rowKinds();
  const cnilSafeguards = new Map<string, string>();
  for (const l of LANGUAGES) for (const code of ['SCC_2021', 'BCR', 'ADEQUACY', 'LEGACY_PRIVACY_SHIELD', 'CODE_CERTIFICATION', 'DEROGATION_49']) cnilSafeguards.set(fold(translate(l, `sheet.cnil.safeguard.${code}`)), code);
  const recipientLabels = [...new Set(lists.recipients.flatMap((i) => [i.labelFr, i.labelEn]))].sort((a, b) => b.length - a.length);
  const toConvertMarks = both('export.toConvert').map(fold);
  const accessPrefixes = both('sheet.cnil.accessFrom', { countries: '' }).map((p) => fold(p));

  /** "Catégorie — Nom : précisions" back into its three parts (cnil-sheet.ts recipientText). */
  function recipient(text: string): { category: string; name: string; details: string } {
    let category = '';
    let body = text;
    for (const label of recipientLabels) {
      if (text === label || text.startsWith(`${label} — `)) {
        category = L.recipients.get(fold(label)) ?? '';
        body = text.slice(label.length).replace(/^ — /, '');
        break;
      }
    }
    const m = /\u00a0: |: /.exec(body);
    return m ? { category, name: body.slice(0, m.index), details: body.slice(m.index + m[0].length) } : { category, name: body, details: '' };
  }

  /** The "documentation" cell of a transfer row: title, SCC module, access countries (a transfer-register entry), or the document and the "to convert" mark. */
  function transferDocs(text: string): { toConvert: boolean; title: string; module: 1 | 2 | 3 | 4 | null; accessCountries: string[] } {
    const lines = text.split('\n');
    const toConvert = lines.length > 0 && toConvertMarks.includes(fold(lines[lines.length - 1]!));
    if (toConvert) lines.pop();
    let module: 1 | 2 | 3 | 4 | null = null;
    const access: string[] = [];
    const rest: string[] = [];
    for (const line of lines) {
      const mod = L.module.get(fold(line));
      const prefix = accessPrefixes.find((p) => fold(line).startsWith(p));
      if (!toConvert && mod) module = Number(mod) as 1 | 2 | 3 | 4;
      else if (!toConvert && prefix !== undefined) {
        const list = line.slice(line.indexOf(':') + 1);
        for (const name of list.split(',').map((x) => x.trim()).filter(Boolean)) {
          const code = L.countries.get(fold(name)) ?? country(name);
          if (code) access.push(code);
        }
      } else rest.push(line);
    }
    return { toConvert, title: rest.join('\n'), module, accessCountries: access };
  }

  function safeguard(text: string): string {
    return cnilSafeguards.get(fold(text)) ?? L.safeguard.get(fold(text)) ?? text;
  }

  /** One record sheet: its extra block's rows, then `finish` puts them into the record. */
  function start(sheet: string) {
    const fields = new Map<Field, { row: Row }>();
    const bases = new Map<number, string>();
    const review = new Set<number>();
    const joint = new Map<number, string>();
    const retentions: Array<{ special: boolean; code: string; retention: Retention }> = [];
    const unread: string[] = [];
    let inRetention = false;

    /** A row of our extra block; false when its label is none of ours (the caller keeps it in the notes). */
    function row(r: Row, label: string): boolean {
      const k = kinds.get(fold(label));
      if (inRetention && !k) {
        const special = L.sensitive.get(fold(raw(r, 1))) === 'sensitive';
        const code = (special ? L.special : L.dataCategories).get(fold(label));
        if (!code) return false;
        const num = (col: number) => {
          const c = cellAt(r, col);
          const n = c?.value.kind === 'number' ? c.value.number : Number(raw(r, col));
          return raw(r, col).trim() === '' || !Number.isFinite(n) ? null : n;
        };
        const base = emptyRetention();
        const unit = (col: number, fallback: Retention['unit']) => (L.unit.get(fold(raw(r, col))) as Retention['unit'] | undefined) ?? fallback;
        retentions.push({
          special,
          code,
          retention: {
            duration: num(2),
            unit: unit(3, base.unit),
            criterion: raw(r, 4),
            archive: { duration: num(5), unit: unit(6, base.archive.unit), criterion: raw(r, 7), reason: raw(r, 8) },
            end: (L.end.get(fold(raw(r, 9))) ?? '') as Retention['end'],
            note: raw(r, 10),
          },
        });
        return true;
      }
      if (!k) return false;
      if (k.kind === 'retentionHead') inRetention = true;
      else if (k.kind === 'field') fields.set(k.field, { row: r });
      else if (k.kind === 'basis') bases.set(k.purpose, raw(r, 1));
      else if (k.kind === 'review') review.add(k.purpose);
      else if (k.kind === 'joint') joint.set(k.n - 1, raw(r, 1));
      return true;
    }

    /** "Intérêt légitime (art. 6.1.f) – détail" lines back into bases; a line that starts with no basis continues the detail above. */
    function basesOf(text: string): Purpose['bases'] {
      const out: Array<{ basis: Purpose['bases'][number]['basis']; detail: string }> = [];
      if (text === '') return out;
      for (const line of text.split('\n')) {
        const dash = line.indexOf(' – ');
        const head = dash >= 0 ? line.slice(0, dash) : line;
        const basis = L.legalBasis.get(fold(head));
        if (basis) out.push({ basis: basis as Purpose['bases'][number]['basis'], detail: dash >= 0 ? line.slice(dash + 3) : '' });
        else if (out.length) out[out.length - 1]!.detail += `\n${line}`;
        else out.push({ basis: '', detail: line });
      }
      return out;
    }

    function finish(doc: ControllerDoc): void {
      const text = (f: Field) => {
        const r = fields.get(f);
        if (!r) return '';
        // A note longer than a cell holds: its rest is on the long-texts sheet (sheet-model.ts splitLongTexts).
        const rest = long.get(`${sheet}!${cellAddress(r.row.index, 1)}`);
        return rest === undefined ? raw(r.row, 1) : raw(r.row, 1).replace(/\n[^\n]*$/, '') + rest;
      };
      const code = (f: Field, lookup: 'status' | 'department' | 'art9' | 'dpiaNeeded'): string => {
        const t = text(f).trim();
        if (t === '') return '';
        const c = L[lookup].get(fold(t));
        if (c === undefined) unread.push(`${translate('fr', `fields.${f}`)} : ${t}`);
        return c ?? '';
      };
      const date = (f: Field) => {
        const r = fields.get(f);
        const c = r && cellAt(r.row, 1);
        if (!c) return '';
        return c.value.kind === 'date' ? c.value.date.slice(0, 10) : (parseDateText(valueText(c.value)) ?? '');
      };
      doc.status = (code('status', 'status') || 'draft') as ControllerDoc['status'];
      doc.department = code('department', 'department');
      doc.software = text('software');
      doc.art9Condition = code('art9Condition', 'art9') as ControllerDoc['art9Condition'];
      doc.art9Detail = text('art9Detail');
      doc.art10Basis = text('art10Basis');
      doc.sources = text('sources');
      doc.dpia = { needed: (code('dpiaNeeded', 'dpiaNeeded') || 'unknown') as ControllerDoc['dpia']['needed'], done: L.yes.get(fold(text('dpiaDone'))) === 'yes', date: date('dpiaDate'), reason: text('dpiaReason') };
      doc.nextReview = date('nextReview');
      doc.notes = text('notes');
      doc.purposes = doc.purposes.map((p, i) => ({ ...p, bases: basesOf(bases.get(i) ?? ''), review: review.has(i) }));
      doc.jointControllers = doc.jointControllers.map((p, i) => ({ ...p, details: joint.get(i) ?? p.details }));
      // The retention table gives each category row its retention, in the record's own order.
      const reorder = <T extends { category: string; retention: Retention }>(rows: T[], special: boolean): T[] => {
        const left = [...rows];
        const out: T[] = [];
        for (const x of retentions.filter((r) => r.special === special)) {
          const i = left.findIndex((r) => r.category === x.code);
          if (i < 0) continue;
          out.push({ ...left[i]!, retention: x.retention });
          left.splice(i, 1);
        }
        return [...out, ...left];
      };
      doc.dataCategories = reorder(doc.dataCategories, false);
      doc.specialCategories = reorder(doc.specialCategories as Array<{ category: SpecialCategory; description: string; retention: Retention }>, true);
    }

    return { row, finish, unread };
  }

  /** A data category's label as we write it (the reference list's, or the row of every category of the record). */
  const category = (label: string): string | undefined => L.dataCategories.get(fold(label));

  return { recipient, transferDocs, safeguard, category, start };
}

