import { z } from 'zod';
import { msg, optionalDate, requiredText, text } from './validation';

/**
 * Supplier audit questionnaires (shared/domain.md 5.4): a template of themed questions with a
 * type, a weight and the answer expected; an audit answers one version of a template; the score
 * per theme and overall comes from the weights, not-applicable answers left out.
 */

export const ANSWER_TYPES = ['scale', 'number', 'text', 'document'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];
/** Answers of a "scale" question; "document" questions take yes (provided) / no / na. */
export const SCALE_VALUES = ['yes', 'partly', 'no', 'na'] as const;
export const AUDIT_STATUSES = ['draft', 'sent', 'answered', 'reviewed', 'closed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const ACTION_STATUSES = ['open', 'inProgress', 'done'] as const;
export const AUDIT_METHODS = ['questionnaire', 'documents', 'onSite', 'thirdPartyReport'] as const;
export const VERDICTS = ['compliant', 'reserves', 'nonCompliant'] as const;
/** The id of the grid shipped with the app; its name is shown in the reader's language. */
export const BUILT_IN_TEMPLATE_ID = 'builtin';
export type Verdict = (typeof VERDICTS)[number];

const ID = z.string().min(1, { error: msg('required') }).max(20, { error: msg('tooLong', { max: 20 }) }).regex(/^[A-Za-z0-9_.-]+$/, { error: msg('invalid') });

export const QuestionSchema = z.object({
  id: ID,
  theme: ID,
  textFr: requiredText(1000),
  textEn: requiredText(1000),
  type: z.enum(ANSWER_TYPES, { error: msg('choice') }),
  /** 0 (not scored) to 3 (critical weight). */
  weight: z.number({ error: msg('number') }).int({ error: msg('integer') }).min(0, { error: msg('min', { min: 0 }) }).max(3, { error: msg('max', { max: 3 }) }),
  /** A knock-out question: answered "no" it makes the supplier non-compliant whatever the score. */
  critical: z.boolean(),
  /** scale/document: "yes" or "no"; number: the maximum accepted (e.g. 48 hours); text: empty. */
  expected: text(100),
  ref: text(200),
});
export type Question = z.infer<typeof QuestionSchema>;

export const TemplateDocSchema = z
  .object({
    name: requiredText(200),
    themes: z.array(z.object({ id: ID, labelFr: requiredText(200), labelEn: requiredText(200) })).min(1, { error: msg('required') }).max(40),
    questions: z.array(QuestionSchema).min(1, { error: msg('required') }).max(300, { error: msg('tooMany', { max: 300 }) }),
  })
  .superRefine((t, ctx) => {
    const themes = new Set<string>();
    t.themes.forEach((th, i) => {
      if (themes.has(th.id)) ctx.addIssue({ code: 'custom', message: msg('duplicate'), path: ['themes', i, 'id'] });
      themes.add(th.id);
    });
    const ids = new Set<string>();
    t.questions.forEach((q, i) => {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', message: msg('duplicate'), path: ['questions', i, 'id'] });
      ids.add(q.id);
      if (!themes.has(q.theme)) ctx.addIssue({ code: 'custom', message: msg('unknownTheme'), path: ['questions', i, 'theme'] });
      if ((q.type === 'scale' || q.type === 'document') && q.expected !== 'yes' && q.expected !== 'no') ctx.addIssue({ code: 'custom', message: msg('expectedYesNo'), path: ['questions', i, 'expected'] });
      if (q.type === 'number' && !/^\d+(\.\d+)?$/.test(q.expected)) ctx.addIssue({ code: 'custom', message: msg('number'), path: ['questions', i, 'expected'] });
    });
  });
export type TemplateDoc = z.infer<typeof TemplateDocSchema>;

export type AuditTemplate = Readonly<{ id: string; version: number; builtIn: boolean; doc: TemplateDoc; createdAt: string; actor: string }>;

export const AnswerSchema = z.object({ value: text(2000), comment: text(5000) });
export type Answer = z.infer<typeof AnswerSchema>;

export const AuditDocSchema = z.object({
  status: z.enum(AUDIT_STATUSES, { error: msg('choice') }),
  method: z.enum(AUDIT_METHODS, { error: msg('choice') }),
  sentOn: optionalDate,
  dueOn: optionalDate,
  answeredOn: optionalDate,
  reviewedOn: optionalDate,
  closedOn: optionalDate,
  answers: z.record(z.string().max(20), AnswerSchema),
  findings: z
    .array(z.object({ questionId: z.string().max(20), severity: z.enum(SEVERITIES, { error: msg('choice') }), description: requiredText(5000) }))
    .max(300, { error: msg('tooMany', { max: 300 }) }),
  actions: z
    .array(
      z.object({
        title: requiredText(500),
        owner: text(200),
        due: optionalDate,
        status: z.enum(ACTION_STATUSES, { error: msg('choice') }),
      }),
    )
    .max(300, { error: msg('tooMany', { max: 300 }) }),
  nextAuditOn: optionalDate,
  notes: text(20_000),
});
export type AuditDoc = z.infer<typeof AuditDocSchema>;

export function emptyAuditDoc(): AuditDoc {
  return { status: 'draft', method: 'questionnaire', sentOn: '', dueOn: '', answeredOn: '', reviewedOn: '', closedOn: '', answers: {}, findings: [], actions: [], nextAuditOn: '', notes: '' };
}

/** Whether an answer's value is one the question's type accepts (empty = unanswered, accepted). */
export function validAnswer(q: Question, value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  switch (q.type) {
    case 'scale':
      return (SCALE_VALUES as readonly string[]).includes(v);
    case 'document':
      return v === 'yes' || v === 'no' || v === 'na';
    case 'number':
      return v === 'na' || /^\d+(\.\d+)?$/.test(v);
    case 'text':
      return true;
  }
}

/** The share of a question's weight an answer earns (0 to 1), null when it is not scored (unanswered, not applicable, text). */
export function answerPoints(q: Question, value: string | undefined): number | null {
  const v = (value ?? '').trim();
  if (v === '' || v === 'na' || q.type === 'text' || q.weight === 0 || !validAnswer(q, v)) return null;
  if (q.type === 'number') return Number(v) <= Number(q.expected) ? 1 : 0;
  if (v === 'partly') return 0.5;
  return v === q.expected ? 1 : 0;
}

export type ThemeScore = Readonly<{ theme: string; score: number | null; earned: number; possible: number; answered: number; questions: number }>;

export type AuditScore = Readonly<{
  /** 0-100, over the questions answered and applicable; null when none is. */
  overall: number | null;
  themes: ReadonlyArray<ThemeScore>;
  /** Scored questions still without an answer. */
  unanswered: ReadonlyArray<string>;
  /** Critical questions answered against the expected value (knock-out). */
  criticalFailed: ReadonlyArray<string>;
  criticalPartial: ReadonlyArray<string>;
  verdict: Verdict | null;
}>;

const pct = (earned: number, possible: number) => (possible > 0 ? Math.round((earned / possible) * 1000) / 10 : null);

/**
 * Score per theme and overall: Σ(weight × points) / Σ(weight) over the applicable answers.
 * Verdict (domain.md 5.4): ≥ 80 % with no critical failed → compliant; < 50 % or any critical
 * failed → non-compliant; otherwise, or any critical only partly met, compliant with reserves.
 */
export function scoreAudit(template: Pick<TemplateDoc, 'themes' | 'questions'>, answers: Readonly<Record<string, Answer>>): AuditScore {
  let earned = 0;
  let possible = 0;
  const unanswered: string[] = [];
  const criticalFailed: string[] = [];
  const criticalPartial: string[] = [];
  const themes = template.themes.map((th): ThemeScore => {
    let e = 0;
    let p = 0;
    let answered = 0;
    const questions = template.questions.filter((q) => q.theme === th.id);
    for (const q of questions) {
      const value = answers[q.id]?.value ?? '';
      if (value.trim() !== '') answered++;
      else if (q.type !== 'text' && q.weight > 0) unanswered.push(q.id);
      const points = answerPoints(q, value);
      if (points === null) continue;
      e += q.weight * points;
      p += q.weight;
      if (q.critical && points === 0) criticalFailed.push(q.id);
      if (q.critical && points > 0 && points < 1) criticalPartial.push(q.id);
    }
    earned += e;
    possible += p;
    return { theme: th.id, score: pct(e, p), earned: e, possible: p, answered, questions: questions.length };
  });
  const overall = pct(earned, possible);
  let verdict: Verdict | null = null;
  if (overall !== null) {
    if (overall < 50 || criticalFailed.length > 0) verdict = 'nonCompliant';
    else if (overall < 80 || criticalPartial.length > 0) verdict = 'reserves';
    else verdict = 'compliant';
  }
  return { overall, themes, unanswered, criticalFailed, criticalPartial, verdict };
}

/** A supplier audit as the UI reads it: its answers, the template version it was run with, its score. */
export type SupplierAudit = Readonly<{
  id: string;
  supplierId: string;
  supplierName: string;
  templateId: string;
  templateVersion: number;
  template: TemplateDoc;
  doc: AuditDoc;
  version: number;
  createdAt: string;
  updatedAt: string;
  score: AuditScore;
}>;

export type SupplierAuditSummary = Readonly<{
  id: string;
  supplierId: string;
  templateId: string;
  templateName: string;
  templateVersion: number;
  status: AuditStatus;
  createdAt: string;
  sentOn: string;
  dueOn: string;
  closedOn: string;
  overall: number | null;
  verdict: Verdict | null;
  openActions: number;
}>;

/** A row of a filled questionnaire that could not be read. */
export type ImportProblem = Readonly<{ row: number; questionId: string; reason: 'unknownQuestion' | 'badValue' | 'duplicate'; value: string }>;
