import { fileSlug } from '../../../shared/domain/text';
import { createHash, randomUUID } from 'node:crypto';
import { zipSync } from 'fflate';
import type { Language } from '../../../shared/domain/enums';
import { ControllerDocSchema, type ControllerDoc } from '../../../shared/domain/register';
import { normaliseSheetText, SHEET_STRUCTURE, type AwaitingSheet, type SheetChange, type SheetField, type SheetReview, type SheetSummary } from '../../../shared/domain/record-sheet';
import { msg, todayIso } from '../../../shared/domain/validation';
import { AppError, type ValidationIssue } from '../../../shared/errors';
import { translate } from '../../../shared/i18n';
import * as registerRepo from '../db/repos/register.repo';
import * as repo from '../db/repos/record-sheet.repo';
import { tx, type Core } from '../core';
import { audit, withAuditDetail } from './audit';
import { getLists } from './lists.service';
import { getOrganisation } from './organisation.service';
import { getEntry, listSummaries, updateEntry } from './register.service';
import { recordTransfers } from './record-transfers';
import { docDate } from '../export/docx/dates';
import { parseAnswer, sheetFields, shownValue } from '../export/record-sheet/fields';
import { buildRecordSheetXlsx, expectedHeaders, FIRST_ROW, readRecordSheetXlsx } from '../export/record-sheet/xlsx';
import { buildRecordSheetDocx } from '../export/record-sheet/docx';
import { importFileAppError, openWorkbook } from '../import/read';
import { MAX_UNCOMPRESSED } from '../export/zip-guard';
import type { PreparedDocument } from '../export/breach-export.service';

/**
 * Record sheets for business owners (issue 16): export (one sheet per record, .xlsx to be read
 * back or .docx to read), review of a returned .xlsx (what it changes, field by field, against
 * the record as it is now), and applying the changes the DPO accepted through the ordinary
 * record update (same validation, one transaction, the audit log naming the file and its SHA-256).
 */

export const SHEET_ENTITY = 'record_sheet';
/** A returned sheet is a few hundred KB; the questionnaire's limits (25 MB, 50 MB expanded) apply. */
const MAX_SHEET_BYTES = 25 * 1024 * 1024;

const fileError = (key: string, params?: Record<string, string | number>) => AppError.validation([{ path: 'file', message: msg(key, params) }]);


export type SheetExportOptions = Readonly<{ ids?: ReadonlyArray<string>; department?: string; language: Language; format: 'xlsx' | 'docx'; sentToName: string; sentToEmail: string }>;
export type PreparedSheets = PreparedDocument & Readonly<{ rows: ReadonlyArray<repo.RecordSheetRow> }>;

/** The records a sheet export covers: those chosen, or a department's controller records (drafts and active ones; archived processing is no longer run). */
function recordsFor(core: Core, o: SheetExportOptions): string[] {
  const ids = o.department !== undefined ? listSummaries(core, 'controller', 'live').filter((s) => s.department === o.department && s.status !== 'archived').map((s) => s.id) : [...(o.ids ?? [])];
  if (ids.length === 0) throw AppError.validation([{ path: 'ids', message: msg('sheetNoRecords') }]);
  return [...new Set(ids)];
}

/** Builds the sheets (one file, or a .zip of one file per record); nothing is recorded until `recordSent`. */
export async function prepareRecordSheets(core: Core, o: SheetExportOptions): Promise<PreparedSheets> {
  const ids = recordsFor(core, o);
  const lists = getLists(core);
  const organisation = getOrganisation(core).legalName;
  const now = core.now();
  const sentOn = docDate(o.language, todayIso(now));
  const sentTo = [o.sentToName.trim(), o.sentToEmail.trim()].filter(Boolean).join(' – ');
  const files: Array<{ name: string; buffer: Buffer }> = [];
  const rows: repo.RecordSheetRow[] = [];
  for (const recordId of ids) {
    const e = getEntry(core, recordId);
    if (e.deletedAt) throw AppError.notFound(`No register record ${recordId}`);
    if (e.kind !== 'controller') throw AppError.validation([{ path: 'ids', message: msg('sheetControllerOnly') }]);
    const doc = e.doc as ControllerDoc;
    const fields = sheetFields(doc, lists, recordTransfers(core, recordId));
    const sheetId = randomUUID();
    const id = { sheetId, recordId, ref: doc.ref, name: doc.name, recordVersion: e.version, sentOn, sentTo };
    const buffer = o.format === 'xlsx' ? await buildRecordSheetXlsx(o.language, id, fields) : await buildRecordSheetDocx(o.language, organisation, id, fields);
    files.push({ name: `${translate(o.language, 'recordSheet.file')}-${fileSlug(doc.ref)}-${fileSlug(doc.name)}-${todayIso(now)}.${o.format}`, buffer });
    rows.push({
      id: sheetId,
      record_id: recordId,
      sent_at: now.toISOString(),
      actor: core.actor,
      sent_to_name: o.sentToName.trim(),
      sent_to_email: o.sentToEmail.trim(),
      language: o.language,
      format: o.format,
      record_version: e.version,
      structure: SHEET_STRUCTURE,
      fields: JSON.stringify(fields),
      status: 'sent',
      returned_at: null,
      returned_file: null,
      returned_sha256: null,
    });
  }
  if (files.length === 1) return { buffer: files[0]!.buffer, fileName: files[0]!.name, rows };
  const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, new Uint8Array(f.buffer)])), { level: 6 });
  return { buffer: Buffer.from(zip), fileName: `${translate(o.language, 'recordSheet.filesZip')}-${todayIso(now)}.zip`, rows };
}

/** The sheets went out (saved or downloaded): each record keeps the day its sheet was sent, and to whom. */
export function recordSent(core: Core, rows: ReadonlyArray<repo.RecordSheetRow>): void {
  tx(core, () => {
    for (const row of rows) {
      repo.insertSheet(core.db, row);
      audit(core, SHEET_ENTITY, row.id, 'send', null, { record: row.record_id, version: row.record_version, format: row.format, language: row.language, sentTo: [row.sent_to_name, row.sent_to_email].filter(Boolean).join(' – ') });
    }
  });
}

const summary = (r: Omit<repo.RecordSheetRow, 'fields'>): SheetSummary => ({
  id: r.id,
  recordId: r.record_id,
  sentAt: r.sent_at,
  sentToName: r.sent_to_name,
  sentToEmail: r.sent_to_email,
  language: r.language,
  format: r.format,
  recordVersion: r.record_version,
  status: r.status,
  returnedAt: r.returned_at,
  returnedFile: r.returned_file,
});

export function sheetsOfRecord(core: Core, recordId: string): SheetSummary[] {
  getEntry(core, recordId);
  return repo.sheetsOf(core.db, recordId).map(summary);
}

/** Spreadsheets sent to business owners and not yet returned (the dashboard's list), the oldest first. */
export function awaitingSheets(core: Core): AwaitingSheet[] {
  return repo.awaitingSheets(core.db).map((r) => ({ ...summary(r), ref: r.ref, name: r.name ?? '' }));
}

// Reading a returned sheet ---------------------------------------------------------------------------

type Path = ReadonlyArray<string | number>;

function valueAt(doc: unknown, path: Path): unknown {
  let node: unknown = doc;
  for (const p of path) node = node === null || node === undefined ? undefined : (node as Record<string | number, unknown>)[p];
  return node;
}

function setAt(doc: unknown, path: Path, value: unknown): void {
  let node = doc as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

const asText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/**
 * Where a field is in the record now: its path at export when the record did not change, or when
 * the row at that place still has the code it had (a data category, a measure…); otherwise the
 * row with that code (the n-th one, for a category on several rows); null when it is gone.
 */
function resolvePath(doc: ControllerDoc, f: SheetField, unchanged: boolean): Path | null {
  if (f.path.length === 0) return null;
  if (unchanged || !f.anchor) return valueAt(doc, f.path.slice(0, f.anchor ? 2 : f.path.length - 1)) === undefined ? null : f.path;
  const listPath = f.anchor.list.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const list = valueAt(doc, listPath) as ReadonlyArray<Record<string, unknown>> | undefined;
  if (!list) return null;
  const codeOf = (item: Record<string, unknown>) => (f.anchor!.list === 'recipients' ? `${item['type']}/${item['category']}` : String(item['category'] ?? item['type'] ?? item['basis'] ?? ''));
  const at = list[f.anchor.index];
  if (at && codeOf(at) === f.anchor.code) return f.path;
  const index = list.findIndex((item) => codeOf(item) === f.anchor!.code);
  if (index < 0) return null;
  const depth = listPath.length;
  return [...f.path.slice(0, depth), index, ...f.path.slice(depth + 1)];
}

type Proposed = SheetChange & Readonly<{ path: Path | null; raw: string; sectionLabel: string }>;
/** `proposed` carries only the errors of each value alone (the review adds the record schema's, all changes taken). */
type Analysis = Readonly<{ review: SheetReview; proposed: ReadonlyArray<Proposed>; row: repo.RecordSheetRow; doc: ControllerDoc; sha256: string }>;

async function analyse(core: Core, recordId: string | undefined, fileName: string, bytes: Buffer, language: Language): Promise<Analysis> {
  const base = fileName.replace(/^.*[\\/]/, '');
  // The register import's checks on the bytes: not a workbook, another type, encrypted, a zip bomb.
  const opened = await openWorkbook(bytes, /\.xlsx$/i.test(base) ? base : `${base}.xlsx`, { maxBytes: MAX_SHEET_BYTES, maxUncompressed: MAX_UNCOMPRESSED });
  if (!opened.ok) throw importFileAppError(opened.error);
  const read = await readRecordSheetXlsx(bytes);
  if (read === 'unreadable') throw fileError('importUnreadable');
  if (read === null) throw fileError('sheetNotOurFile');
  const row = repo.getSheet(core.db, read.sheetId);
  if (!row || row.record_id !== read.recordId) throw fileError('sheetUnknown');
  const record = registerRepo.getEntry(core.db, row.record_id);
  if (recordId !== undefined && recordId !== row.record_id) throw fileError('sheetOtherRecord', { ref: record?.ref ?? row.record_id });
  if (!record || record.deleted_at) throw fileError('sheetRecordGone');
  if (record.kind !== 'controller') throw fileError('sheetControllerOnly');

  // The structure: the rows, keys, sections and labels as sent, in the sheet's language.
  const fields = JSON.parse(row.fields) as SheetField[];
  const lang = row.language;
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const headers = expectedHeaders(lang);
  if (read.structure !== row.structure || read.headers.some((h, i) => i > 0 && norm(h) !== norm(headers[i]!))) throw fileError('sheetLayoutChanged', { row: FIRST_ROW - 1 });
  for (let i = 0; i < Math.max(fields.length, read.rows.length); i++) {
    const f = fields[i];
    const r = read.rows[i];
    const ok = f && r && r.row === FIRST_ROW + i && r.key === f.key && norm(r.label) === norm(f.label[lang]) && norm(r.section) === norm(translate(lang, `recordSheet.section.${f.section}`));
    if (!ok) throw fileError('sheetLayoutChanged', { row: r?.row ?? FIRST_ROW + i });
  }

  const doc = JSON.parse(record.doc) as ControllerDoc;
  const unchangedRecord = record.version === row.record_version;
  const proposed: Proposed[] = [];
  let unchanged = 0;
  fields.forEach((f, i) => {
    if (f.type === 'readonly') return;
    const cell = read.rows[i]!;
    const label = f.label[language];
    const sectionLabel = translate(language, `recordSheet.section.${f.section}`);
    if (f.type === 'remark') {
      const text = normaliseSheetText(cell.answer);
      if (text === '') unchanged++;
      else proposed.push({ key: f.key, section: f.section, label, type: f.type, old: '', new: text, changedSince: false, path: null, raw: text, sectionLabel });
      return;
    }
    if (cell.answerNote) {
      proposed.push({ key: f.key, section: f.section, label, type: f.type, old: shownValue(f.type, f.value, language), new: '', changedSince: false, error: msg('invalid'), path: null, raw: '', sectionLabel });
      return;
    }
    const answer = parseAnswer(f.type, cell.answer);
    const sent = f.type === 'text' ? normaliseSheetText(f.value) : f.value;
    if (answer.value === sent && !('error' in answer)) {
      unchanged++;
      return;
    }
    const path = resolvePath(doc, f, unchangedRecord);
    const current = path ? asText(valueAt(doc, path)) : '';
    const changedSince = !path || (f.type === 'text' ? normaliseSheetText(current) : current) !== sent;
    if (path && !('error' in answer) && answer.value === (f.type === 'text' ? normaliseSheetText(current) : current)) {
      unchanged++;
      return;
    }
    const shown = (v: string) => shownValue(f.type, v, language);
    proposed.push({
      key: f.key,
      section: f.section,
      label,
      type: f.type,
      old: shown(current),
      new: 'error' in answer ? answer.value : shown(answer.value),
      changedSince,
      ...('error' in answer ? { error: msg(answer.error) } : !path ? { error: msg('sheetRowGone') } : {}),
      path,
      raw: answer.value,
      sectionLabel,
    });
  });

  // Every proposed change at once, through the record's own schema: what would be refused is said beside its field now.
  const errors = validate(withChanges(doc, proposed.filter((p) => !p.error), row, language), proposed);
  const withErrors = proposed.map((p) => (p.error || !errors.has(p.key) ? p : { ...p, error: errors.get(p.key)! }));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    row,
    doc,
    sha256,
    proposed,
    review: {
      sheetId: row.id,
      recordId: row.record_id,
      ref: record.ref,
      name: doc.name,
      fileName: base,
      sha256,
      sentAt: row.sent_at,
      sentToName: [row.sent_to_name, row.sent_to_email].filter(Boolean).join(' – '),
      exportedVersion: row.record_version,
      currentVersion: record.version,
      recordChanged: !unchangedRecord,
      alreadyReturned: row.returned_at,
      changes: withErrors.map(({ path: _p, raw: _r, sectionLabel: _s, ...c }) => c),
      unchanged,
    },
  };
}

/** The record with the given changes: values set in place, remarks added to the notes. */
function withChanges(doc: ControllerDoc, changes: ReadonlyArray<Proposed>, row: repo.RecordSheetRow, language: Language): ControllerDoc {
  const next = structuredClone(doc) as ControllerDoc;
  for (const c of changes) {
    if (c.type === 'remark' || !c.path) continue;
    setAt(next, c.path, c.type === 'number' ? (c.raw === '' ? null : Number(c.raw)) : c.raw);
  }
  const remarks = changes
    .filter((c) => c.type === 'remark')
    .map((c) => translate(language, 'recordSheet.remarkInNotes', { date: docDate(language, row.sent_at.slice(0, 10)), section: c.sectionLabel, text: c.raw }));
  if (remarks.length) next.notes = [next.notes.trim(), ...remarks].filter(Boolean).join('\n\n');
  return next;
}

/** The record schema's refusals of a changed record, by the sheet row they concern. */
function validate(doc: ControllerDoc, changes: ReadonlyArray<Proposed>): Map<string, string> {
  const out = new Map<string, string>();
  const result = ControllerDocSchema.safeParse(doc);
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const at = issue.path.join('.');
    const c = changes.find((p) => (p.path && (at === p.path.join('.') || at.startsWith(`${p.path.join('.')}.`) || p.path.join('.').startsWith(`${at}.`))) || (p.type === 'remark' && at === 'notes'));
    if (c && !out.has(c.key)) out.set(c.key, issue.message);
  }
  return out;
}

/** What a returned sheet changes, field by field; nothing is written. */
export async function reviewReturnedSheet(core: Core, recordId: string | undefined, fileName: string, bytes: Buffer, language: Language): Promise<SheetReview> {
  return (await analyse(core, recordId, fileName, bytes, language)).review;
}

/**
 * Writes the changes the DPO accepted (keys), in one transaction, through the ordinary record
 * update (its validation, its version check, its audit entry, here naming the sheet's file and
 * SHA-256); the sheet is then "returned". A refused value is reported beside its row's key.
 */
export async function applyReturnedSheet(
  core: Core,
  a: Readonly<{ recordId: string; fileName: string; bytes: Buffer; sha256: string; version: number; accept: ReadonlyArray<string>; language: Language }>,
): Promise<Readonly<{ applied: number; rejected: number; version: number }>> {
  const { review, proposed, row, doc, sha256 } = await analyse(core, a.recordId, a.fileName, a.bytes, a.language);
  if (sha256 !== a.sha256) throw fileError('sheetFileChanged');
  if (review.currentVersion !== a.version) throw AppError.conflict('The record was changed since it was read.');
  const accepted = proposed.filter((p) => a.accept.includes(p.key));
  // A value that cannot be read (a word not in the list, not a number) or whose row is gone is refused as it is.
  const refused: ValidationIssue[] = accepted.filter((p) => p.error).map((p) => ({ path: p.key, message: p.error! }));
  if (refused.length) throw AppError.validation(refused);
  const next = withChanges(doc, accepted, row, a.language);
  const errors = validate(next, accepted);
  if (errors.size) throw AppError.validation([...errors].map(([path, message]) => ({ path, message })));
  const parsed = ControllerDocSchema.safeParse(next);
  if (!parsed.success) throw AppError.validation(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return tx(core, () =>
    withAuditDetail(core, { file: review.fileName, sha256, sheet: row.id }, () => {
      const entry = accepted.length ? updateEntry(core, a.recordId, 'controller', a.version, parsed.data, 'sheetReturn') : getEntry(core, a.recordId);
      repo.markReturned(core.db, row.id, core.now().toISOString(), review.fileName, sha256);
      audit(core, SHEET_ENTITY, row.id, 'return', null, { record: a.recordId, accepted: accepted.map((p) => p.key), rejected: proposed.filter((p) => !a.accept.includes(p.key)).map((p) => p.key) });
      return { applied: accepted.length, rejected: proposed.length - accepted.length, version: entry.version };
    }),
  );
}
