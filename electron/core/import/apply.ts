import { randomUUID } from 'node:crypto';
import type { ImportBatch, ImportPlan, ImportProblem, ImportReportRow, ImportUndo } from '../../../shared/domain/import';
import { ControllerDocSchema, ProcessorDocSchema, type ControllerDoc, type RegisterDoc } from '../../../shared/domain/register';
import type { RegisterKind } from '../../../shared/domain/enums';
import { controllerMissing, processorMissing } from '../../../shared/domain/completeness';
import { ALL_DATA_CATEGORIES } from '../../../shared/domain/enums';
import { emptyTransferDoc, type TransferDoc } from '../../../shared/domain/transfer';
import { emptyOrganisation } from '../../../shared/domain/organisation';
import { supplierKey, type RecordTransfer } from '../../../shared/domain/record-transfers';
import type { ReferenceLists } from '../../../shared/domain/reference-lists';
import { parseMsg } from '../../../shared/domain/validation';
import { AppError } from '../../../shared/errors';
import * as repo from '../db/repos/import.repo';
import { getEntry as getRegisterRow, liveIdsByRef, type RegisterRow } from '../db/repos/register.repo';
import { getOrganisationDoc } from '../db/repos/organisation.repo';
import { listSuppliers } from '../db/repos/supplier.repo';
import { tx, type Core } from '../core';
import { betweenBatches, cancelledError, holdConnection, jobBatch, type JobControl } from '../jobs';
import { withAuditDetail } from '../services/audit';
import { inListedOrder, linkedTransfers, recordTransfers } from '../services/record-transfers';
import { withStatementCache } from '../db/statement-cache';
import { getLists } from '../services/lists.service';
import { getOrganisation, ORGANISATION_ENTITY, saveOrganisation } from '../services/organisation.service';
import { getTransfer as getTransferRow } from '../db/repos/transfer.repo';
import { deleteEntry, nextRef, refreshRecords, registerBulkWriter, REGISTER_ENTITY, updateEntry } from '../services/register.service';
import { deleteTransfer, TRANSFER_ENTITY, transferBulkWriter } from '../services/transfer.service';
import type { ImportFileInfo, ImportProposal, ProposedRecord } from './proposal';

/**
 * From a proposal to the register (issue 13): the dry run reports row by row what would be
 * created or updated (matched by reference among the live records of the controller register)
 * and every value it cannot take, and writes nothing; the apply step writes the same plan in
 * one transaction (records, their transfers in the transfer register, the organisation profile
 * if the DPO accepted replacing it), each audit entry naming the file and its SHA-256; undo puts
 * the batch's created records and transfers in the trash and its updated records back.
 */

type PlannedRow = Readonly<{
  report: ImportReportRow;
  kind: RegisterKind;
  doc?: RegisterDoc;
  /** The record a row updates, as read by the plan (in the apply: within its transaction). */
  existing?: RegisterRow;
  before?: RegisterDoc;
  record?: ProposedRecord;
  /** The transfers the row adds, and those the record it updates already has (read once, here). */
  transfers?: ProposedRecord['transfers'];
  has?: ReadonlyArray<RecordTransfer>;
}>;

/** An organisation profile was filled in (any field): an import asks before replacing it. */
export function organisationExists(core: Core): boolean {
  return getOrganisationDoc(core.db) !== undefined && JSON.stringify(getOrganisation(core)) !== JSON.stringify(emptyOrganisation());
}

export type ImportChoices = Readonly<{ replaceOrganisation: boolean }>;

const pick = (doc: RegisterDoc, keys: ReadonlyArray<string>): Partial<RegisterDoc> => Object.fromEntries(keys.map((k) => [k, (doc as Record<string, unknown>)[k]]));
const missingOf = (kind: RegisterKind, doc: RegisterDoc) => (kind === 'processor' ? processorMissing(doc as never) : controllerMissing(doc as ControllerDoc));

/** Codes the record uses that the reference lists do not have (a saved mapping naming a code since removed). */
function unknownCodes(doc: RegisterDoc, lists: ReferenceLists): string[] {
  const has = (list: keyof ReferenceLists, code: string) => code === '' || lists[list].some((i) => i.code === code);
  const out: string[] = [];
  if ('department' in doc && !has('departments', doc.department)) out.push('department');
  doc.dataSubjects.forEach((s, i) => !has('dataSubjects', s.category) && out.push(`dataSubjects.${i}.category`));
  doc.dataCategories.forEach((c, i) => c.category !== ALL_DATA_CATEGORIES && !has('dataCategories', c.category) && out.push(`dataCategories.${i}.category`));
  if ('recipients' in doc) doc.recipients.forEach((r, i) => !has('recipients', r.category) && out.push(`recipients.${i}.category`));
  doc.securityMeasures.forEach((m, i) => !has('securityMeasures', m.type) && out.push(`securityMeasures.${i}.type`));
  return out;
}

function valueAt(doc: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[k] : undefined), doc);
}

/** One step of the import's work, as the job reports it: records checked (the plan), then records and transfers written. */
export type ImportTick = Readonly<{ step: 'check' | 'write'; done: number; total: number }>;

/** Records per batch between two pauses of the import job (the screens' requests answered there). */
const BATCH = 250;

/** Runs a stepped task to its end in one go (the CLI's dry run, the synchronous apply). */
function drain<R>(steps: Generator<ImportTick, R>): R {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

type Planned = { plan: ImportPlan; rows: PlannedRow[] };

function plan(core: Core, proposal: ImportProposal, info: ImportFileInfo, choices: ImportChoices, token: string): Planned {
  return drain(planSteps(core, proposal, info, choices, token));
}

function* planSteps(core: Core, proposal: ImportProposal, info: ImportFileInfo, choices: ImportChoices, token: string): Generator<ImportTick, Planned> {
  const batch = jobBatch(BATCH);
  const lists = getLists(core);
  const lives = { controller: liveIdsByRef(core.db, 'controller'), processor: liveIdsByRef(core.db, 'processor') };
  const seens = { controller: new Set<string>(), processor: new Set<string>() };
  const rows: PlannedRow[] = [];
  const counters = { controller: nextRef(core, 'controller'), processor: nextRef(core, 'processor') };
  const nexts = { controller: Number(/(\d+)$/.exec(counters.controller)?.[1] ?? '1'), processor: Number(/(\d+)$/.exec(counters.processor)?.[1] ?? '1') };
  const freeRef = (kind: RegisterKind) => {
    const prefix = counters[kind].replace(/\d+$/, '');
    let ref: string;
    do ref = `${prefix}${String(nexts[kind]++).padStart(3, '0')}`;
    while (lives[kind].has(ref) || seens[kind].has(ref));
    return ref;
  };
  for (const [i, record] of proposal.records.entries()) {
    if (i > 0 && i % batch === 0) yield { step: 'check', done: i, total: proposal.records.length };
    const kind: RegisterKind = record.kind ?? 'controller';
    const live = lives[kind];
    const seen = seens[kind];
    const problems: ImportProblem[] = [...record.problems];
    const at = { row: record.row, ...(record.sheet ? { sheet: record.sheet } : {}) };
    const fail = (key: string, params?: Record<string, string | number>, column?: string) => problems.push({ ...at, level: 'error', key, ...(params ? { params } : {}), ...(column ? { column } : {}) });
    let ref = record.doc.ref.trim();
    if (ref === '') {
      ref = freeRef(kind);
      problems.push({ ...at, level: 'info', key: 'importReport.refAssigned', params: { ref } });
    }
    const duplicate = seen.has(ref);
    seen.add(ref);
    const existingId = live.get(ref);
    let doc: RegisterDoc = { ...record.doc, ref, status: record.keepStatus ? record.doc.status : 'draft' };
    if (!existingId && doc.status === 'active' && missingOf(kind, doc).length > 0) {
      doc = { ...doc, status: 'draft' };
      problems.push({ ...at, level: 'warning', key: 'importReport.becomesDraft' });
    }
    let before: RegisterDoc | undefined;
    let existing: RegisterRow | undefined;
    if (existingId) {
      const row = (existing = getRegisterRow(core.db, existingId)!);
      before = JSON.parse(row.doc) as RegisterDoc;
      doc = { ...before, ...pick(doc, record.provided), ref, status: record.keepStatus ? doc.status : before.status } as RegisterDoc;
      if (doc.status === 'active' && missingOf(kind, doc).length > 0) {
        doc = { ...doc, status: 'draft' };
        problems.push({ ...at, level: 'warning', key: 'importReport.becomesDraft' });
      }
    }
    if (duplicate) fail('importReport.duplicateRef', { ref });
    if (doc.name.trim() === '') fail('importReport.noName');
    const parsed = (kind === 'processor' ? ProcessorDocSchema : ControllerDocSchema).safeParse(doc);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        const { key, params } = parseMsg(issue.message);
        const column = record.columnOf?.(path);
        const value = valueAt(doc, issue.path);
        if (key === 'tooLong') fail('importNotes.tooLong', { field: column ?? path, max: params.max ?? 0, length: typeof value === 'string' ? value.length : 0 }, column);
        else if (key === 'required' && path === 'name') continue; // reported as noName
        else fail(`errors.${key}`, params, column ?? path);
      }
    } else doc = parsed.data;
    for (const path of unknownCodes(doc, lists)) fail('errors.unknownCode', undefined, record.columnOf?.(path) ?? path);
    const skip = problems.some((p) => p.level === 'error');
    // Importing the same file again: a transfer the record already has (same importer, same country) is not added twice.
    const has = existingId ? recordTransfers(core, existingId) : [];
    const transfers = record.transfers.filter((t) => !has.some((h) => h.importerCountry === t.country && supplierKey(h.importer) === supplierKey(t.recipient)));
    if (transfers.length < record.transfers.length) problems.push({ ...at, level: 'info', key: 'importReport.transfersKnown', params: { count: record.transfers.length - transfers.length } });
    const report: ImportReportRow = {
      ...at,
      ref,
      name: doc.name,
      action: skip ? 'skip' : existingId ? 'update' : 'create',
      ...(existingId ? { recordId: existingId } : {}),
      problems,
      missing: [...new Set(missingOf(kind, doc).map((m) => m.key))],
      transfers: transfers.length,
      toConvert: doc.transfersToConvert.length,
    };
    rows.push(skip ? { report, kind } : { report, kind, doc, record, transfers, has, ...(existing ? { existing, before } : {}) });
  }
  const orgExists = organisationExists(core);
  const count = (a: ImportReportRow['action']) => rows.filter((r) => r.report.action === a).length;
  return {
    rows,
    plan: {
      token,
      ...info,
      source: proposal.source,
      rows: rows.map((r) => r.report),
      fileProblems: proposal.fileProblems,
      counts: {
        create: count('create'),
        update: count('update'),
        skip: count('skip'),
        transfers: rows.reduce((n, r) => n + (r.doc ? r.report.transfers : 0), 0),
        problems: proposal.fileProblems.length + rows.reduce((n, r) => n + r.report.problems.length, 0),
      },
      organisation: { inFile: !!proposal.organisation, exists: orgExists, replace: !!proposal.organisation && (!orgExists || choices.replaceOrganisation) },
    },
  };
}

/** The dry run: what the import would do, row by row; nothing is written. */
export function dryRun(core: Core, proposal: ImportProposal, info: ImportFileInfo, choices: ImportChoices, token = ''): ImportPlan {
  return plan(core, proposal, info, choices, token).plan;
}

/**
 * Issue 16: the dry run as a job's work: records checked / total, with a pause between two
 * batches (its progress and Cancel answered there). Nothing is written: a Cancel just stops.
 * The caller holds the connection (holdConnection): no import's open transaction is read.
 */
export async function dryRunInSteps(core: Core, proposal: ImportProposal, info: ImportFileInfo, choices: ImportChoices, token: string, control: JobControl): Promise<ImportPlan> {
  const steps = planSteps(core, proposal, info, choices, token);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value.plan;
    control.progress(r.value.done, r.value.total, r.value.step);
    await betweenBatches();
    if (control.cancelled) throw cancelledError();
  }
}

function transferDoc(t: ProposedRecord['transfers'][number], recordId: string, doc: RegisterDoc, suppliers: ReadonlyArray<{ id: string; name: string }>): TransferDoc {
  const supplier = suppliers.find((s) => supplierKey(s.name) === supplierKey(t.recipient));
  const empty = emptyTransferDoc();
  return {
    ...empty,
    title: (t.title || `${t.recipient} – ${doc.name}`).slice(0, 200),
    ...(t.module ? { scc: { ...empty.scc, module: t.module } } : {}),
    ...(t.accessCountries?.length ? { accessCountries: [...t.accessCountries] } : {}),
    importerSupplierId: supplier?.id ?? '',
    importerName: supplier ? '' : t.recipient.slice(0, 200),
    importerCountry: t.country,
    mechanism: t.mechanism,
    activityIds: [recordId],
    dataCategories: [...new Set(doc.dataCategories.map((c) => c.category).filter((c) => c !== ALL_DATA_CATEGORIES && c !== ''))],
    notes: t.document.slice(0, 20_000),
  };
}

export type ApplyResult = Readonly<{ batch: ImportBatch; plan: ImportPlan }>;

/**
 * Writes the plan in one transaction: any failure leaves the register as it was. Rows the dry
 * run skips (errors) are left out; the batch records what was created and updated.
 * Synchronous, in one go (the bench); the app and the CLI run the same steps as a job
 * (applyImportInSteps), with its progress and its Cancel.
 */
export function applyImport(core: Core, proposal: ImportProposal, info: ImportFileInfo, choices: ImportChoices & { mappingName?: string }, token = ''): ApplyResult {
  return withStatementCache(core.db, () => tx(core, () => drain(applySteps(core, proposal, info, choices, token))));
}

/**
 * Issue 16: the apply as a job, in this thread, in ONE transaction of the one connection, written
 * in batches with a pause between two (the screens' requests answered there: its progress, its
 * Cancel). Why not a worker with its own connection, as the export: the apply writes, and SQLite
 * has one writer at a time; a second connection holding the write lock for the whole import
 * would make every save of the app wait on SQLITE_BUSY, and the proposal (with its functions)
 * would have to be sent across. Here the transaction stays open across the pauses, so while it
 * is open every other channel waits for its end (core.holding, dispatch.ts): nothing reads
 * records not committed yet, nothing is written inside a transaction a Cancel rolls back. A
 * Cancel is seen at the next pause and rolls the whole transaction back: the register, its audit
 * log and the import list are exactly as before. Past the last batch the commit cannot be
 * cancelled (lockCancel).
 */
export async function applyImportInSteps(
  core: Core,
  proposal: ImportProposal,
  info: ImportFileInfo,
  choices: ImportChoices & { mappingName?: string },
  token: string,
  control: JobControl,
): Promise<ApplyResult> {
  return holdConnection(core, async () => {
    if (control.cancelled) throw cancelledError();
    core.db.exec('BEGIN IMMEDIATE');
    try {
      const steps = applySteps(core, proposal, info, choices, token);
      for (;;) {
        const r = withStatementCache(core.db, () => steps.next());
        if (r.done) {
          control.lockCancel();
          core.db.exec('COMMIT');
          return r.value;
        }
        control.progress(r.value.done, r.value.total, r.value.step);
        await betweenBatches();
        if (control.cancelled) throw cancelledError();
      }
    } catch (err) {
      if (core.db.inTransaction) core.db.exec('ROLLBACK');
      throw err;
    }
  });
}

function* applySteps(core: Core, proposal: ImportProposal, info: ImportFileInfo, choices: ImportChoices & { mappingName?: string }, token: string): Generator<ImportTick, ApplyResult> {
  const planned = yield* planSteps(core, proposal, info, choices, token);
  const batch = jobBatch(BATCH);
  const id = randomUUID();
  const at = core.now().toISOString();
  const orgBefore = planned.plan.organisation.replace ? (getOrganisationDoc(core.db) ?? JSON.stringify(getOrganisation(core))) : null;
  repo.insertBatch(core.db, {
    id,
    at,
    actor: core.actor,
    file_name: info.fileName,
    sha256: info.sha256,
    format: info.format,
    source: proposal.source,
    mapping_name: choices.mappingName ?? null,
    created: planned.plan.counts.create,
    updated: planned.plan.counts.update,
    skipped: planned.plan.counts.skip,
    organisation_before: orgBefore,
    undone_at: null,
  });
  let seq = 0;
  const suppliers = listSuppliers(core.db, false).map((s) => ({ id: s.id, name: s.name }));
  // Each record's id first, and the transfers it adds, so that its summary and search text are
  // written once, with its transfers, when it is written (the bulk path: nothing read back).
  const work = planned.rows.flatMap((row) => {
    if (!row.doc || !row.record) return [];
    return [{ row, doc: row.doc, recordId: row.existing?.id ?? randomUUID() }];
  });
  // A transfer our own workbook lists under several records (the same `key`) is one entry linked to each of them.
  const shared = new Map<string, { t: ProposedRecord['transfers'][number]; recordId: string; doc: RegisterDoc; recordIds: string[] }>();
  const each: Array<{ t: ProposedRecord['transfers'][number]; recordId: string; doc: RegisterDoc; recordIds: string[] }> = [];
  for (const w of work) {
    for (const t of w.row.transfers ?? []) {
      const known = t.key ? shared.get(t.key) : undefined;
      if (known) known.recordIds.push(w.recordId);
      else {
        const entry = { t, recordId: w.recordId, doc: w.doc, recordIds: [w.recordId] };
        each.push(entry);
        if (t.key) shared.set(t.key, entry);
      }
    }
  }
  const newTransfers = each.map((e) => ({ id: randomUUID(), doc: { ...transferDoc(e.t, e.recordId, e.doc, suppliers), activityIds: e.recordIds } }));
  const added = linkedTransfers(core, newTransfers);
  const detail = { import: id, file: info.fileName, sha256: info.sha256 };
  // The count the job shows: records then transfers written (the bulk writers', one by one).
  const total = work.length + newTransfers.length;
  let done = 0;
  const writers = { controller: registerBulkWriter(core, 'controller'), processor: registerBulkWriter(core, 'processor') };
  yield { step: 'write', done, total };
  for (let i = 0; i < work.length; i += batch) {
    withAuditDetail(core, detail, () => {
      for (const { row, doc, recordId } of work.slice(i, i + batch)) {
        const linked = inListedOrder([...(row.has ?? []), ...(added.get(recordId) ?? [])]);
        const records = writers[row.kind];
        const entry = row.existing ? records.update(row.existing, doc as never, 'importUpdate', linked) : records.create(doc as never, 'importRegister', linked, recordId);
        repo.insertBatchItem(core.db, {
          batch_id: id,
          seq: seq++,
          entity: REGISTER_ENTITY,
          entity_id: entry.id,
          action: row.existing ? 'update' : 'create',
          before: row.before ? JSON.stringify(row.before) : null,
          version_after: entry.version,
        });
        done++;
      }
    });
    yield { step: 'write', done, total };
  }
  // The transfers after the records they link to (the records' summaries already show them).
  const transfers = transferBulkWriter(core, new Set(work.map((w) => w.recordId)));
  for (let i = 0; i < newTransfers.length; i += batch) {
    withAuditDetail(core, detail, () => {
      for (const t of newTransfers.slice(i, i + batch)) {
        const created = transfers.create(t.doc, 'importRegister', t.id);
        repo.insertBatchItem(core.db, { batch_id: id, seq: seq++, entity: TRANSFER_ENTITY, entity_id: created.id, action: 'create', before: null, version_after: created.version });
        done++;
      }
    });
    yield { step: 'write', done, total };
  }
  if (planned.plan.organisation.replace && proposal.organisation) withAuditDetail(core, detail, () => saveOrganisation(core, proposal.organisation!));
  return { batch: toBatch(repo.getBatch(core.db, id)!), plan: planned.plan };
}

export function toBatch(r: repo.ImportBatchRow): ImportBatch {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    fileName: r.file_name,
    sha256: r.sha256,
    format: r.format,
    source: r.source,
    mappingName: r.mapping_name,
    created: r.created,
    updated: r.updated,
    skipped: r.skipped,
    organisationReplaced: r.organisation_before !== null,
    undoneAt: r.undone_at,
  };
}

export function listBatches(core: Core): ImportBatch[] {
  return repo.listBatches(core.db, 50).map(toBatch);
}

/**
 * "Undo this import", in one transaction: the records and transfers it created go to the trash
 * (restorable from there, like any deletion); the records it updated get back their version from
 * before the import, unless they were changed since (then they are left as they are, and named);
 * the organisation profile it replaced is put back, unless changed since.
 */
export function undoImport(core: Core, batchId: string): ImportUndo {
  return withStatementCache(core.db, () => tx(core, () => {
    const row = repo.getBatch(core.db, batchId);
    if (!row) throw AppError.notFound(`No import ${batchId}`);
    if (row.undone_at) throw AppError.conflict('This import was already undone.');
    let trashed = 0;
    let transfersTrashed = 0;
    let restored = 0;
    const keptChanged: string[] = [];
    let organisationRestored = false;
    withAuditDetail(core, { undoImport: batchId, file: row.file_name, sha256: row.sha256 }, () => {
      const items = repo.batchItems(core.db, batchId);
      const touched = new Set<string>();
      // Transfers first: trashing them refreshes their records while these are still live.
      for (const item of items.filter((i) => i.entity === TRANSFER_ENTITY)) {
        const t = getTransferRow(core.db, item.entity_id);
        if (t && !t.deleted_at) {
          deleteTransfer(core, item.entity_id, false);
          (JSON.parse(t.doc) as TransferDoc).activityIds.forEach((r) => touched.add(r));
          transfersTrashed++;
        }
      }
      // The records the trashed transfers were linked to: their summaries written again once.
      refreshRecords(core, touched);
      for (const item of items.filter((i) => i.entity === REGISTER_ENTITY)) {
        const current = getRegisterRow(core.db, item.entity_id);
        if (!current || current.deleted_at) continue;
        if (item.action === 'create') {
          deleteEntry(core, item.entity_id);
          trashed++;
        } else if (current.version === item.version_after && item.before) {
          updateEntry(core, item.entity_id, current.kind, current.version, JSON.parse(item.before) as never, 'undoImport');
          restored++;
        } else keptChanged.push(current.ref);
      }
      if (row.organisation_before !== null) {
        // The profile's last change is still this import's: put back what it replaced.
        const last = repo.lastAuditDetail(core.db, ORGANISATION_ENTITY, '1');
        if (last !== null && (JSON.parse(last) as { import?: string }).import === batchId) {
          saveOrganisation(core, JSON.parse(row.organisation_before));
          organisationRestored = true;
        }
      }
    });
    const at = core.now().toISOString();
    repo.markUndone(core.db, batchId, at);
    return { batch: toBatch(repo.getBatch(core.db, batchId)!), trashed, transfersTrashed, restored, keptChanged, organisationRestored };
  }));
}
