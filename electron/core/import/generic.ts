import type { CodedField, ImportField, ImportMapping, ImportProblem } from '../../../shared/domain/import';
import { emptyControllerDoc, emptyRetention, type ControllerDoc, type Retention } from '../../../shared/domain/register';
import type { Mechanism } from '../../../shared/domain/transfer';
import type { ProposedRecord, ProposedTransfer } from './proposal';
import { cellAddress, valueText } from './read';
import { cellValue, meansNothing, parseDateText } from './cells';
import { fold, type ValueSuggester } from './suggest';
import type { Row } from './types';

/**
 * A generic register spreadsheet, one row per processing, read through the DPO's mapping into
 * proposed records (issue 13, section 2). Values of coded columns go through the value mapping
 * (or the suggestion when the mapping says nothing of a value); what maps to no code is kept as
 * text and reported, never dropped.
 */

export type TableColumn = Readonly<{ index: number; header: string }>;

/** The header row: the first non-empty row of the sheet. */
export function columnsOf(row: Row): TableColumn[] {
  return row.cells.map((c) => ({ index: c.col, header: valueText(c.value).trim() })).filter((c) => c.header !== '');
}

/** Fields whose cells may list several values. */
const MULTI: ReadonlySet<CodedField> = new Set(['legalBasis', 'dataSubjects', 'dataCategories', 'specialCategories', 'recipients', 'securityMeasures', 'transferCountry']);
/** Lists split on line breaks, semicolons, bars and bullets; commas too where no label of the app has one. */
export function splitValues(field: CodedField, text: string): string[] {
  const sep = field === 'legalBasis' || field === 'transferCountry' ? /\r?\n|[;|•,]/ : /\r?\n|[;|•]/;
  const parts = MULTI.has(field) ? text.split(sep) : [text];
  return parts.map((p) => p.replace(/^[\s\-–*]+/, '').trim()).filter((p) => !meansNothing(p));
}

export type GenericContext = Readonly<{
  suggest: ValueSuggester;
  /** The EEA and its territories: a "transfer" there is none. */
  isEea: (code: string) => boolean;
}>;

type Read = Readonly<{ text: string; column: string; cell: string }>;

const RECIPIENT_TYPE: Readonly<Record<string, 'INTERNAL' | 'EXTERNAL_BODY' | 'PROCESSOR'>> = {
  INTERNAL_DEPT: 'INTERNAL',
  IT_DEPT: 'INTERNAL',
  MANAGEMENT: 'INTERNAL',
  HOSTING: 'PROCESSOR',
  IT_PROVIDERS: 'PROCESSOR',
  PAYMENT: 'PROCESSOR',
  TELECOM_OPERATORS: 'PROCESSOR',
};

const UNIT: ReadonlyArray<readonly [RegExp, Retention['unit']]> = [
  [/^(jours?|j|days?|d)$/, 'days'],
  [/^(mois|months?|m)$/, 'months'],
  [/^(ans?|annees?|years?|y|a)$/, 'years'],
];

/** "5 ans à compter de la fin du contrat" → 5 years from the end of the contract; anything else is kept as the retention's note. */
export function readRetention(text: string): { retention: Retention; asText: boolean } {
  const base = emptyRetention();
  const plain = text.normalize('NFD').replace(/\p{M}+/gu, '').trim();
  const m = /^(\d{1,4})\s*([a-zA-Z]+)\.?\s*(.*)$/s.exec(plain);
  const unit = m ? UNIT.find(([re]) => re.test(m[2]!.toLowerCase()))?.[1] : undefined;
  const n = m ? Number(m[1]) : NaN;
  if (m && unit && n >= 1 && n <= 1000) {
    // The criterion keeps the file's own words (accents included): the text after the duration.
    const rest = text.trim().replace(/^\d{1,4}\s*\S+\s*/, '');
    return { retention: { ...base, duration: n, unit, criterion: rest }, asText: false };
  }
  return { retention: { ...base, note: text.trim() }, asText: true };
}

/**
 * Reads one data row into a proposed record. `columns` are the header row's; `mapping.columns`
 * names, for each field, the header of the column that fills it.
 */
export function readGenericRow(row: Row, columns: ReadonlyArray<TableColumn>, mapping: ImportMapping, ctx: GenericContext, sheet: string): ProposedRecord {
  const problems: ImportProblem[] = [];
  const rowNo = row.index + 1;
  const byCol = new Map(row.cells.map((c) => [c.col, c]));
  const colOf = new Map<ImportField, TableColumn>();
  for (const [field, header] of Object.entries(mapping.columns) as Array<[ImportField, string]>) {
    const col = columns.find((c) => c.header === header);
    if (col) colOf.set(field, col);
  }
  const problem = (level: ImportProblem['level'], key: string, at: Read | undefined, params?: Record<string, string | number>) =>
    problems.push({ row: rowNo, ...(sheet ? { sheet } : {}), level, key, ...(at ? { column: at.column, cell: at.cell } : {}), ...(params ? { params } : {}) });

  const read = (field: ImportField): Read | undefined => {
    const col = colOf.get(field);
    if (!col) return undefined;
    const cell = byCol.get(col.index);
    if (!cell) return undefined;
    const at = { text: '', column: col.header, cell: cellAddress(row.index, col.index) };
    // One reading of a cell for every import (cells.ts): errors and formulas without a value reported, "N/A"… nothing.
    const { text, notes } = cellValue(cell, { sheet, row: row.index });
    for (const n of notes) problem(n.severity, `importNotes.${n.key}`, at, n.key === 'formulaCached' ? { value: String(n.params.value).slice(0, 80) } : Object.keys(n.params).length ? n.params : undefined);
    if (text === null) return undefined;
    return { ...at, text };
  };
  const textOf = (field: ImportField) => read(field)?.text ?? '';
  const extraNotes: string[] = [];
  const keepAsText = (field: CodedField, at: Read, value: string) => {
    problem('warning', 'importNotes.unknownValue', at, { field, value: value.slice(0, 200) });
  };
  const codes = (field: CodedField): Array<{ code: string; value: string; at: Read }> => {
    const at = read(field);
    if (!at) return [];
    const values = mapping.values[field] ?? {};
    return splitValues(field, at.text).map((value) => {
      const mapped = values[fold(value)];
      return { code: mapped !== undefined ? mapped : ctx.suggest(field, value), value, at };
    });
  };

  const doc: ControllerDoc = { ...emptyControllerDoc(), ref: textOf('ref'), name: textOf('name') };
  const provided = new Set<keyof ControllerDoc>();
  for (const field of colOf.keys()) provided.add(FIELD_KEY[field] as keyof ControllerDoc);

  const dept = codes('department')[0];
  if (dept?.code) doc.department = dept.code;
  else if (dept) {
    keepAsText('department', dept.at, dept.value);
    extraNotes.push(`${dept.at.column} — ${dept.value}`);
  }
  doc.software = textOf('software');

  // Purposes: the main one with the bases, then the sub-purposes (one per line).
  const bases = codes('legalBasis');
  const basisDetail = textOf('legalBasisDetail');
  const unknownBases = bases.filter((b) => !b.code);
  for (const b of unknownBases) keepAsText('legalBasis', b.at, b.value);
  const detail = [basisDetail, ...unknownBases.map((b) => b.value)].filter(Boolean).join('\n');
  const known = [...new Set(bases.filter((b) => b.code).map((b) => b.code))] as Array<ControllerDoc['purposes'][number]['bases'][number]['basis']>;
  const mainBases = known.length ? known.map((basis) => ({ basis, detail })) : [{ basis: '' as const, detail }];
  const subs = textOf('subPurposes').split(/\r?\n|;/).map((s) => s.replace(/^[\s\-–*•]+/, '').trim()).filter((s) => !meansNothing(s));
  const purpose = textOf('purpose');
  if (purpose || known.length || detail || subs.length) {
    doc.purposes = [{ text: purpose, bases: mainBases, review: false }, ...subs.map((text) => ({ text, bases: [{ basis: '' as const, detail: '' }], review: false }))];
  }

  const subjects = new Map<string, string[]>();
  for (const s of codes('dataSubjects')) {
    if (!s.code) keepAsText('dataSubjects', s.at, s.value);
    const code = s.code || 'OTHER';
    subjects.set(code, [...(subjects.get(code) ?? []), ...(s.code ? [] : [s.value])]);
  }
  doc.dataSubjects = [...subjects].map(([category, details]) => ({ category, details: details.join('; ') }));

  const retentionAt = read('retention');
  const retention = retentionAt ? readRetention(retentionAt.text) : { retention: emptyRetention(), asText: false };
  if (retentionAt && retention.asText) problem('info', 'importNotes.retentionAsText', retentionAt, { value: retentionAt.text.slice(0, 200) });
  const categories = new Map<string, string[]>();
  for (const c of codes('dataCategories')) {
    if (!c.code) keepAsText('dataCategories', c.at, c.value);
    const code = c.code || 'OTHER';
    categories.set(code, [...(categories.get(code) ?? []), ...(c.code ? [] : [c.value])]);
  }
  doc.dataCategories = [...categories].map(([category, texts]) => ({ category, description: texts.join('; '), retention: retention.retention }));
  const special = new Map<string, string>();
  for (const c of codes('specialCategories')) {
    if (c.code) special.set(c.code, '');
    else {
      keepAsText('specialCategories', c.at, c.value);
      extraNotes.push(`${c.at.column} — ${c.value}`);
    }
  }
  doc.specialCategories = [...special.keys()].map((category) => ({ category: category as ControllerDoc['specialCategories'][number]['category'], description: '', retention: retention.retention }));
  if (retentionAt && doc.dataCategories.length === 0 && doc.specialCategories.length === 0) extraNotes.push(`${retentionAt.column} — ${retentionAt.text}`);
  if (retentionAt) provided.add('dataCategories');

  const recipients: ControllerDoc['recipients'] = [];
  for (const r of codes('recipients')) {
    if (r.code) {
      if (!recipients.some((x) => x.category === r.code)) recipients.push({ type: RECIPIENT_TYPE[r.code] ?? 'EXTERNAL_BODY', category: r.code, name: '', details: '' });
    } else {
      keepAsText('recipients', r.at, r.value);
      recipients.push({ type: 'EXTERNAL_BODY', category: '', name: r.value.slice(0, 200), details: r.value.length > 200 ? r.value : '' });
    }
  }
  doc.recipients = recipients;
  doc.sources = textOf('sources');

  const measures = new Map<string, string[]>();
  for (const m of codes('securityMeasures')) {
    if (!m.code) keepAsText('securityMeasures', m.at, m.value);
    const code = m.code || 'OTHER';
    measures.set(code, [...(measures.get(code) ?? []), ...(m.code ? [] : [m.value])]);
  }
  doc.securityMeasures = [...measures].map(([type, details]) => ({ type, details: details.join('\n') }));

  const dpia = codes('dpiaNeeded')[0];
  if (dpia?.code === 'yes' || dpia?.code === 'no') doc.dpia = { ...doc.dpia, needed: dpia.code };
  else if (dpia) keepAsText('dpiaNeeded', dpia.at, dpia.value);

  const review = read('nextReview');
  if (review) {
    const date = parseDateText(review.text);
    if (date) doc.nextReview = date;
    else problem('warning', 'importNotes.unreadable', review, { field: 'nextReview', value: review.text.slice(0, 80) });
  }

  // Transfers: one per country outside the EEA, with the row's recipient, safeguard and document.
  const transfers: ProposedTransfer[] = [];
  const recipient = textOf('transferRecipient');
  const safeguardAt = codes('transferSafeguard')[0];
  const mechanism = (safeguardAt?.code ?? '') as Mechanism | '';
  if (safeguardAt && !safeguardAt.code) keepAsText('transferSafeguard', safeguardAt.at, safeguardAt.value);
  if (mechanism.startsWith('LEGACY_') && safeguardAt) problem('warning', 'importNotes.invalidatedGround', safeguardAt.at, { ground: safeguardAt.value });
  const document = textOf('transferDocument');
  for (const c of codes('transferCountry')) {
    if (c.code && ctx.isEea(c.code)) {
      problem('info', 'importReport.notATransfer', c.at, { value: c.value });
      continue;
    }
    if (!c.code || !recipient) {
      if (!c.code) problem('warning', 'importNotes.unknownCountry', c.at, { value: c.value });
      doc.transfersToConvert.push({ recipient: recipient.slice(0, 200), country: c.value.slice(0, 100), safeguard: (safeguardAt?.value ?? '').slice(0, 100), document: document.slice(0, 500), reason: c.code ? 'recipient' : 'country' });
      continue;
    }
    transfers.push({ recipient, country: c.code, mechanism, document });
  }
  if (doc.transfersToConvert.length) provided.add('transfersToConvert');

  const notes = textOf('notes');
  doc.notes = [notes, ...extraNotes].filter(Boolean).join('\n');
  if (extraNotes.length) provided.add('notes');
  provided.delete('ref');

  return { row: rowNo, ...(sheet ? { sheet } : {}), doc, provided: [...provided], transfers, problems, columnOf: (path) => columnForPath(path, colOf) };
}

/** The document's top-level field each import field fills. */
const FIELD_KEY: Readonly<Record<ImportField, string>> = {
  ref: 'ref',
  name: 'name',
  department: 'department',
  software: 'software',
  purpose: 'purposes',
  subPurposes: 'purposes',
  legalBasis: 'purposes',
  legalBasisDetail: 'purposes',
  dataSubjects: 'dataSubjects',
  dataCategories: 'dataCategories',
  specialCategories: 'specialCategories',
  retention: 'dataCategories',
  recipients: 'recipients',
  sources: 'sources',
  securityMeasures: 'securityMeasures',
  transferRecipient: 'transfersToConvert',
  transferCountry: 'transfersToConvert',
  transferSafeguard: 'transfersToConvert',
  transferDocument: 'transfersToConvert',
  dpiaNeeded: 'dpia',
  nextReview: 'nextReview',
  notes: 'notes',
};

function columnForPath(path: string, colOf: ReadonlyMap<ImportField, TableColumn>): string | undefined {
  const p = path.split('.');
  const field: ImportField | undefined =
    p[0] === 'purposes'
      ? p[2] === 'bases'
        ? p[4] === 'detail'
          ? 'legalBasisDetail'
          : 'legalBasis'
        : p[1] === '0'
          ? 'purpose'
          : 'subPurposes'
      : (p[0] === 'dataCategories' || p[0] === 'specialCategories') && p[2] === 'retention'
        ? 'retention'
        : p[0] === 'dpia'
          ? 'dpiaNeeded'
          : p[0] === 'transfersToConvert'
            ? 'transferCountry'
            : (IMPORT_FIELD_OF_KEY[p[0] ?? ''] as ImportField | undefined);
  return field ? colOf.get(field)?.header : undefined;
}

const IMPORT_FIELD_OF_KEY: Readonly<Record<string, string>> = Object.fromEntries(
  (['ref', 'name', 'department', 'software', 'dataSubjects', 'dataCategories', 'specialCategories', 'recipients', 'sources', 'securityMeasures', 'nextReview', 'notes'] as const).map((f) => [f, f]),
);
