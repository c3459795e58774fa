import type { DB } from '../types';

/**
 * Issue 12 (roles): one checklist per role. A template version now says whose checklist it is
 * (controller or processor); version numbers stay one sequence, so breach.template_version still
 * points at one row. An incident where the organisation is both controller and processor keeps
 * the processor checklist's version beside the controller's.
 *
 * A register that already has a template (one list for every role, with the "tell the client
 * controllers" step) gets two new versions made from its latest one, so that the DPO's own steps
 * and wording are kept: the controller's without the processor step, the processor's without the
 * controller's notification steps and with the processor's duties (Art. 33(2), 28(3)(f)).
 * Incidents keep the steps they were opened with: breach_step is not touched.
 *
 * The step definitions are frozen here (not imported) so that this migration never changes.
 */
type Step = { id: string; labelFr: string; labelEn: string };

const CONTROLLER_ONLY = new Set(['decide', 'notifyAuthority', 'informSubjects']);
const PROCESSOR_STEPS: Step[] = [
  { id: 'tellControllers', labelFr: 'Informer chaque responsable de traitement client dans les meilleurs délais (art. 33.2)', labelEn: 'Inform each client controller without undue delay (Art. 33(2))' },
  { id: 'assistControllers', labelFr: 'Aider les responsables de traitement à notifier (informations complémentaires, art. 28.3.f)', labelEn: 'Help the controllers notify (further information, Art. 28(3)(f))' },
];

export default function migrate0110(db: DB, now: () => Date): void {
  db.exec(`
    ALTER TABLE checklist_template ADD COLUMN role TEXT NOT NULL DEFAULT 'controller' CHECK (role IN ('controller', 'processor'));
    ALTER TABLE breach ADD COLUMN processor_template_version INTEGER REFERENCES checklist_template (version);
  `);
  const latest = db.prepare('SELECT version, steps FROM checklist_template ORDER BY version DESC LIMIT 1').get() as { version: number; steps: string } | undefined;
  if (!latest) return; // none stored yet: the app writes the shipped ones on first use
  const steps = JSON.parse(latest.steps) as Step[];
  const at = now().toISOString();
  const insert = db.prepare("INSERT INTO checklist_template (version, steps, created_at, actor, role) VALUES (?, ?, ?, 'DPO Desk', ?)");
  const auditRow = db.prepare("INSERT INTO audit_log (at, actor, entity, entity_id, action, before, after) VALUES (?, 'DPO Desk', 'checklist_template', ?, 'migrate', ?, ?)");

  const controller = steps.filter((s) => s.id !== 'tellControllers');
  const processor = steps.filter((s) => !CONTROLLER_ONLY.has(s.id));
  // The processor's steps where the controller's notifications were (else before the follow-up, else last).
  const anchor = steps.findIndex((s) => CONTROLLER_ONLY.has(s.id) || s.id === 'tellControllers');
  const before = anchor < 0 ? -1 : steps.slice(0, anchor).filter((s) => !CONTROLLER_ONLY.has(s.id)).length;
  const followUp = processor.findIndex((s) => s.id === 'followUp');
  const at0 = before >= 0 ? before : followUp >= 0 ? followUp : processor.length;
  const missing = PROCESSOR_STEPS.filter((p) => !processor.some((s) => s.id === p.id));
  const tellAt = processor.findIndex((s) => s.id === 'tellControllers');
  processor.splice(tellAt >= 0 ? tellAt + 1 : at0, 0, ...missing);

  let version = latest.version;
  for (const [role, list] of [['controller', controller], ['processor', processor]] as const) {
    version += 1;
    insert.run(version, JSON.stringify(list), at, role);
    auditRow.run(at, String(version), JSON.stringify({ steps }), JSON.stringify({ role, steps: list }));
  }
}
