import { randomUUID } from 'node:crypto';
import { toInstant } from '../../../shared/domain/breach-clock';
import {
  BREACH_SETTINGS_DEFAULTS,
  BreachSettingsSchema,
  DEFAULT_CHECKLIST,
  breachClocks,
  effectiveLevel,
  emptyBreachDoc,
  suggestionFor,
  type BreachDoc,
  type BreachEntry,
  type BreachSettings,
  type BreachStep,
  type BreachSummary,
  type ChecklistStepDef,
  type ChecklistTemplate,
} from '../../../shared/domain/breach';
import type { ReferenceLists } from '../../../shared/domain/reference-lists';
import { msg } from '../../../shared/domain/validation';
import { AppError, type ValidationIssue } from '../../../shared/errors';
import * as repo from '../db/repos/breach.repo';
import { getEntry as getRegisterRow } from '../db/repos/register.repo';
import { getSupplier as getSupplierRow } from '../db/repos/supplier.repo';
import { getSetting, setSetting } from '../db/repos/settings.repo';
import { tx, type Core } from '../core';
import { audit, history } from './audit';
import { getLists } from './lists.service';
import { getOrganisation } from './organisation.service';
import { incidentRegimeClocks, regimeFlagIssues, regimeIssues, regimesFile, type RegimesInfo } from './breach-regimes.service';
import { applicableRegimes } from '../../../shared/domain/breach-regimes';

export const BREACH_ENTITY = 'breach';
const SETTINGS_KEY = 'breach.settings';
/** A time typed a little ahead of the computer's clock is accepted (clocks drift); further ahead is a typing error. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

// Settings and the checklist template -------------------------------------------------------------

export function getBreachSettings(core: Core): BreachSettings {
  const raw = getSetting(core.db, SETTINGS_KEY);
  const parsed = raw ? BreachSettingsSchema.safeParse({ ...BREACH_SETTINGS_DEFAULTS, ...JSON.parse(raw) }) : null;
  return parsed?.success ? parsed.data : { ...BREACH_SETTINGS_DEFAULTS };
}

export function saveBreachSettings(core: Core, settings: BreachSettings): BreachSettings {
  const issues = regimeFlagIssues(settings.regimeFlags ?? {});
  if (issues.length) throw AppError.validation(issues);
  return tx(core, () => {
    const before = getBreachSettings(core);
    setSetting(core.db, SETTINGS_KEY, JSON.stringify(settings));
    audit(core, 'setting', SETTINGS_KEY, 'update', before, settings);
    return getBreachSettings(core);
  });
}

/** The current template; the first call stores the default one as version 1. */
export function getChecklistTemplate(core: Core): ChecklistTemplate {
  let row = repo.latestTemplate(core.db);
  if (!row) {
    tx(core, () => {
      if (!repo.latestTemplate(core.db)) {
        repo.insertTemplate(core.db, { version: 1, steps: JSON.stringify(DEFAULT_CHECKLIST), created_at: core.now().toISOString(), actor: 'DPO Desk' });
      }
    });
    row = repo.latestTemplate(core.db)!;
  }
  return { version: row.version, steps: JSON.parse(row.steps) as ChecklistStepDef[], createdAt: row.created_at, actor: row.actor };
}

/** A new version of the template; incidents already open keep the version they started with. */
export function saveChecklistTemplate(core: Core, steps: ReadonlyArray<ChecklistStepDef>): ChecklistTemplate {
  return tx(core, () => {
    const current = getChecklistTemplate(core);
    if (JSON.stringify(current.steps) === JSON.stringify(steps)) return current;
    const version = current.version + 1;
    repo.insertTemplate(core.db, { version, steps: JSON.stringify(steps), created_at: core.now().toISOString(), actor: core.actor });
    audit(core, 'checklist_template', String(version), 'create', { steps: current.steps }, { steps });
    return getChecklistTemplate(core);
  });
}

/** A new incident's form: the settings' zone and telecom flag, the organisation's DPO as contact point. */
export function newBreachDoc(core: Core): BreachDoc {
  const settings = getBreachSettings(core);
  const dpo = getOrganisation(core).dpo;
  return emptyBreachDoc({
    zone: settings.zone,
    telecom: settings.telecom,
    contact: { name: dpo.name, role: dpo.role, email: dpo.email, phone: dpo.phone },
  });
}

/** The reporting regimes (NIS2…) and those the organisation's Settings make apply. */
export function breachRegimes(core: Core): RegimesInfo {
  const file = regimesFile();
  return { file, applicable: applicableRegimes(file, getBreachSettings(core).regimeFlags ?? {}).map((r) => r.id) };
}

// Reading ---------------------------------------------------------------------------------------

/** The GDPR and telecom clocks, then those of the other regimes under which the incident is significant (NIS2…). */
function clocksOf(settings: BreachSettings, doc: BreachDoc) {
  return [...breachClocks(doc), ...incidentRegimeClocks(settings, doc)];
}

function stepsOf(rows: ReadonlyArray<repo.StepRow>): BreachStep[] {
  return rows.map((s) => ({ id: s.step_id, labelFr: s.label_fr, labelEn: s.label_en, position: s.position, doneAt: s.done_at, doneBy: s.done_by, note: s.note }));
}

function toEntry(core: Core, row: repo.BreachRow): BreachEntry {
  const doc = JSON.parse(row.doc) as BreachDoc;
  const settings = getBreachSettings(core);
  return {
    id: row.id,
    ref: row.ref,
    doc,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    templateVersion: row.template_version,
    steps: stepsOf(repo.stepsFor(core.db, row.id)),
    journal: repo.journalFor(core.db, row.id).map(({ id, at, actor, text }) => ({ id, at, actor, text })),
    clocks: clocksOf(settings, doc),
    suggestion: suggestionFor(doc),
  };
}

function summarise(row: repo.BreachRow, steps: ReadonlyArray<repo.StepRow>, settings: BreachSettings): BreachSummary {
  const doc = JSON.parse(row.doc) as BreachDoc;
  return {
    id: row.id,
    ref: row.ref,
    title: doc.title,
    role: doc.role,
    status: doc.status,
    awareAt: doc.awareAt,
    zone: doc.zone,
    level: effectiveLevel(doc),
    confirmed: doc.risk.level !== '',
    authorityDecision: doc.decision.authority,
    notifiedAuthority: doc.notifications.some((n) => n.to === 'authority'),
    clocks: clocksOf(settings, doc),
    stepsDone: steps.filter((s) => s.done_at).length,
    stepsTotal: steps.length,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

export function listBreaches(core: Core, scope: 'live' | 'trash'): BreachSummary[] {
  const steps = new Map<string, repo.StepRow[]>();
  for (const s of repo.allSteps(core.db)) steps.set(s.breach_id, [...(steps.get(s.breach_id) ?? []), s]);
  const settings = getBreachSettings(core);
  return repo.listBreaches(core.db, scope === 'trash').map((r) => summarise(r, steps.get(r.id) ?? [], settings));
}

function mustGet(core: Core, id: string): repo.BreachRow {
  const row = repo.getBreach(core.db, id);
  if (!row) throw AppError.notFound(`No breach ${id}`);
  return row;
}

function mustBeLive(row: repo.BreachRow): void {
  if (row.deleted_at) throw AppError.conflict('This incident is in the trash: restore it first.');
}

export function getBreach(core: Core, id: string): BreachEntry {
  return toEntry(core, mustGet(core, id));
}

export function breachHistory(core: Core, id: string) {
  mustGet(core, id);
  return history(core, BREACH_ENTITY, id);
}

// Writing ---------------------------------------------------------------------------------------

/** What the schema cannot check: codes exist in the lists, linked activities exist, no time in the future. */
function checkAgainstStore(core: Core, doc: BreachDoc, lists: ReferenceLists): void {
  const issues: ValidationIssue[] = [];
  const known = (list: keyof ReferenceLists, values: ReadonlyArray<string>, path: string) =>
    values.forEach((v, i) => {
      if (!lists[list].some((item) => item.code === v)) issues.push({ path: `${path}.${i}`, message: msg('unknownCode') });
    });
  known('dataCategories', doc.dataCategories, 'dataCategories');
  known('dataSubjects', doc.subjectCategories, 'subjectCategories');
  doc.activityIds.forEach((id, i) => {
    const row = getRegisterRow(core.db, id);
    if (!row || row.deleted_at) issues.push({ path: `activityIds.${i}`, message: msg('unknownActivity') });
  });
  (doc.supplierIds ?? []).forEach((id, i) => {
    const s = getSupplierRow(core.db, id);
    if (!s || s.deleted_at) issues.push({ path: `supplierIds.${i}`, message: msg('unknownSupplier') });
  });
  const limit = core.now().getTime() + FUTURE_TOLERANCE_MS;
  const future = (local: string, path: string) => {
    const r = toInstant({ local, zone: doc.zone });
    if (r.ok && Date.parse(r.utc) > limit) issues.push({ path, message: msg('inFuture') });
  };
  for (const key of ['occurredAt', 'endedAt', 'discoveredAt', 'awareAt'] as const) if (doc[key]) future(doc[key], key);
  doc.notifications.forEach((n, i) => future(n.sentAt, `notifications.${i}.sentAt`));
  for (const [rid, a] of Object.entries(doc.regimes ?? {})) for (const [sid, st] of Object.entries(a.steps)) if (st.sentAt) future(st.sentAt, `regimes.${rid}.steps.${sid}.sentAt`);
  issues.push(...regimeIssues(doc));
  if (issues.length) throw AppError.validation(issues);
}

function awareUtc(doc: BreachDoc): string {
  const r = toInstant({ local: doc.awareAt, zone: doc.zone });
  if (!r.ok) throw AppError.validation([{ path: 'awareAt', message: msg('dateTime') }]);
  return r.utc;
}

/** "VIOL-2026-003": the year the organisation became aware, then the next free number of that year. */
function nextRef(core: Core, doc: BreachDoc): string {
  const prefix = `VIOL-${doc.awareAt.slice(0, 4)}-`;
  const used = repo.refsWithPrefix(core.db, prefix).map((r) => Number(r.slice(prefix.length)) || 0);
  return `${prefix}${String(Math.max(0, ...used) + 1).padStart(3, '0')}`;
}

export function createBreach(core: Core, doc: BreachDoc): BreachEntry {
  return tx(core, () => {
    checkAgainstStore(core, doc, getLists(core));
    const template = getChecklistTemplate(core);
    const id = randomUUID();
    const at = core.now().toISOString();
    const ref = nextRef(core, doc);
    repo.insertBreach(core.db, {
      id,
      ref,
      status: doc.status,
      aware_utc: awareUtc(doc),
      template_version: template.version,
      version: 1,
      created_at: at,
      updated_at: at,
      deleted_at: null,
      doc: JSON.stringify(doc),
    });
    repo.insertSteps(
      core.db,
      template.steps.map((s, position) => ({ breach_id: id, position, step_id: s.id, label_fr: s.labelFr, label_en: s.labelEn, done_at: null, done_by: null, note: '' })),
    );
    audit(core, BREACH_ENTITY, id, 'create', null, { ref, ...doc });
    return getBreach(core, id);
  });
}

export function updateBreach(core: Core, id: string, version: number, doc: BreachDoc): BreachEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    mustBeLive(row);
    if (row.version !== version) throw AppError.conflict('The incident was changed since it was read.');
    const before = JSON.parse(row.doc) as BreachDoc;
    if (JSON.stringify(before) === JSON.stringify(doc)) return toEntry(core, row);
    checkAgainstStore(core, doc, getLists(core));
    const ok = repo.updateBreach(
      core.db,
      { ...row, status: doc.status, aware_utc: awareUtc(doc), version: version + 1, updated_at: core.now().toISOString(), doc: JSON.stringify(doc) },
      version,
    );
    if (!ok) throw AppError.conflict('The incident was changed since it was read.');
    audit(core, BREACH_ENTITY, id, 'update', { ref: row.ref, ...before }, { ref: row.ref, ...doc });
    return getBreach(core, id);
  });
}

/** Ticks (or unticks) a checklist step: the time is the core's, the note is kept. */
export function setBreachStep(core: Core, id: string, stepId: string, done: boolean, note: string): BreachEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    mustBeLive(row);
    const step = repo.getStep(core.db, id, stepId);
    if (!step) throw AppError.notFound(`No step ${stepId} on incident ${row.ref}`);
    const doneAt = done ? (step.done_at ?? core.now().toISOString()) : null;
    const doneBy = done ? (step.done_by ?? core.actor) : null;
    if (doneAt === step.done_at && note === step.note) return toEntry(core, row);
    repo.setStep(core.db, id, stepId, doneAt, doneBy, note);
    audit(core, BREACH_ENTITY, id, 'step', { steps: { [stepId]: { doneAt: step.done_at, note: step.note } } }, { steps: { [stepId]: { doneAt, note } } });
    return getBreach(core, id);
  });
}

export function addJournalEntry(core: Core, id: string, text: string): BreachEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    mustBeLive(row);
    const at = core.now().toISOString();
    repo.appendJournal(core.db, { breach_id: id, at, actor: core.actor, text });
    audit(core, BREACH_ENTITY, id, 'journal', null, { journal: text });
    return getBreach(core, id);
  });
}

export function deleteBreach(core: Core, id: string): BreachSummary {
  return tx(core, () => {
    const row = mustGet(core, id);
    mustBeLive(row);
    const at = core.now().toISOString();
    const next = { ...row, version: row.version + 1, updated_at: at, deleted_at: at };
    repo.updateBreach(core.db, next, row.version);
    audit(core, BREACH_ENTITY, id, 'delete', { ref: row.ref, ...JSON.parse(row.doc) }, null);
    return summarise(next, repo.stepsFor(core.db, id), getBreachSettings(core));
  });
}

export function restoreBreach(core: Core, id: string): BreachEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    if (!row.deleted_at) return toEntry(core, row);
    repo.updateBreach(core.db, { ...row, version: row.version + 1, updated_at: core.now().toISOString(), deleted_at: null }, row.version);
    audit(core, BREACH_ENTITY, id, 'restore', null, { ref: row.ref, ...JSON.parse(row.doc) });
    return getBreach(core, id);
  });
}

/** Erases the incidents in the trash for good (with their checklist and journal); the audit log keeps what they were. */
export function purgeTrashedBreaches(core: Core): number {
  const ids = repo.trashedBreachIds(core.db);
  for (const id of ids) {
    const row = mustGet(core, id);
    audit(core, BREACH_ENTITY, id, 'purge', { ref: row.ref, ...JSON.parse(row.doc) }, null);
    repo.purgeBreach(core.db, id);
  }
  return ids.length;
}

/** Open incidents for the dashboard, the most urgent clock first. */
export function openBreaches(core: Core): BreachSummary[] {
  const due = (s: BreachSummary) => s.clocks.filter((c) => !c.stoppedUtc && !c.waived).map((c) => c.dueUtc).sort()[0] ?? '9999';
  return listBreaches(core, 'live')
    .filter((s) => s.status !== 'closed')
    .sort((a, b) => due(a).localeCompare(due(b)));
}
