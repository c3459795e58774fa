import { randomUUID } from 'node:crypto';
import {
  CODED_FIELDS,
  ImportMappingSchema,
  type CodedField,
  type ImportBatch,
  type ImportColumn,
  type ImportField,
  type ImportMapping,
  type ImportOpened,
  type ImportOptions,
  type ImportPlan,
  type ImportPreview,
  type ImportProblem,
  type ImportUndo,
  type ImportValue,
  type SavedMapping,
} from '../../../shared/domain/import';
import type { Language } from '../../../shared/domain/enums';
import { isEea } from '../../../shared/domain/transfer';
import { msg } from '../../../shared/domain/validation';
import { AppError } from '../../../shared/errors';
import * as repo from '../db/repos/import.repo';
import { tx, type Core } from '../core';
import { cancelledError, holdConnection, startJob, takeJobResult, waitJob } from '../jobs';
import { audit } from '../services/audit';
import { getLists } from '../services/lists.service';
import { transferReference } from '../services/transfer-reference';
import { applyImportInSteps, dryRun, dryRunInSteps, listBatches, organisationExists, undoImport, type ApplyResult } from './apply';
import { cnilProposal } from './from-cnil';
import { columnsOf, readGenericRow, splitValues, type TableColumn } from './generic';
import { previewFields } from './preview';
import type { ImportFileInfo, ImportProposal, ProposedRecord } from './proposal';
import { detectCnil, interpretCnil } from './cnil';
import { isOwnRegister, ownRegisterProposal } from './own-register';
import { importFileAppError, openWorkbook, readWorkbook } from './read';
import { choicesFor, fold, suggestColumns, valueSuggester } from './suggest';
import type { Row, Workbook, WorkbookSource } from './types';

/**
 * The import as the wizard and the CLI use it: a file is opened once (read, checked, its kind
 * found: the CNIL model or a table with one row per processing) and kept in memory under a
 * token while the DPO maps its columns, looks at the dry run and confirms; its rows are read
 * again from the bytes at each step (streamed: memory stays bounded by the bytes and one row).
 */

type Opened = Readonly<{
  info: ImportFileInfo;
  bytes: Uint8Array;
  source: WorkbookSource;
  table?: Readonly<{ sheet: string; headerIndex: number; columns: ReadonlyArray<TableColumn> }>;
  cnil?: Workbook;
  /** A flat workbook we exported, read back field for field (own-register.ts). */
  own?: Workbook;
  /** The last proposal read from the file, with the options it was read with: the apply after a dry run does not read the file again. */
  last?: { key: string; proposal: ImportProposal };
}>;

/** The files opened per core: the last few only (a wizard holds one at a time). */
const opened = new WeakMap<Core, Map<string, Opened>>();
const KEEP = 3;

function session(core: Core, token: string): Opened {
  const o = opened.get(core)?.get(token);
  if (!o) throw AppError.validation([{ path: 'file', message: msg('importExpired') }]);
  return o;
}

const PREVIEW_SCAN = 80;

/** Reads the file and keeps it under a token; refuses a file that cannot be read, with the reason. */
export async function openImport(core: Core, fileName: string, bytes: Uint8Array): Promise<ImportOpened> {
  const result = await openWorkbook(bytes, fileName);
  if (!result.ok) throw importFileAppError(result.error);
  const source = result.value;
  const info: ImportFileInfo = { fileName: source.fileName || fileName, sha256: source.sha256, format: source.format };
  const token = randomUUID();
  const fileProblems: ImportProblem[] = [];
  let entry: Opened;
  let out: ImportOpened;
  // The CNIL model is told by the labels of its sheets: the first rows of each are enough to know.
  const head: Workbook = { format: source.format, fileName, sha256: source.sha256, byteLength: source.byteLength, sheets: [] };
  const sheets = [];
  for (const s of source.sheets) {
    const rows: Row[] = [];
    for await (const r of source.rows(s.index, { limit: PREVIEW_SCAN })) rows.push(r);
    sheets.push({ ...s, rows });
  }
  const detection = source.format === 'csv' ? null : detectCnil({ ...head, sheets });
  if (source.format !== 'csv' && !detection?.isCnil && isOwnRegister({ ...head, sheets })) {
    // Our own flat workbook: every table is read back by its headers, no mapping to ask for.
    const full = await readWorkbook(bytes, fileName);
    if (!full.ok) throw importFileAppError(full.error);
    const proposal = ownRegisterProposal(full.value, getLists(core), transferReference());
    const count = (k: 'controller' | 'processor') => proposal.records.filter((r) => r.kind === k).length;
    entry = { info, bytes, source, own: full.value };
    out = {
      token,
      ...info,
      source: 'register',
      register: { controller: count('controller'), processor: count('processor'), hasOrganisation: proposal.organisation !== undefined, organisationExists: organisationExists(core) },
      fileProblems,
    };
  } else if (detection?.isCnil) {
    const full = await readWorkbook(bytes, fileName);
    if (!full.ok) throw importFileAppError(full.error);
    const withExample = interpretCnil(full.value, { includeExample: true });
    const orgExists = organisationExists(core);
    entry = { info, bytes, source, cnil: full.value };
    out = {
      token,
      ...info,
      source: 'cnil',
      cnil: {
        sheets: detection.recordSheets,
        hasExample: detection.exampleSheet !== null || withExample.records.some((r) => r.source.example) || withExample.drafts.some((r) => r.source.example),
        hasOrganisation: withExample.organisation !== null,
        organisationExists: orgExists,
      },
      fileProblems,
    };
  } else {
    const sheet = sheets.find((s) => !s.hidden && s.rows.length > 0) ?? sheets.find((s) => s.rows.length > 0);
    if (!sheet) throw importFileAppError({ key: 'importEmpty' });
    const header = sheet.rows[0]!;
    const columns = columnsOf(header);
    let rowCount = 0;
    for await (const r of source.rows(sheet.index)) if (r.index > header.index) rowCount++;
    const samples = sheet.rows.slice(1, 4);
    const suggested: ImportMapping = { columns: suggestColumns(columns.map((c) => c.header)), values: {} };
    entry = { info, bytes, source, table: { sheet: sheet.name, headerIndex: header.index, columns } };
    out = {
      token,
      ...info,
      source: 'table',
      table: {
        sheet: sheet.name,
        rowCount,
        suggested,
        columns: columns.map((c): ImportColumn => ({ index: c.index, header: c.header, samples: samples.map((r) => textAt(r, c.index)) })),
      },
      fileProblems,
    };
  }
  let map = opened.get(core);
  if (!map) opened.set(core, (map = new Map()));
  map.set(token, entry);
  while (map.size > KEEP) map.delete(map.keys().next().value!);
  return out;
}

function textAt(row: Row, col: number): string {
  const c = row.cells.find((x) => x.col === col);
  if (!c) return '';
  const v = c.value;
  return v.kind === 'text' ? v.text : v.kind === 'number' ? String(v.number) : v.kind === 'date' ? v.date : v.kind === 'boolean' ? String(v.boolean) : '';
}

/** The value suggestions of a generic table (shared by the steps; the bench times the interpretation with it). */
export function genericContext(core: Core) {
  const ref = transferReference();
  const suggest = valueSuggester(getLists(core), ref.countries);
  // A register repeats the same few values on thousands of rows: each is looked up once.
  const seen = new Map<string, string>();
  return {
    suggest: (field: CodedField, value: string) => {
      const key = `${field}\u0000${value}`;
      let code = seen.get(key);
      if (code === undefined) seen.set(key, (code = suggest(field, value)));
      return code;
    },
    isEea: (c: string) => isEea(ref, c),
  };
}

async function* tableRecords(core: Core, o: Opened, mapping: ImportMapping, limit?: number): AsyncGenerator<ProposedRecord> {
  const t = o.table!;
  const ctx = genericContext(core);
  let n = 0;
  for await (const row of o.source.rows(t.sheet)) {
    if (row.index <= t.headerIndex) continue;
    yield readGenericRow(row, t.columns, mapping, ctx, o.info.format === 'csv' ? '' : t.sheet);
    if (limit !== undefined && ++n >= limit) return;
  }
}

async function proposalOf(core: Core, o: Opened, options: ImportOptions): Promise<ImportProposal> {
  // What the file proposes depends on the file and the options only (the register is read by the plan, at each step).
  const key = JSON.stringify([options.includeExample ?? false, options.mapping ?? null]);
  if (o.last?.key === key) return o.last.proposal;
  const proposal = await readProposal(core, o, options);
  (o as { last?: Opened['last'] }).last = { key, proposal };
  return proposal;
}

async function readProposal(core: Core, o: Opened, options: ImportOptions): Promise<ImportProposal> {
  if (o.own) return ownRegisterProposal(o.own, getLists(core), transferReference());
  if (o.cnil) return cnilProposal(interpretCnil(o.cnil, { includeExample: options.includeExample ?? false }), transferReference());
  if (!options.mapping) throw AppError.validation([{ path: 'mapping', message: msg('required') }]);
  const records: ProposedRecord[] = [];
  for await (const r of tableRecords(core, o, options.mapping)) records.push(r);
  return { source: 'table', records, fileProblems: [] };
}

/** The mapping screen's preview: the first rows as they would be imported; the values of the coded columns, each with its suggestion. */
export async function previewImport(core: Core, token: string, mapping: ImportMapping, language: Language): Promise<ImportPreview> {
  const o = session(core, token);
  if (!o.table) throw AppError.validation([{ path: 'token', message: msg('invalid') }]);
  const lists = getLists(core);
  const ref = transferReference();
  const rows: Array<ImportPreview['rows'][number]> = [];
  for await (const r of tableRecords(core, o, mapping, 5)) rows.push({ row: r.row, fields: previewFields(r, lists, language), problems: r.problems });
  const suggest = valueSuggester(lists, ref.countries);
  const counts = new Map<CodedField, Map<string, { value: string; count: number }>>();
  const mapped = CODED_FIELDS.filter((f) => mapping.columns[f] !== undefined);
  const cols = new Map(mapped.map((f) => [f, o.table!.columns.find((c) => c.header === mapping.columns[f])]));
  for await (const row of o.source.rows(o.table.sheet)) {
    if (row.index <= o.table.headerIndex) continue;
    for (const f of mapped) {
      const col = cols.get(f);
      if (!col) continue;
      const text = textAt(row, col.index);
      for (const v of splitValues(f, text)) {
        let m = counts.get(f);
        if (!m) counts.set(f, (m = new Map()));
        const k = fold(v);
        const e = m.get(k);
        if (e) e.count++;
        else if (m.size < 300) m.set(k, { value: v, count: 1 });
      }
    }
  }
  const values: Partial<Record<CodedField, ImportValue[]>> = {};
  for (const [f, m] of counts) {
    values[f] = [...m].map(([folded, e]) => {
      const suggested = suggest(f, e.value);
      return { value: e.value, folded, count: e.count, suggested, mapped: mapping.values[f]?.[folded] ?? suggested };
    }).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  const choices = Object.fromEntries(CODED_FIELDS.map((f) => [f, choicesFor(f, lists, ref.countries)])) as unknown as ImportPreview['choices'];
  return { rows, values, choices };
}

export async function dryRunImport(core: Core, token: string, options: ImportOptions): Promise<ImportPlan> {
  const o = session(core, token);
  return dryRun(core, await proposalOf(core, o, options), o.info, { replaceOrganisation: options.replaceOrganisation ?? false }, token);
}

export const DRY_RUN_JOB = 'import:dryRun';

/** Issue 16: the dry run as a job (import:dryRunStart, job:get, job:cancel, import:dryRunFinish): records checked / total. */
export function startImportDryRun(core: Core, token: string, options: ImportOptions): string {
  const o = session(core, token);
  return startJob<ImportPlan>(DRY_RUN_JOB, async (control) => {
    const proposal = await proposalOf(core, o, options);
    if (control.cancelled) throw cancelledError();
    return holdConnection(core, () => dryRunInSteps(core, proposal, o.info, { replaceOrganisation: options.replaceOrganisation ?? false }, token, control));
  });
}

export function finishImportDryRun(jobId: string): ImportPlan {
  return takeJobResult<ImportPlan>(jobId, DRY_RUN_JOB);
}

export const IMPORT_JOB = 'import:apply';

/**
 * Issue 16: the apply as a job (import:start, followed by job:get, cancelled by job:cancel, its
 * result taken by import:finish): records checked then written, in one transaction rolled back
 * whole on Cancel (apply.ts, applyImportInSteps). `sha256` must be the file's the DPO saw in the dry run.
 */
export function startImportApply(core: Core, token: string, sha256: string, options: ImportOptions): string {
  const o = session(core, token);
  if (o.info.sha256 !== sha256) throw AppError.conflict('The file changed since the dry run.');
  return startJob<ApplyResult>(IMPORT_JOB, async (control) => {
    const proposal = await proposalOf(core, o, options);
    if (control.cancelled) throw cancelledError();
    const choices = { replaceOrganisation: options.replaceOrganisation ?? false, ...(options.mappingName ? { mappingName: options.mappingName } : {}) };
    const result = await applyImportInSteps(core, proposal, o.info, choices, token, control);
    opened.get(core)?.delete(token);
    return result;
  });
}

/** The finished import's result (once). */
export function finishImportApply(jobId: string): ApplyResult {
  return takeJobResult<ApplyResult>(jobId, IMPORT_JOB);
}

/** Applies the import in one call (the CLI, the tests): the same job, awaited. */
export async function applyImportFile(core: Core, token: string, sha256: string, options: ImportOptions): Promise<ApplyResult> {
  const job = startImportApply(core, token, sha256, options);
  await waitJob(job);
  return finishImportApply(job);
}

export function importBatches(core: Core): ImportBatch[] {
  return listBatches(core);
}

export function undoImportBatch(core: Core, batchId: string): ImportUndo {
  return undoImport(core, batchId);
}

export function listMappings(core: Core): SavedMapping[] {
  return repo.listMappings(core.db).flatMap((r) => {
    const parsed = ImportMappingSchema.safeParse(JSON.parse(r.doc));
    return parsed.success ? [{ name: r.name, mapping: parsed.data, updatedAt: r.updated_at }] : [];
  });
}

export function getMapping(core: Core, name: string): ImportMapping {
  const row = repo.getMapping(core.db, name);
  if (!row) throw AppError.validation([{ path: 'mapping', message: msg('unknownMapping', { name }) }]);
  return ImportMappingSchema.parse(JSON.parse(row.doc));
}

/** Saves a mapping under a name (replacing the one of that name): next year's file is mapped in one step. */
export function saveMapping(core: Core, name: string, mapping: ImportMapping): SavedMapping[] {
  return tx(core, () => {
    const before = repo.getMapping(core.db, name);
    repo.saveMapping(core.db, name.trim(), JSON.stringify(mapping), core.now().toISOString());
    audit(core, 'import_mapping', name.trim(), before ? 'update' : 'create', before ? JSON.parse(before.doc) : null, mapping);
    return listMappings(core);
  });
}

export function deleteMapping(core: Core, name: string): SavedMapping[] {
  return tx(core, () => {
    const before = repo.getMapping(core.db, name);
    if (!before) throw AppError.notFound(`No mapping ${name}`);
    repo.deleteMapping(core.db, name);
    audit(core, 'import_mapping', name, 'delete', JSON.parse(before.doc), null);
    return listMappings(core);
  });
}

export type { ImportField };
