import type { ImportProblem } from '../../../shared/domain/import';
import {
  ALL_DATA_CATEGORIES,
  ART9_CONDITIONS,
  CLIENT_SCOPES,
  DPIA_NEEDED,
  LANGUAGES,
  LEGAL_BASES,
  RECIPIENT_TYPES,
  REGISTER_KINDS,
  RETENTION_ENDS,
  RETENTION_UNITS,
  SAFEGUARDS,
  SPECIAL_CATEGORIES,
  STATUSES,
  type Language,
  type RegisterKind,
} from '../../../shared/domain/enums';
import { emptyOrganisation, type Organisation } from '../../../shared/domain/organisation';
import { emptyControllerDoc, emptyProcessorDoc, emptyRetention, type ControllerDoc, type ProcessorDoc, type Purpose, type Retention } from '../../../shared/domain/register';
import type { ReferenceListName, ReferenceLists } from '../../../shared/domain/reference-lists';
import { END_OF_CONTRACT } from '../../../shared/domain/supplier';
import { isEea, MECHANISMS, type Mechanism, type TransferReference } from '../../../shared/domain/transfer';
import type { TransferToConvert } from '../../../shared/domain/record-transfers';
import { countryName } from '../../../shared/domain/countries';
import { translate } from '../../../shared/i18n';
import { FLAT_TABLES, flatLayout, META_SHEET, REGISTER_LAYOUT, type FlatTable } from '../export/sheet/register-sheet';
import { cellDate } from './cells';
import type { ImportProposal, ProposedRecord, ProposedTransfer } from './proposal';
import { cellAddress, valueText } from './read';
import { fold } from './suggest';
import type { Cell, Row, Sheet, Workbook } from './types';

/**
 * Our own flat workbook read back (issue 13, point 3: the round trip). The export
 * (export/sheet/register-sheet.ts) writes one row per record and one table per repeated field,
 * each row naming its record's reference; this reads every table back by its headers (not by
 * tab names or column order: a user may rename a tab, move a column, re-save the file in
 * LibreOffice or Excel, edit a cell), in French or English, and gives every field of every
 * controller and processor record, its status included, and its transfers for the transfer
 * register. Labels go back to the app's codes through the same labels the export wrote (the
 * reference lists, the enums in both languages); a label no list knows (a cell the user typed)
 * is reported and kept in the record's notes, never dropped. The summary columns of the record
 * sheets (purposes, categories, retention "as written", what is missing) are for reading: the
 * tables behind them are what is imported.
 */

type Layout = ReturnType<typeof flatLayout>;
const layouts: ReadonlyArray<Readonly<{ language: Language; layout: Layout }>> = LANGUAGES.map((language) => ({ language, layout: flatLayout(language) }));

/** How much of a table's headers a sheet's first row must have to be read as that table. */
const MIN_MATCH = 0.6;

type Match = Readonly<{ table: FlatTable; score: number; keys: Map<number, string> }>;

function headerTexts(row: Row | undefined): Map<number, string> {
  return new Map((row?.cells ?? []).map((c) => [c.col, fold(valueText(c.value))]));
}

/** The table a sheet is (by its header row), and which column holds which key. */
function matchSheet(sheet: Sheet): Match | null {
  const headers = headerTexts(sheet.rows[0]);
  if (headers.size === 0) return null;
  let best: Match | null = null;
  for (const { layout } of layouts) {
    for (const table of FLAT_TABLES) {
      const byHeader = new Map(layout[table].map((c) => [fold(c.header), c.key]));
      const keys = new Map<number, string>();
      for (const [col, h] of headers) {
        const key = byHeader.get(h);
        if (key && ![...keys.values()].includes(key)) keys.set(col, key);
      }
      const score = keys.size / Math.max(layout[table].length, headers.size);
      if (keys.size / layout[table].length >= MIN_MATCH && (!best || score > best.score)) best = { table, score, keys };
    }
  }
  return best;
}

/** Whether a workbook (its first rows are enough) is a flat register we wrote: its marker sheet, else a record table's headers. */
export function isOwnRegister(wb: Workbook): boolean {
  const meta = wb.sheets.find((s) => s.name === META_SHEET);
  if (meta?.rows.some((r) => valueText(r.cells[0]?.value ?? { kind: 'text', text: '' }) === 'layout' && r.cells[1] && valueText(r.cells[1].value) === REGISTER_LAYOUT)) return true;
  return wb.sheets.some((s) => {
    const m = matchSheet(s);
    return m !== null && (m.table === 'controller' || m.table === 'processor') && m.score >= 0.8;
  });
}

// ---------------------------------------------------------------------------------------------
// Labels back to codes

/** fold(label) → code, in both languages (and the code itself). */
type Lookup = ReadonlyMap<string, string>;

function lookupOf(codes: ReadonlyArray<string>, key: (code: string) => string | ReadonlyArray<string>): Lookup {
  const m = new Map<string, string>();
  for (const code of codes) {
    for (const language of LANGUAGES) {
      const k = key(code);
      for (const label of typeof k === 'string' ? [k] : k) m.set(fold(translate(language, label)), code);
    }
    m.set(fold(code), code);
  }
  return m;
}

type AnyLists = Readonly<Record<ReferenceListName, ReadonlyArray<Readonly<{ code: string; labelFr: string; labelEn: string }>>>>;

function listLookup(lists: AnyLists, list: ReferenceListName, extra: ReadonlyArray<readonly [string, string]> = []): Lookup {
  const m = new Map<string, string>();
  for (const i of lists[list]) {
    m.set(fold(i.code), i.code);
    m.set(fold(i.labelEn), i.code);
    m.set(fold(i.labelFr), i.code);
  }
  for (const [label, code] of extra) m.set(fold(label), code);
  return m;
}

/** Every label the exports write, back to its code (the CNIL-model reader uses them too, for a workbook we wrote). */
export function lookups(lists: AnyLists, countryCodes: ReadonlyArray<string>) {
  const countries = new Map<string, string>();
  for (const code of countryCodes) {
    countries.set(fold(code), code);
    for (const l of LANGUAGES) countries.set(fold(countryName(l, code)), code);
  }
  return {
    status: lookupOf(STATUSES, (c) => `enums.status.${c}`),
    kind: lookupOf(REGISTER_KINDS, (c) => `enums.kind.${c}`),
    department: listLookup(lists, 'departments'),
    dataSubjects: listLookup(lists, 'dataSubjects'),
    dataCategories: listLookup(lists, 'dataCategories', LANGUAGES.map((l) => [translate(l, 'enums.allDataCategories'), ALL_DATA_CATEGORIES] as const)),
    recipients: listLookup(lists, 'recipients'),
    securityMeasures: listLookup(lists, 'securityMeasures'),
    special: lookupOf(SPECIAL_CATEGORIES, (c) => `enums.special.${c}`),
    art9: lookupOf(ART9_CONDITIONS, (c) => `enums.art9.${c}`),
    recipientType: lookupOf(RECIPIENT_TYPES, (c) => `enums.recipientType.${c}`),
    dpiaNeeded: lookupOf(DPIA_NEEDED, (c) => `enums.dpiaNeeded.${c}`),
    legalBasis: lookupOf(LEGAL_BASES, (c) => `enums.legalBasis.${c}`),
    unit: lookupOf(RETENTION_UNITS, (c) => [`enums.retentionUnit.${c}`, `enums.retentionUnitOne.${c}`]),
    end: lookupOf(RETENTION_ENDS, (c) => `enums.retentionEnd.${c}`),
    clientScope: lookupOf(CLIENT_SCOPES, (c) => `enums.clientScope.${c}`),
    endOfContract: lookupOf(END_OF_CONTRACT.filter((c) => c !== ''), (c) => `supplier.endOfContract.${c}`),
    mechanism: lookupOf(MECHANISMS, (c) => `transfer.mechanism.${c}`),
    module: lookupOf(['1', '2', '3', '4'], (c) => `transfer.module.${c}`),
    safeguard: lookupOf(SAFEGUARDS, (c) => `enums.safeguard.${c}`),
    yes: lookupOf(['yes'], () => 'sheet.yes'),
    sensitive: lookupOf(['sensitive'], () => 'sheet.sensitive'),
    countries,
  };
}
type Lookups = ReturnType<typeof lookups>;

// ---------------------------------------------------------------------------------------------
// Reading the tables

/** One data row of a table: its cells by key. */
type TableRow = Readonly<{ sheet: string; index: number; cells: ReadonlyMap<string, Cell>; headers: ReadonlyMap<string, string> }>;

/** The long texts (over a cell's 32,767 characters) the export moved to their own sheet, by "sheet!A1". */
export function longTexts(wb: Workbook): Map<string, string> {
  const heads = LANGUAGES.map((l) => ['sheet.col.sheet', 'sheet.col.cell', 'sheet.col.part', 'sheet.col.text'].map((k) => fold(translate(l, k))).join('|'));
  const out = new Map<string, Array<[number, string]>>();
  for (const s of wb.sheets) {
    const h = s.rows[0]?.cells.map((c) => fold(valueText(c.value))).join('|');
    if (!h || !heads.includes(h)) continue;
    for (const r of s.rows.slice(1)) {
      const [sheet, cell, part, text] = [0, 1, 2, 3].map((i) => r.cells.find((c) => c.col === i));
      if (!sheet || !cell || !text) continue;
      const key = `${valueText(sheet.value)}!${valueText(cell.value)}`;
      const list = out.get(key) ?? [];
      list.push([Number(part ? valueText(part.value) : 0), valueText(text.value)]);
      out.set(key, list);
    }
  }
  return new Map([...out].map(([k, parts]) => [k, parts.sort((a, b) => a[0] - b[0]).map((p) => p[1]).join('')]));
}

type Reader = ReturnType<typeof readerOf>;

function readerOf(wb: Workbook, lists: ReferenceLists, ref: TransferReference) {
  const L = lookups(lists, ref.countries);
  const long = longTexts(wb);
  const problems: ImportProblem[] = [];
  const tables = new Map<FlatTable, TableRow[]>();
  for (const s of wb.sheets) {
    if (s.name === META_SHEET) continue;
    const m = matchSheet(s);
    if (!m) continue;
    const rows = tables.get(m.table) ?? [];
    const headers = new Map([...m.keys].map(([col, key]) => [key, valueText(s.rows[0]!.cells.find((c) => c.col === col)!.value).trim()]));
    for (const r of s.rows.slice(1)) {
      const cells = new Map<string, Cell>();
      for (const c of r.cells) {
        const key = m.keys.get(c.col);
        if (key) cells.set(key, c);
      }
      if (cells.size) rows.push({ sheet: s.name, index: r.index, cells, headers });
    }
    tables.set(m.table, rows);
  }

  const at = (r: TableRow, key: string) => {
    const c = r.cells.get(key);
    return { row: r.index + 1, sheet: r.sheet, ...(c ? { cell: cellAddress(r.index, c.col) } : {}) };
  };
  /** A cell's text as written (not trimmed: a free text comes back as it was), its long-text continuation joined back. */
  const text = (r: TableRow, key: string): string => {
    const c = r.cells.get(key);
    if (!c) return '';
    if (c.value.kind === 'error') {
      problems.push({ ...at(r, key), level: 'warning', key: 'importNotes.errorValue', params: { error: c.value.error } });
      return '';
    }
    if (c.value.kind === 'noCachedValue') {
      problems.push({ ...at(r, key), level: 'warning', key: 'importNotes.noCachedValue' });
      return '';
    }
    const t = valueText(c.value);
    const rest = long.get(`${r.sheet}!${cellAddress(r.index, c.col)}`);
    return rest === undefined ? t : t.replace(/\n[^\n]*$/, '') + rest;
  };
  const date = (r: TableRow, key: string, field: string): string => {
    const { date: d, notes } = cellDate(r.cells.get(key), { sheet: r.sheet, row: r.index }, field);
    for (const n of notes) problems.push({ row: r.index + 1, sheet: r.sheet, cell: n.cell, level: n.severity, key: `importNotes.${n.key}`, params: n.params });
    return d;
  };
  const number = (r: TableRow, key: string, field: string): number | null => {
    const c = r.cells.get(key);
    if (!c) return null;
    if (c.value.kind === 'number') return c.value.number;
    const t = text(r, key).trim();
    if (t === '') return null;
    const n = Number(t.replace(',', '.'));
    if (!Number.isFinite(n)) {
      problems.push({ ...at(r, key), level: 'warning', key: 'importNotes.unreadable', params: { field, value: t } });
      return null;
    }
    return n;
  };
  /** A label back to its code; '' for an empty cell; `undefined` for a label no list knows (reported). */
  const code = (r: TableRow, key: string, lookup: keyof Lookups, field: string): string | undefined => {
    const t = text(r, key).trim();
    if (t === '') return '';
    const found = L[lookup].get(fold(t));
    if (found !== undefined) return found;
    problems.push({ ...at(r, key), level: 'warning', key: 'importNotes.unknownValue', params: { field, value: t } });
    return undefined;
  };
  const yes = (r: TableRow, key: string) => L.yes.get(fold(text(r, key))) === 'yes';
  /** A value no field could take, as the record's notes keep it: "Destinataires – Catégorie : Comité des fêtes". */
  const kept = (r: TableRow, key: string) => `${r.sheet} – ${r.headers.get(key) ?? key} : ${text(r, key).trim()}`;
  return { L, tables, problems, text, date, number, code, yes, at, kept };
}

/** The record a row of a table belongs to: its register (the table's, or its "Register" column) and its reference. */
function ownerOf(rd: Reader, r: TableRow, fixed?: RegisterKind): string {
  const kind = fixed ?? (rd.L.kind.get(fold(rd.text(r, 'col.register'))) as RegisterKind | undefined) ?? 'controller';
  return `${kind}\u0000${rd.text(r, 'ref').trim()}`;
}

function byOwner(rd: Reader, table: FlatTable, fixed?: RegisterKind): Map<string, TableRow[]> {
  const m = new Map<string, TableRow[]>();
  for (const r of rd.tables.get(table) ?? []) {
    const k = ownerOf(rd, r, fixed);
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  return m;
}

function retentionOf(rd: Reader, r: TableRow, extra: string[]): Retention {
  const base = emptyRetention();
  const unit = (key: string, fallback: Retention['unit']) => {
    const u = rd.code(r, key, 'unit', key);
    if (u === undefined) extra.push(rd.kept(r, key));
    return (u || fallback) as Retention['unit'];
  };
  const end = rd.code(r, 'end', 'end', 'end');
  if (end === undefined) extra.push(rd.kept(r, 'end'));
  return {
    duration: rd.number(r, 'duration', 'duration'),
    unit: unit('unit', base.unit),
    criterion: rd.text(r, 'criterion'),
    archive: {
      duration: rd.number(r, 'col.archiveDuration', 'archiveDuration'),
      unit: unit('col.archiveUnit', base.archive.unit),
      criterion: rd.text(r, 'col.archiveCriterion'),
      reason: rd.text(r, 'archiveReason'),
    },
    end: (end ?? '') as Retention['end'],
    note: rd.text(r, 'note'),
  };
}

/** What a record's table rows say, for either register. */
type Details = Readonly<{
  extra: string[];
  dataSubjects: Array<{ category: string; details: string }>;
  dataCategories: Array<{ category: string; description: string; retention: Retention }>;
  specialCategories: Array<{ category: ControllerDoc['specialCategories'][number]['category']; description: string; retention: Retention }>;
  securityMeasures: Array<{ type: string; details: string }>;
  transfers: ProposedTransfer[];
  toConvert: TransferToConvert[];
}>;

function details(rd: Reader, owner: string, g: Record<'categories' | 'subjects' | 'measures' | 'transfers', Map<string, TableRow[]>>, eea: (c: string) => boolean): Details {
  const extra: string[] = [];
  const keep = (v: string | undefined, r: TableRow, key: string): string | undefined => {
    if (v === undefined) extra.push(rd.kept(r, key));
    return v;
  };
  const d: Details = { extra, dataSubjects: [], dataCategories: [], specialCategories: [], securityMeasures: [], transfers: [], toConvert: [] };
  for (const r of g.subjects.get(owner) ?? []) {
    const category = keep(rd.code(r, 'category', 'dataSubjects', 'dataSubjects'), r, 'category');
    if (category) d.dataSubjects.push({ category, details: rd.text(r, 'details') });
  }
  for (const r of g.measures.get(owner) ?? []) {
    const type = keep(rd.code(r, 'type', 'securityMeasures', 'securityMeasures'), r, 'type');
    if (type) d.securityMeasures.push({ type, details: rd.text(r, 'details') });
  }
  for (const r of g.categories.get(owner) ?? []) {
    const special = rd.L.sensitive.get(fold(rd.text(r, 'col.kind'))) === 'sensitive';
    const category = keep(rd.code(r, 'category', special ? 'special' : 'dataCategories', special ? 'specialCategories' : 'dataCategories'), r, 'category');
    if (!category) continue;
    const row = { category, description: rd.text(r, 'description'), retention: retentionOf(rd, r, extra) };
    if (special) d.specialCategories.push(row as Details['specialCategories'][number]);
    else d.dataCategories.push(row);
  }
  for (const r of g.transfers.get(owner) ?? []) {
    const recipient = rd.text(r, 'col.importer').trim();
    const countryText = rd.text(r, 'country').trim();
    const country = rd.L.countries.get(fold(countryText)) ?? '';
    if (rd.yes(r, 'col.toConvert') || !country || !recipient) {
      const s = rd.text(r, 'col.ground').trim();
      d.toConvert.push({ recipient, country: countryText, safeguard: rd.L.safeguard.get(fold(s)) ?? s, document: rd.text(r, 'document'), reason: country && !eea(country) && !recipient ? 'recipient' : 'country' });
      continue;
    }
    const mechanism = rd.code(r, 'col.ground', 'mechanism', 'mechanism');
    const module = rd.code(r, 'col.module', 'module', 'module');
    if (mechanism === undefined) extra.push(rd.kept(r, 'col.ground'));
    const title = rd.text(r, 'col.transfer');
    d.transfers.push({
      // The transfer register's entry is told by what the row says of it: the same under several records is one entry.
      key: JSON.stringify([title, recipient, country, rd.text(r, 'col.ground'), rd.text(r, 'col.module'), rd.text(r, 'col.accessCountries')].map(fold)),
      recipient,
      country,
      mechanism: (mechanism ?? '') as Mechanism | '',
      document: rd.text(r, 'document'),
      title,
      module: module ? (Number(module) as 1 | 2 | 3 | 4) : null,
      accessCountries: rd
        .text(r, 'col.accessCountries')
        .split(/[,;\n]/)
        .map((x) => x.trim())
        .filter(Boolean)
        .map((x) => rd.L.countries.get(fold(x)) ?? '')
        .filter(Boolean),
    });
  }
  return d;
}

/** What a table said that no field could take, kept at the end of the record's notes. */
function withExtra(notes: string, extra: ReadonlyArray<string>): string {
  const kept = extra.map((x) => x.trim()).filter(Boolean);
  return kept.length ? [notes, ...kept].filter(Boolean).join('\n') : notes;
}

function purposesOf(rd: Reader, rows: ReadonlyArray<TableRow>, extra: string[]): Purpose[] {
  const byN = new Map<number, TableRow[]>();
  let last = 0;
  for (const r of rows) {
    const n = rd.number(r, 'col.order', 'order') ?? last + 1;
    last = n;
    const list = byN.get(n) ?? [];
    list.push(r);
    byN.set(n, list);
  }
  return [...byN.keys()]
    .sort((a, b) => a - b)
    .map((n) => {
      const rs = byN.get(n)!;
      const bases = rs.map((r) => {
        const basis = rd.code(r, 'legalBasis', 'legalBasis', 'legalBasis');
        if (basis === undefined) extra.push(rd.kept(r, 'legalBasis'));
        return { basis: (basis ?? '') as Purpose['bases'][number]['basis'], detail: rd.text(r, 'legalBasisDetail') };
      });
      const filled = bases.filter((b) => b.basis !== '' || b.detail !== '');
      // A purpose without a basis is written as one row with its basis empty; it comes back without one (as register-upgrade.ts keeps it).
      return { text: rd.text(rs[0]!, 'purposeText'), bases: filled, review: rs.some((r) => rd.yes(r, 'review')) };
    });
}

/** The organisation sheet (label–value rows), back into the profile; null when the workbook has none. */
function organisationOf(wb: Workbook): Organisation | null {
  const labels = new Map<string, string>();
  for (const l of LANGUAGES) {
    const t = (k: string) => translate(l, k);
    const simple: Array<[string, string]> = [
      ['legalName', 'sheet.org.legalName'],
      ['tradeName', 'sheet.org.tradeName'],
      ['address', 'fields.address'],
      ['postcode', 'sheet.org.postcode'],
      ['city', 'sheet.org.city'],
      ['country', 'sheet.org.country'],
      ['registrationNumber', 'sheet.org.registration'],
      ['phone', 'sheet.org.phone'],
      ['email', 'sheet.org.email'],
      ['isController', 'sheet.org.isController'],
      ['isProcessor', 'sheet.org.isProcessor'],
    ];
    for (const [k, key] of simple) labels.set(fold(t(key)), k);
    for (const who of ['representative', 'euRepresentative', 'dpo'] as const) {
      for (const f of ['name', 'role', 'company', 'address', 'email', 'phone'] as const) labels.set(fold(`${t(`sheet.org.${who}`)} – ${t(`sheet.org.${f}`).toLocaleLowerCase()}`), `${who}.${f}`);
    }
  }
  const fieldHead = LANGUAGES.map((l) => `${fold(translate(l, 'sheet.col.field'))}|${fold(translate(l, 'sheet.col.value'))}`);
  const sheet = wb.sheets.find((s) => fieldHead.includes((s.rows[0]?.cells ?? []).map((c) => fold(valueText(c.value))).join('|')));
  if (!sheet) return null;
  const org = emptyOrganisation() as Record<string, unknown>;
  const yes = LANGUAGES.map((l) => fold(translate(l, 'sheet.yes')));
  for (const r of sheet.rows.slice(1)) {
    const a = r.cells.find((c) => c.col === 0);
    const b = r.cells.find((c) => c.col === 1);
    const path = a ? labels.get(fold(valueText(a.value))) : undefined;
    if (!path) continue;
    const v = b ? valueText(b.value) : '';
    if (path === 'isController' || path === 'isProcessor') org[path] = yes.includes(fold(v));
    else if (path.includes('.')) {
      const [who, f] = path.split('.') as [string, string];
      (org[who] as Record<string, string>)[f] = v;
    } else org[path] = v;
  }
  // An organisation sheet with nothing filled proposes nothing (the profile is not replaced by an empty one).
  return JSON.stringify(org) === JSON.stringify(emptyOrganisation()) ? null : (org as Organisation);
}

/** The proposal of a flat workbook we wrote: its controller records, then its processor records. */
export function ownRegisterProposal(wb: Workbook, lists: ReferenceLists, ref: TransferReference): ImportProposal {
  const rd = readerOf(wb, lists, ref);
  const eea = (c: string) => isEea(ref, c);
  const g = { categories: byOwner(rd, 'categories'), subjects: byOwner(rd, 'subjects'), measures: byOwner(rd, 'measures'), transfers: byOwner(rd, 'transfers') };
  const purposes = byOwner(rd, 'purposes', 'controller');
  const recipients = byOwner(rd, 'recipients', 'controller');
  const joint = byOwner(rd, 'joint', 'controller');
  const processing = byOwner(rd, 'processing', 'processor');
  const subProcessors = byOwner(rd, 'subProcessors', 'processor');
  const records: ProposedRecord[] = [];
  const problemsOf = (r: TableRow) => {
    // The problems read so far belong to this record (its row and its tables' rows).
    const p = rd.problems.splice(0);
    return p.map((x) => ({ ...x, row: x.sheet === r.sheet ? x.row : r.index + 1 }));
  };
  for (const r of rd.tables.get('controller') ?? []) {
    const owner = ownerOf(rd, r, 'controller');
    const d = details(rd, owner, g, eea);
    const extra = d.extra;
    const code = (key: string, lookup: keyof Lookups) => {
      const v = rd.code(r, key, lookup, key);
      if (v === undefined) extra.push(rd.kept(r, key));
      return v ?? '';
    };
    const doc: ControllerDoc = {
      ...emptyControllerDoc(),
      ref: rd.text(r, 'ref').trim(),
      name: rd.text(r, 'name').trim(),
      status: (code('status', 'status') || 'draft') as ControllerDoc['status'],
      department: code('department', 'department'),
      software: rd.text(r, 'software'),
      jointControllers: (joint.get(owner) ?? []).map((j) => ({ name: rd.text(j, 'partyName'), address: rd.text(j, 'address'), email: rd.text(j, 'email'), phone: rd.text(j, 'phone'), details: rd.text(j, 'details') })),
      purposes: purposesOf(rd, purposes.get(owner) ?? [], extra),
      dataSubjects: d.dataSubjects,
      dataCategories: d.dataCategories,
      specialCategories: d.specialCategories,
      art9Condition: code('art9Condition', 'art9') as ControllerDoc['art9Condition'],
      art9Detail: rd.text(r, 'art9Detail'),
      art10Basis: rd.text(r, 'art10Basis'),
      sources: rd.text(r, 'sources'),
      recipients: (recipients.get(owner) ?? []).flatMap((x) => {
        const type = rd.code(x, 'type', 'recipientType', 'recipients');
        const category = rd.code(x, 'category', 'recipients', 'recipients');
        if (category === undefined) extra.push(rd.kept(x, 'category'));
        if (type === undefined) extra.push(rd.kept(x, 'type'));
        return [{ type: (type || 'INTERNAL') as ControllerDoc['recipients'][number]['type'], category: category ?? '', name: rd.text(x, 'partyName'), details: rd.text(x, 'details') }];
      }),
      transfersToConvert: d.toConvert,
      securityMeasures: d.securityMeasures,
      dpia: { needed: (code('dpiaNeeded', 'dpiaNeeded') || 'unknown') as ControllerDoc['dpia']['needed'], done: rd.yes(r, 'dpiaDone'), date: rd.date(r, 'dpiaDate', 'dpiaDate'), reason: rd.text(r, 'dpiaReason') },
      nextReview: rd.date(r, 'nextReview', 'nextReview'),
      notes: '',
    };
    const full = { ...doc, notes: withExtra(rd.text(r, 'notes'), extra) };
    records.push({ kind: 'controller', keepStatus: true, row: r.index + 1, sheet: r.sheet, doc: full, provided: Object.keys(full).filter((k) => k !== 'ref' && k !== 'status') as Array<keyof ControllerDoc>, transfers: d.transfers, problems: problemsOf(r) });
  }
  for (const r of rd.tables.get('processor') ?? []) {
    const owner = ownerOf(rd, r, 'processor');
    const d = details(rd, owner, g, eea);
    const extra = d.extra;
    const code = (key: string, lookup: keyof Lookups) => {
      const v = rd.code(r, key, lookup, key);
      if (v === undefined) extra.push(rd.kept(r, key));
      return v ?? '';
    };
    const hours = rd.number(r, 'breachNoticeHours', 'breachNoticeHours');
    const doc: ProcessorDoc = {
      ...emptyProcessorDoc(),
      ref: rd.text(r, 'ref').trim(),
      name: rd.text(r, 'name').trim(),
      status: (code('status', 'status') || 'draft') as ProcessorDoc['status'],
      clientScope: (code('clientScope', 'clientScope') || 'one') as ProcessorDoc['clientScope'],
      standardDpa: rd.text(r, 'standardDpa'),
      client: { name: rd.text(r, 'clientName'), address: rd.text(r, 'clientAddress'), contactName: rd.text(r, 'clientContact'), email: rd.text(r, 'clientEmail'), phone: rd.text(r, 'clientPhone'), dpo: rd.text(r, 'clientDpo') },
      representative: rd.text(r, 'representative'),
      processingCategories: (processing.get(owner) ?? []).map((x) => ({ text: rd.text(x, 'text') })),
      dataCategories: d.dataCategories.map(({ category, description }) => ({ category, description })),
      dataSubjects: d.dataSubjects,
      specialCategories: d.specialCategories.map(({ category, description }) => ({ category, description })),
      retention: rd.text(r, 'processorRetention'),
      endOfContract: code('endOfContract', 'endOfContract') as ProcessorDoc['endOfContract'],
      breachNoticeHours: hours,
      subProcessors: (subProcessors.get(owner) ?? []).map((x) => ({ name: rd.text(x, 'partyName'), service: rd.text(x, 'service'), country: rd.text(x, 'country') })),
      transfersToConvert: d.toConvert,
      securityMeasures: d.securityMeasures,
      nextReview: rd.date(r, 'nextReview', 'nextReview'),
      notes: '',
    };
    const full = { ...doc, notes: withExtra(rd.text(r, 'notes'), extra) };
    records.push({ kind: 'processor', keepStatus: true, row: r.index + 1, sheet: r.sheet, doc: full, provided: Object.keys(full).filter((k) => k !== 'ref' && k !== 'status') as Array<keyof ProcessorDoc>, transfers: d.transfers, problems: problemsOf(r) });
  }
  const organisation = organisationOf(wb);
  return { source: 'register', records, ...(organisation ? { organisation } : {}), fileProblems: rd.problems };
}
