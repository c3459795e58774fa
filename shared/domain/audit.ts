import { z } from 'zod';
import { msg, optionalDate, requiredText, text } from './validation';

/**
 * Supplier audit questionnaires (shared/domain.md 5.4): a template of themed questions with a
 * type, a weight and the answer expected; an audit answers one version of a template; the score
 * per theme and overall comes from the weights, not-applicable answers left out.
 */

/**
 * "hours": a delay in hours, or "without undue delay" (code `undue`) when the contract only
 * repeats the words of Art. 33(2) (question L2 of the built-in grid).
 */
export const ANSWER_TYPES = ['scale', 'number', 'text', 'document', 'hours'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];
/** Answers of a "scale" question; "document" questions take yes (provided) / no / na. */
export const SCALE_VALUES = ['yes', 'partly', 'no', 'na'] as const;
export const AUDIT_STATUSES = ['draft', 'sent', 'answered', 'reviewed', 'closed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const ACTION_STATUSES = ['open', 'inProgress', 'done'] as const;
export const AUDIT_METHODS = ['questionnaire', 'documents', 'onSite', 'thirdPartyReport'] as const;
/** "incomplete": too few answers for a verdict (see `auditVerdict`). */
export const VERDICTS = ['compliant', 'reserves', 'nonCompliant', 'incomplete'] as const;
/** The answer "without undue delay" (Art. 33(2)) of an "hours" question. */
export const UNDUE_DELAY = 'undue';
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
  /** scale/document: "yes" or "no"; number, hours: the maximum accepted (e.g. 48 hours); text: empty. */
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
      if ((q.type === 'number' || q.type === 'hours') && !/^\d+(\.\d+)?$/.test(q.expected)) ctx.addIssue({ code: 'custom', message: msg('number'), path: ['questions', i, 'expected'] });
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
    case 'hours':
      return v === 'na' || v === UNDUE_DELAY || /^\d+(\.\d+)?$/.test(v);
    case 'text':
      return true;
  }
}

/**
 * A breach-notice delay (the built-in grid's L2). Art. 33(2) GDPR: the processor notifies the
 * controller "without undue delay" after becoming aware of a breach; the controller then has 72
 * hours (Art. 33(1)), so the grid expects a committed number of hours at most `expected` (48 h:
 * CNIL, guide du sous-traitant, 2017, leaves the delay to the parties; 24-48 h is the market
 * practice, shared/domain.md 5.3). The app's rule: a number within the expectation earns the
 * whole weight, a longer one nothing; "without undue delay" with no number meets the law's words
 * but gives the controller no figure to plan its own 72 hours on, so it earns half (partly).
 */
export function hoursPoints(expectedHours: string, value: string): number {
  if (value === UNDUE_DELAY) return 0.5;
  return Number(value) <= Number(expectedHours) ? 1 : 0;
}

/** The share of a question's weight an answer earns (0 to 1), null when it is not scored (unanswered, not applicable, text). */
export function answerPoints(q: Question, value: string | undefined): number | null {
  const v = (value ?? '').trim();
  if (v === '' || v === 'na' || q.type === 'text' || q.weight === 0 || !validAnswer(q, v)) return null;
  if (q.type === 'number') return Number(v) <= Number(q.expected) ? 1 : 0;
  if (q.type === 'hours') return hoursPoints(q.expected, v);
  if (v === 'partly') return 0.5;
  return v === q.expected ? 1 : 0;
}

/** Whether a question counts towards the score and the coverage (a text or a weight of 0 does not). */
export const isScored = (q: Question) => q.type !== 'text' && q.weight > 0;

/** The coverage threshold's bounds and default (Settings, audits). */
export const COVERAGE_MIN = 0.5;
export const COVERAGE_MAX = 1;
export const COVERAGE_DEFAULT = 0.9;

export const AuditSettingsSchema = z.object({
  /** The share of the grid's weight that must be answered for a verdict (0.5 to 1). */
  coverageThreshold: z
    .number({ error: msg('number') })
    .min(COVERAGE_MIN, { error: msg('min', { min: COVERAGE_MIN }) })
    .max(COVERAGE_MAX, { error: msg('max', { max: COVERAGE_MAX }) }),
});
export type AuditSettings = z.infer<typeof AuditSettingsSchema>;
export const AUDIT_SETTINGS_DEFAULTS: AuditSettings = { coverageThreshold: COVERAGE_DEFAULT };

/**
 * Coverage: the answered weight over the total weight of the scored questions, 0 to 1 ("not
 * applicable" counts as answered: it is an answer; an invalid value does not). The app's own
 * rule: a score over a few answers says little, so the verdict needs enough of the grid.
 */
export function answerCoverage(template: Pick<TemplateDoc, 'questions'>, answers: Readonly<Record<string, Answer>>): number {
  let total = 0;
  let answered = 0;
  for (const q of template.questions) {
    if (!isScored(q)) continue;
    total += q.weight;
    const v = (answers[q.id]?.value ?? '').trim();
    if (v !== '' && validAnswer(q, v)) answered += q.weight;
  }
  return total === 0 ? 1 : answered / total;
}

/**
 * The themes with scored questions none of which is answered. The app's own rule: a whole
 * theme left blank (transfers, sub-processors, breaches…) hides a part of Art. 28 the verdict
 * would otherwise say nothing about, whatever the coverage.
 */
export function unansweredThemes(template: Pick<TemplateDoc, 'themes' | 'questions'>, answers: Readonly<Record<string, Answer>>): string[] {
  return template.themes
    .filter((th) => {
      const scored = template.questions.filter((q) => q.theme === th.id && isScored(q));
      return scored.length > 0 && scored.every((q) => (answers[q.id]?.value ?? '').trim() === '' || !validAnswer(q, answers[q.id]!.value.trim()));
    })
    .map((th) => th.id);
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
  /** Answered weight / total weight, 0-100 (one decimal). */
  coverage: number;
  /** The threshold the verdict was given with, 0-100. */
  coverageThreshold: number;
  /** Themes whose scored questions are all unanswered. */
  emptyThemes: ReadonlyArray<string>;
  verdict: Verdict | null;
}>;

const pct = (earned: number, possible: number) => (possible > 0 ? Math.round((earned / possible) * 1000) / 10 : null);

/**
 * The verdict. shared/domain.md 5.4 (tuned as the app's policy): a knock-out question failed
 * or under 50 % → not compliant; ≥ 80 % with no knock-out question failed or partly met →
 * compliant; otherwise compliant with reservations. The app's own rule before that: with the
 * answered weight under `threshold` (Settings, default 90 %) or a whole theme unanswered, the
 * verdict is "incomplete", except that a knock-out question already failed stays "not
 * compliant" (no missing answer can make up for it).
 */
export function auditVerdict(
  s: Readonly<{ overall: number | null; coverage: number; emptyThemes: ReadonlyArray<string>; criticalFailed: ReadonlyArray<string>; criticalPartial: ReadonlyArray<string> }>,
  threshold: number,
): Verdict | null {
  if (s.overall === null) return null;
  if (s.criticalFailed.length > 0) return 'nonCompliant';
  if (s.coverage < threshold || s.emptyThemes.length > 0) return 'incomplete';
  if (s.overall < 50) return 'nonCompliant';
  if (s.overall < 80 || s.criticalPartial.length > 0) return 'reserves';
  return 'compliant';
}

/**
 * Score per theme and overall: Σ(weight × points) / Σ(weight) over the applicable answers;
 * the verdict from `auditVerdict` with the coverage threshold of the Settings (0.5 to 1).
 */
export function scoreAudit(template: Pick<TemplateDoc, 'themes' | 'questions'>, answers: Readonly<Record<string, Answer>>, coverageThreshold: number): AuditScore {
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
      else if (isScored(q)) unanswered.push(q.id);
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
  const coverage = answerCoverage(template, answers);
  const emptyThemes = unansweredThemes(template, answers);
  const verdict = auditVerdict({ overall, coverage, emptyThemes, criticalFailed, criticalPartial }, coverageThreshold);
  return { overall, themes, unanswered, criticalFailed, criticalPartial, coverage: Math.floor(coverage * 1000) / 10, coverageThreshold: Math.round(coverageThreshold * 1000) / 10, emptyThemes, verdict };
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
  /** The coverage threshold of the Settings (0.5 to 1): the screen scores the answers as they are typed with it. */
  coverageThreshold: number;
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

export const IMPORT_COLUMNS = ['id', 'theme', 'question', 'type', 'expected', 'answer', 'comment'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * A row of a filled questionnaire the import reports. Every reason but `formula` means the row
 * was not taken (the audit keeps its earlier answer); `formula`: the cell's cached value was taken.
 */
export type ImportProblem = Readonly<{
  row: number;
  questionId: string;
  reason: 'unknownQuestion' | 'badValue' | 'duplicate' | 'lockedChanged' | 'formula' | 'formulaNoValue' | 'errorValue' | 'tooLong';
  value: string;
  /** The column concerned (lockedChanged, formula, formulaNoValue, errorValue, tooLong). */
  column?: ImportColumn;
}>;

/** The import's report: rows read, the rows reported (at most `IMPORT_REPORT_MAX`), how many more were not listed. */
export type ImportReport = Readonly<{ read: number; problems: ReadonlyArray<ImportProblem>; more: number }>;
export const IMPORT_REPORT_MAX = 200;
