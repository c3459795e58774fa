import type { DB } from '../types';

export type BreachRow = Readonly<{
  id: string;
  ref: string;
  status: 'open' | 'contained' | 'closed';
  aware_utc: string;
  template_version: number;
  /** Role "both": the processor checklist's version (migration 0110); null otherwise. */
  processor_template_version: number | null;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  doc: string;
}>;

export type StepRow = Readonly<{
  breach_id: string;
  position: number;
  step_id: string;
  label_fr: string;
  label_en: string;
  done_at: string | null;
  /** When the step was done (issue 12); done_at is when the tick was recorded. Null only while not done. */
  performed_at: string | null;
  done_by: string | null;
  note: string;
}>;

export type JournalRow = Readonly<{ id: number; breach_id: string; at: string; performed_at: string; actor: string; text: string }>;
export type TemplateRow = Readonly<{ version: number; role: 'controller' | 'processor'; steps: string; created_at: string; actor: string }>;

export function getBreach(db: DB, id: string): BreachRow | undefined {
  return db.prepare('SELECT * FROM breach WHERE id = ?').get(id) as BreachRow | undefined;
}

export function insertBreach(db: DB, row: BreachRow): void {
  db.prepare(
    `INSERT INTO breach (id, ref, status, aware_utc, template_version, processor_template_version, version, created_at, updated_at, deleted_at, doc)
     VALUES (@id, @ref, @status, @aware_utc, @template_version, @processor_template_version, @version, @created_at, @updated_at, @deleted_at, @doc)`,
  ).run(row);
}

/** Writes a new version if the stored one is still `expectedVersion`; returns false otherwise. */
export function updateBreach(db: DB, row: BreachRow, expectedVersion: number): boolean {
  return (
    db
      .prepare(
        `UPDATE breach SET status = @status, aware_utc = @aware_utc, version = @version, updated_at = @updated_at,
                deleted_at = @deleted_at, doc = @doc, template_version = @template_version,
                processor_template_version = @processor_template_version
          WHERE id = @id AND version = @expected`,
      )
      .run({ ...row, expected: expectedVersion }).changes === 1
  );
}

export function listBreaches(db: DB, trash: boolean): BreachRow[] {
  const sql = trash
    ? 'SELECT * FROM breach WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC'
    : 'SELECT * FROM breach WHERE deleted_at IS NULL ORDER BY aware_utc DESC';
  return db.prepare(sql).all() as BreachRow[];
}

/** The references already used for a year ("VIOL-2026-"), to number the next one. */
export function refsWithPrefix(db: DB, prefix: string): string[] {
  return db.prepare("SELECT ref FROM breach WHERE substr(ref, 1, length(?)) = ?").pluck().all(prefix, prefix) as string[];
}

export function purgeBreach(db: DB, id: string): void {
  db.prepare('DELETE FROM breach WHERE id = ? AND deleted_at IS NOT NULL').run(id);
}

export function trashedBreachIds(db: DB): string[] {
  return db.prepare('SELECT id FROM breach WHERE deleted_at IS NOT NULL').pluck().all() as string[];
}

// Steps ------------------------------------------------------------------------------------------

export function insertSteps(db: DB, rows: ReadonlyArray<StepRow>): void {
  const stmt = db.prepare(
    `INSERT INTO breach_step (breach_id, position, step_id, label_fr, label_en, done_at, performed_at, done_by, note)
     VALUES (@breach_id, @position, @step_id, @label_fr, @label_en, @done_at, @performed_at, @done_by, @note)`,
  );
  for (const r of rows) stmt.run(r);
}

export function stepsFor(db: DB, breachId: string): StepRow[] {
  return db.prepare('SELECT * FROM breach_step WHERE breach_id = ? ORDER BY position').all(breachId) as StepRow[];
}

export function allSteps(db: DB): StepRow[] {
  return db.prepare('SELECT * FROM breach_step ORDER BY breach_id, position').all() as StepRow[];
}

export function getStep(db: DB, breachId: string, stepId: string): StepRow | undefined {
  return db.prepare('SELECT * FROM breach_step WHERE breach_id = ? AND step_id = ?').get(breachId, stepId) as StepRow | undefined;
}

/** Removes a step not done (the incident's role changed and the step is not in its checklists any more). */
export function deleteOpenStep(db: DB, breachId: string, stepId: string): void {
  db.prepare('DELETE FROM breach_step WHERE breach_id = ? AND step_id = ? AND done_at IS NULL').run(breachId, stepId);
}

export function renumberSteps(db: DB, breachId: string, order: ReadonlyArray<string>): void {
  const stmt = db.prepare('UPDATE breach_step SET position = ? WHERE breach_id = ? AND step_id = ?');
  order.forEach((stepId, position) => stmt.run(position, breachId, stepId));
}

export function setStep(db: DB, breachId: string, stepId: string, doneAt: string | null, performedAt: string | null, doneBy: string | null, note: string): void {
  db.prepare('UPDATE breach_step SET done_at = ?, performed_at = ?, done_by = ?, note = ? WHERE breach_id = ? AND step_id = ?').run(doneAt, performedAt, doneBy, note, breachId, stepId);
}

// Journal ----------------------------------------------------------------------------------------

export function appendJournal(db: DB, row: Omit<JournalRow, 'id'>): number {
  return Number(db.prepare('INSERT INTO breach_journal (breach_id, at, performed_at, actor, text) VALUES (@breach_id, @at, @performed_at, @actor, @text)').run(row).lastInsertRowid);
}

export function journalFor(db: DB, breachId: string): JournalRow[] {
  return db.prepare('SELECT * FROM breach_journal WHERE breach_id = ? ORDER BY id').all(breachId) as JournalRow[];
}

// Checklist template -----------------------------------------------------------------------------

/** The latest version of one role's checklist (migration 0110: one checklist per role). */
export function latestTemplate(db: DB, role: TemplateRow['role']): TemplateRow | undefined {
  return db.prepare('SELECT * FROM checklist_template WHERE role = ? ORDER BY version DESC LIMIT 1').get(role) as TemplateRow | undefined;
}

/** Versions are one sequence across the roles, so that an incident's template_version names one row. */
export function nextTemplateVersion(db: DB): number {
  return ((db.prepare('SELECT max(version) FROM checklist_template').pluck().get() as number | null) ?? 0) + 1;
}

export function insertTemplate(db: DB, row: TemplateRow): void {
  db.prepare('INSERT INTO checklist_template (version, role, steps, created_at, actor) VALUES (@version, @role, @steps, @created_at, @actor)').run(row);
}
