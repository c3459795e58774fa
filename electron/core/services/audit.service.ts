import { randomUUID } from 'node:crypto';
import grid from '../../../resources/reference/audit-grid.json';
import {
  AUDIT_SETTINGS_DEFAULTS,
  AuditDocSchema,
  AuditSettingsSchema,
  type AuditSettings,
  BUILT_IN_TEMPLATE_ID,
  TemplateDocSchema,
  emptyAuditDoc,
  scoreAudit,
  validAnswer,
  type AuditDoc,
  type AuditTemplate,
  type SupplierAudit,
  type SupplierAuditSummary,
  type TemplateDoc,
} from '../../../shared/domain/audit';
import { msg } from '../../../shared/domain/validation';
import { AppError, type ValidationIssue } from '../../../shared/errors';
import * as repo from '../db/repos/supplier.repo';
import { getSetting, setSetting } from '../db/repos/settings.repo';
import { tx, type Core } from '../core';
import { audit as auditLog, history } from './audit';

export const AUDIT_ENTITY = 'supplier_audit';
export const TEMPLATE_ENTITY = 'audit_template';
export const BUILT_IN_TEMPLATE = BUILT_IN_TEMPLATE_ID;

// Templates --------------------------------------------------------------------------------------

const builtInChecked = new WeakSet<object>();

/**
 * The built-in grid (resources/reference/audit-grid.json, from shared/domain.md 5.4), stored as
 * version 1 on first use; when the app ships a changed grid (D2 made a knock-out, L2 answered in
 * hours or "without undue delay"), the next version is stored: audits already run keep theirs.
 */
function ensureBuiltIn(core: Core): void {
  if (builtInChecked.has(core.db)) return;
  const doc = TemplateDocSchema.parse({ name: grid.name.fr, themes: grid.themes, questions: grid.questions });
  tx(core, () => {
    const latest = repo.getTemplate(core.db, BUILT_IN_TEMPLATE);
    if (latest && latest.doc === JSON.stringify(doc)) return;
    repo.insertTemplate(core.db, { id: BUILT_IN_TEMPLATE, version: (latest?.version ?? 0) + 1, built_in: 1, doc: JSON.stringify(doc), created_at: core.now().toISOString(), actor: 'DPO Desk' });
  });
  builtInChecked.add(core.db);
}

// Settings ------------------------------------------------------------------------------------------

const SETTINGS_KEY = 'audit.settings';

export function getAuditSettings(core: Core): AuditSettings {
  const raw = getSetting(core.db, SETTINGS_KEY);
  const parsed = raw ? AuditSettingsSchema.safeParse({ ...AUDIT_SETTINGS_DEFAULTS, ...JSON.parse(raw) }) : null;
  return parsed?.success ? parsed.data : { ...AUDIT_SETTINGS_DEFAULTS };
}

export function saveAuditSettings(core: Core, settings: AuditSettings): AuditSettings {
  return tx(core, () => {
    const before = getAuditSettings(core);
    setSetting(core.db, SETTINGS_KEY, JSON.stringify(settings));
    auditLog(core, 'setting', SETTINGS_KEY, 'update', before, settings);
    return getAuditSettings(core);
  });
}

/** The coverage a verdict needs (Settings; 0.5 to 1, 0.9 by default). */
export const coverageThreshold = (core: Core) => getAuditSettings(core).coverageThreshold;

function toTemplate(r: repo.TemplateRow): AuditTemplate {
  return { id: r.id, version: r.version, builtIn: r.built_in === 1, doc: JSON.parse(r.doc) as TemplateDoc, createdAt: r.created_at, actor: r.actor };
}

/** The latest version of every template, the built-in one first. */
export function listTemplates(core: Core): AuditTemplate[] {
  ensureBuiltIn(core);
  const latest = new Map<string, repo.TemplateRow>();
  for (const r of repo.templateVersions(core.db)) latest.set(r.id, r);
  return [...latest.values()].map(toTemplate).sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.doc.name.localeCompare(b.doc.name));
}

export function getTemplate(core: Core, id: string, version?: number): AuditTemplate {
  ensureBuiltIn(core);
  const r = repo.getTemplate(core.db, id, version);
  if (!r) throw AppError.notFound(`No audit template ${id}${version ? ` v${version}` : ''}`);
  return toTemplate(r);
}

/**
 * A template version's questions (what an audit is scored against). A version is never changed
 * once written (a save writes the next one; copies get a new id), so parsed versions are kept,
 * keyed with their creation time (a register restored from a backup may hold another "builtin"
 * v1): the supplier list scores every supplier's last audit without parsing the grid each time.
 */
const parsedVersions = new Map<string, TemplateDoc>();
export function templateDoc(core: Core, id: string, version: number): TemplateDoc {
  const stamp = repo.templateStamp(core.db, id, version);
  if (stamp === undefined) return getTemplate(core, id, version).doc; // throws not_found
  const key = `${id}@${version}@${stamp}`;
  let doc = parsedVersions.get(key);
  if (!doc) {
    doc = getTemplate(core, id, version).doc;
    if (parsedVersions.size > 500) parsedVersions.clear();
    parsedVersions.set(key, doc);
  }
  return doc;
}

/** A copy the DPO can edit (the built-in grid itself is read-only). */
export function copyTemplate(core: Core, id: string, name: string): AuditTemplate {
  const source = getTemplate(core, id);
  return tx(core, () => {
    const newId = randomUUID();
    const doc = { ...source.doc, name };
    repo.insertTemplate(core.db, { id: newId, version: 1, built_in: 0, doc: JSON.stringify(doc), created_at: core.now().toISOString(), actor: core.actor });
    auditLog(core, TEMPLATE_ENTITY, newId, 'create', null, { copiedFrom: `${source.id} v${source.version}`, ...doc });
    return getTemplate(core, newId);
  });
}

/** Saves a new version of a template; audits already run keep the version they used. */
export function saveTemplate(core: Core, id: string, doc: TemplateDoc): AuditTemplate {
  const current = getTemplate(core, id);
  if (current.builtIn) throw AppError.conflict('The built-in grid cannot be edited: copy it first.');
  if (JSON.stringify(current.doc) === JSON.stringify(doc)) return current;
  return tx(core, () => {
    repo.insertTemplate(core.db, { id, version: current.version + 1, built_in: 0, doc: JSON.stringify(doc), created_at: core.now().toISOString(), actor: core.actor });
    auditLog(core, TEMPLATE_ENTITY, id, 'update', current.doc, doc);
    return getTemplate(core, id);
  });
}

// Audits -----------------------------------------------------------------------------------------

export type AuditEntry = SupplierAudit;
export type AuditSummary = SupplierAuditSummary;

function supplierName(core: Core, supplierId: string): string {
  const s = repo.getSupplier(core.db, supplierId);
  return s ? s.name : supplierId;
}

function toEntry(core: Core, r: repo.AuditRow, threshold = coverageThreshold(core)): AuditEntry {
  const template = templateDoc(core, r.template_id, r.template_version);
  const doc = JSON.parse(r.doc) as AuditDoc;
  return {
    id: r.id,
    supplierId: r.supplier_id,
    supplierName: supplierName(core, r.supplier_id),
    templateId: r.template_id,
    templateVersion: r.template_version,
    template,
    doc,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    score: scoreAudit(template, doc.answers, threshold),
    coverageThreshold: threshold,
  };
}

export function summariseAudit(core: Core, r: repo.AuditRow, threshold = coverageThreshold(core)): AuditSummary {
  const e = toEntry(core, r, threshold);
  return {
    id: e.id,
    supplierId: e.supplierId,
    templateId: e.templateId,
    templateName: e.template.name,
    templateVersion: e.templateVersion,
    status: e.doc.status,
    createdAt: e.createdAt,
    sentOn: e.doc.sentOn,
    dueOn: e.doc.dueOn,
    closedOn: e.doc.closedOn,
    overall: e.score.overall,
    verdict: e.score.verdict,
    openActions: e.doc.actions.filter((a) => a.status !== 'done').length,
  };
}

/** A supplier's audits, oldest first: the trend of its scores. */
export function auditsOf(core: Core, supplierId: string): AuditSummary[] {
  const threshold = coverageThreshold(core);
  return repo.auditsOf(core.db, supplierId).map((r) => summariseAudit(core, r, threshold));
}

function mustGetAudit(core: Core, id: string): repo.AuditRow {
  const r = repo.getAudit(core.db, id);
  if (!r || r.deleted_at) throw AppError.notFound(`No audit ${id}`);
  return r;
}

export function getAudit(core: Core, id: string): AuditEntry {
  return toEntry(core, mustGetAudit(core, id));
}

export function auditHistory(core: Core, id: string) {
  mustGetAudit(core, id);
  return history(core, AUDIT_ENTITY, id);
}

export function createAudit(core: Core, supplierId: string, templateId: string): AuditEntry {
  const template = getTemplate(core, templateId);
  return tx(core, () => {
    const s = repo.getSupplier(core.db, supplierId);
    if (!s || s.deleted_at) throw AppError.notFound(`No supplier ${supplierId}`);
    const id = randomUUID();
    const at = core.now().toISOString();
    const doc = emptyAuditDoc();
    repo.insertAudit(core.db, { id, supplier_id: supplierId, template_id: template.id, template_version: template.version, status: doc.status, version: 1, created_at: at, updated_at: at, deleted_at: null, doc: JSON.stringify(doc) });
    auditLog(core, AUDIT_ENTITY, id, 'create', null, { supplier: s.name, template: `${template.doc.name} v${template.version}`, ...doc });
    return getAudit(core, id);
  });
}

/** What the schema cannot check: answers fit their question, findings point at questions of the template. */
function checkAnswers(template: TemplateDoc, doc: AuditDoc): void {
  const issues: ValidationIssue[] = [];
  const byId = new Map(template.questions.map((q) => [q.id, q]));
  for (const [qid, a] of Object.entries(doc.answers)) {
    const q = byId.get(qid);
    if (!q) issues.push({ path: `answers.${qid}.value`, message: msg('unknownQuestion') });
    else if (!validAnswer(q, a.value)) issues.push({ path: `answers.${qid}.value`, message: msg(q.type === 'number' ? 'number' : q.type === 'hours' ? 'hours' : 'choice') });
  }
  doc.findings.forEach((f, i) => {
    if (f.questionId !== '' && !byId.has(f.questionId)) issues.push({ path: `findings.${i}.questionId`, message: msg('unknownQuestion') });
  });
  if (issues.length) throw AppError.validation(issues);
}

export function updateAudit(core: Core, id: string, version: number, doc: AuditDoc, action = 'update'): AuditEntry {
  return tx(core, () => {
    const r = mustGetAudit(core, id);
    if (r.version !== version) throw AppError.conflict('The audit was changed since it was read.');
    if (r.doc === JSON.stringify(doc)) return toEntry(core, r);
    checkAnswers(templateDoc(core, r.template_id, r.template_version), doc);
    const ok = repo.updateAudit(core.db, { ...r, status: doc.status, version: version + 1, updated_at: core.now().toISOString(), doc: JSON.stringify(doc) }, version);
    if (!ok) throw AppError.conflict('The audit was changed since it was read.');
    auditLog(core, AUDIT_ENTITY, id, action, JSON.parse(r.doc), doc);
    return getAudit(core, id);
  });
}

export function deleteAudit(core: Core, id: string): void {
  tx(core, () => {
    const r = mustGetAudit(core, id);
    const at = core.now().toISOString();
    repo.updateAudit(core.db, { ...r, version: r.version + 1, updated_at: at, deleted_at: at }, r.version);
    auditLog(core, AUDIT_ENTITY, id, 'delete', JSON.parse(r.doc), null);
  });
}

/** Parses an audit document the core builds itself (import). */
export function parseAuditDoc(doc: unknown): AuditDoc {
  const r = AuditDocSchema.safeParse(doc);
  if (!r.success) throw AppError.validation(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return r.data;
}
