import { randomUUID } from 'node:crypto';
import { toInstant } from '../../../shared/domain/breach-clock';
import {
  BREACH_SETTINGS_DEFAULTS,
  BreachDocSchema,
  BreachSettingsSchema,
  SHIPPED_CHECKLISTS,
  breachClocks,
  effectiveLevel,
  instantOf,
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
import { CHECKLIST_ROLES, checklistRolesFor, checklistUnion, controllerClocks, type ChecklistRole } from '../../../shared/domain/breach-role';
import type { Fold } from '../../../shared/domain/breach-clock';
import { performedInstant, withTrailDefaults } from '../../../shared/domain/breach-trail';
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

/** Stores the shipped checklist of each role that has none yet (controller first: version 1 on a new register). */
function seedTemplates(core: Core): void {
  if (CHECKLIST_ROLES.every((role) => repo.latestTemplate(core.db, role))) return;
  tx(core, () => {
    for (const role of CHECKLIST_ROLES) {
      if (repo.latestTemplate(core.db, role)) continue;
      repo.insertTemplate(core.db, { version: repo.nextTemplateVersion(core.db), role, steps: JSON.stringify(SHIPPED_CHECKLISTS[role]), created_at: core.now().toISOString(), actor: 'DPO Desk' });
    }
  });
}

/** The current checklist of a role (issue 12: one per role); the first call stores the shipped ones. */
export function getChecklistTemplate(core: Core, role: ChecklistRole = 'controller'): ChecklistTemplate {
  seedTemplates(core);
  const row = repo.latestTemplate(core.db, role)!;
  return { version: row.version, role: row.role, steps: JSON.parse(row.steps) as ChecklistStepDef[], createdAt: row.created_at, actor: row.actor };
}

/** A new version of a role's checklist; incidents already open keep the version they started with. */
export function saveChecklistTemplate(core: Core, steps: ReadonlyArray<ChecklistStepDef>, role: ChecklistRole = 'controller'): ChecklistTemplate {
  return tx(core, () => {
    const current = getChecklistTemplate(core, role);
    if (JSON.stringify(current.steps) === JSON.stringify(steps)) return current;
    const version = repo.nextTemplateVersion(core.db);
    repo.insertTemplate(core.db, { version, role, steps: JSON.stringify(steps), created_at: core.now().toISOString(), actor: core.actor });
    audit(core, 'checklist_template', String(version), 'create', { role, steps: current.steps }, { role, steps });
    return getChecklistTemplate(core, role);
  });
}

/** The steps an incident of this role starts with, and the template versions they come from. */
function checklistFor(core: Core, role: BreachDoc['role']): { steps: ChecklistStepDef[]; version: number; processorVersion: number | null } {
  const templates = checklistRolesFor(role).map((r) => getChecklistTemplate(core, r));
  const steps = templates.map((tpl) => tpl.steps).reduce<ChecklistStepDef[]>((all, next) => checklistUnion(all, next), []);
  return { steps, version: templates[0]!.version, processorVersion: templates[1]?.version ?? null };
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

/**
 * The GDPR and telecom clocks (gated by the role: a processor alone has none of the authority's),
 * then those of the other regimes under which the incident is significant (NIS2…), whatever the
 * GDPR role: NIS2 Art. 23 binds the entity, controller or processor.
 */
function clocksOf(settings: BreachSettings, doc: BreachDoc) {
  return [...breachClocks(doc), ...incidentRegimeClocks(settings, doc)];
}

function stepsOf(rows: ReadonlyArray<repo.StepRow>): BreachStep[] {
  return rows.map((s) => ({ id: s.step_id, labelFr: s.label_fr, labelEn: s.label_en, position: s.position, doneAt: s.done_at, performedAt: s.performed_at ?? s.done_at, doneBy: s.done_by, note: s.note }));
}

/** The stored incident, with the fields added since it was stored at their defaults. */
function docOf(row: repo.BreachRow): BreachDoc {
  return withTrailDefaults(JSON.parse(row.doc) as BreachDoc);
}

function toEntry(core: Core, row: repo.BreachRow): BreachEntry {
  const doc = docOf(row);
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
    processorTemplateVersion: row.processor_template_version ?? null,
    steps: stepsOf(repo.stepsFor(core.db, row.id)),
    journal: repo.journalFor(core.db, row.id).map(({ id, at, performed_at, actor, text }) => ({ id, at, performedAt: performed_at ?? at, actor, text })),
    clocks: clocksOf(settings, doc),
    controllerClocks: controllerClocks(doc),
    suggestion: suggestionFor(doc),
  };
}

function summarise(row: repo.BreachRow, steps: ReadonlyArray<repo.StepRow>, settings: BreachSettings): BreachSummary {
  const doc = docOf(row);
  return {
    id: row.id,
    ref: row.ref,
    title: doc.title,
    role: doc.role,
    status: doc.status,
    awareAt: doc.awareAt,
    awareUtc: ((r) => (r.ok ? r.utc : null))(instantOf(doc, 'awareAt')),
    zone: doc.zone,
    level: effectiveLevel(doc),
    confirmed: doc.risk.level !== '',
    authorityDecision: doc.decision.authority,
    notifiedAuthority: doc.notifications.some((n) => n.to === 'authority'),
    clocks: clocksOf(settings, doc),
    controllersToInform: controllerClocks(doc).filter((c) => !c.informed).length,
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
  const future = (r: ReturnType<typeof toInstant>, path: string) => {
    if (r.ok && Date.parse(r.utc) > limit) issues.push({ path, message: msg('inFuture') });
  };
  for (const key of ['occurredAt', 'endedAt', 'discoveredAt', 'awareAt'] as const) if (doc[key]) future(instantOf(doc, key), key);
  doc.notifications.forEach((n, i) => future(toInstant({ local: n.sentAt, zone: doc.zone }), `notifications.${i}.sentAt`));
  (doc.crossBorder?.otherNotifications ?? []).forEach((n, i) => {
    if (n.sentAt) future(toInstant({ local: n.sentAt, zone: doc.zone }), `crossBorder.otherNotifications.${i}.sentAt`);
  });
  for (const [rid, a] of Object.entries(doc.regimes ?? {})) for (const [sid, st] of Object.entries(a.steps)) if (st.sentAt) future(toInstant({ local: st.sentAt, zone: doc.zone }), `regimes.${rid}.steps.${sid}.sentAt`);
  issues.push(...regimeIssues(doc));
  if (issues.length) throw AppError.validation(issues);
}

function awareUtc(doc: BreachDoc): string {
  const r = instantOf(doc, 'awareAt');
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
    const template = checklistFor(core, doc.role);
    const id = randomUUID();
    const at = core.now().toISOString();
    const ref = nextRef(core, doc);
    repo.insertBreach(core.db, {
      id,
      ref,
      status: doc.status,
      aware_utc: awareUtc(doc),
      template_version: template.version,
      processor_template_version: template.processorVersion,
      version: 1,
      created_at: at,
      updated_at: at,
      deleted_at: null,
      doc: JSON.stringify(doc),
    });
    repo.insertSteps(
      core.db,
      template.steps.map((s, position) => ({ breach_id: id, position, step_id: s.id, label_fr: s.labelFr, label_en: s.labelEn, done_at: null, performed_at: null, done_by: null, note: '' })),
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
    const before = docOf(row);
    if (JSON.stringify(before) === JSON.stringify(doc)) return toEntry(core, row);
    checkAgainstStore(core, doc, getLists(core));
    const roleChanged = before.role !== doc.role;
    const template = roleChanged ? checklistFor(core, doc.role) : null;
    const ok = repo.updateBreach(
      core.db,
      {
        ...row,
        status: doc.status,
        aware_utc: awareUtc(doc),
        version: version + 1,
        updated_at: core.now().toISOString(),
        doc: JSON.stringify(doc),
        ...(template ? { template_version: template.version, processor_template_version: template.processorVersion } : {}),
      },
      version,
    );
    if (!ok) throw AppError.conflict('The incident was changed since it was read.');
    audit(core, BREACH_ENTITY, id, 'update', { ref: row.ref, ...before }, { ref: row.ref, ...doc });
    if (template) followRole(core, id, template.steps);
    return getBreach(core, id);
  });
}

/**
 * The checklist follows a change of role (issue 12): the steps of the new role's checklists that
 * the incident lacks are added in their place; steps not done that the new role does not carry
 * are removed; steps done are kept, with their time and author, whatever the role.
 */
function followRole(core: Core, id: string, target: ReadonlyArray<ChecklistStepDef>): void {
  const current = repo.stepsFor(core.db, id);
  const wanted = new Set(target.map((s) => s.id));
  const removed = current.filter((s) => !s.done_at && !wanted.has(s.step_id));
  for (const s of removed) repo.deleteOpenStep(core.db, id, s.step_id);
  const kept = current.filter((s) => !removed.includes(s));
  const added = target.filter((s) => !kept.some((k) => k.step_id === s.id));
  if (!removed.length && !added.length) return;
  const keptDefs = kept.map((s) => ({ id: s.step_id, labelFr: s.label_fr, labelEn: s.label_en }));
  const order = checklistUnion(keptDefs, target);
  repo.insertSteps(
    core.db,
    added.map((s) => ({ breach_id: id, position: order.findIndex((o) => o.id === s.id), step_id: s.id, label_fr: s.labelFr, label_en: s.labelEn, done_at: null, performed_at: null, done_by: null, note: '' })),
  );
  repo.renumberSteps(core.db, id, order.map((s) => s.id));
  audit(core, BREACH_ENTITY, id, 'checklist', { steps: removed.map((s) => s.step_id) }, { steps: added.map((s) => s.id) });
}

/** What a processor records when it has told a client controller (Art. 33(2)): when, how, under which reference. */
export type ControllerNoticeInput = Readonly<{ party: string; sentAt: string; means: string; reference: string; delayReason: string }>;

/**
 * Records that a client controller was informed (Art. 33(2)): a notice appended to the incident,
 * initial the first time, complementary after (Art. 33(4)); it stops that controller's clock and
 * goes to the history like any change. Issues come back on the notice's own fields.
 */
export function informController(core: Core, id: string, version: number, notice: ControllerNoticeInput): BreachEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    mustBeLive(row);
    const doc = docOf(row);
    const party = notice.party.trim();
    const phase = doc.notifications.some((n) => n.to === 'controller' && n.phase === 'initial' && n.party.trim() === party) ? 'complementary' : 'initial';
    const index = doc.notifications.length;
    const next: BreachDoc = { ...doc, notifications: [...doc.notifications, { to: 'controller', party, phase, sentAt: notice.sentAt, means: notice.means, reference: notice.reference, delayReason: notice.delayReason }] };
    const parsed = BreachDocSchema.safeParse(next);
    if (!parsed.success) {
      const prefix = `notifications.${index}.`;
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      const own = issues.filter((i) => i.path.startsWith(prefix)).map((i) => ({ ...i, path: i.path.slice(prefix.length) }));
      throw AppError.validation(own.length ? own : issues);
    }
    try {
      return updateBreach(core, id, version, parsed.data);
    } catch (e) {
      if (e instanceof AppError && e.data.code === 'validation') {
        const prefix = `notifications.${index}.`;
        throw AppError.validation(e.data.issues.map((i) => (i.path.startsWith(prefix) ? { ...i, path: i.path.slice(prefix.length) } : i)));
      }
      throw e;
    }
  });
}

/**
 * When a step was done or a journal entry's event happened (`performed`: local time in the
 * incident's zone), or now by the core's clock. Refused, next to the field, when it is in the future.
 */
function performedUtc(core: Core, doc: BreachDoc, performed: Performed | undefined): string {
  const now = core.now();
  if (!performed?.at) return now.toISOString();
  const r = performedInstant(performed.at, doc.zone, now.getTime(), FUTURE_TOLERANCE_MS, performed.fold);
  if (!r.ok) throw AppError.validation([{ path: 'performedAt', message: msg(r.error) }]);
  return r.utc;
}

/** A time given after the fact: "YYYY-MM-DDTHH:mm" in the incident's zone, at the first or second occurrence of a repeated hour. */
export type Performed = Readonly<{ at: string; fold?: Fold }>;

/**
 * Ticks (or unticks) a checklist step. The tick is recorded at the core's time (`done_at`); the
 * step was done at `performed` when given (after the fact), else now. Ticking a done step again
 * with another performed time corrects it; the note is kept.
 */
export function setBreachStep(core: Core, id: string, stepId: string, done: boolean, note: string, performed?: Performed): BreachEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    mustBeLive(row);
    const step = repo.getStep(core.db, id, stepId);
    if (!step) throw AppError.notFound(`No step ${stepId} on incident ${row.ref}`);
    const stepPerformed = step.performed_at ?? step.done_at;
    const doneAt = done ? (step.done_at ?? core.now().toISOString()) : null;
    const doneBy = done ? (step.done_by ?? core.actor) : null;
    const performedAt = !done ? null : performed?.at ? performedUtc(core, docOf(row), performed) : (stepPerformed ?? doneAt);
    if (doneAt === step.done_at && performedAt === stepPerformed && note === step.note) return toEntry(core, row);
    repo.setStep(core.db, id, stepId, doneAt, performedAt, doneBy, note);
    audit(
      core,
      BREACH_ENTITY,
      id,
      'step',
      { steps: { [stepId]: { performedAt: stepPerformed, doneAt: step.done_at, note: step.note } } },
      { steps: { [stepId]: { performedAt, doneAt, note } } },
    );
    return getBreach(core, id);
  });
}

/** A journal entry, written now (`at`), telling what happened at `performed` when given after the fact. */
export function addJournalEntry(core: Core, id: string, text: string, performed?: Performed): BreachEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    mustBeLive(row);
    const at = core.now().toISOString();
    const performedAt = performed?.at ? performedUtc(core, docOf(row), performed) : at;
    repo.appendJournal(core.db, { breach_id: id, at, performed_at: performedAt, actor: core.actor, text });
    audit(core, BREACH_ENTITY, id, 'journal', null, { journal: text, performedAt, recordedAt: at });
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
