import type { FileChild } from 'docx';
import { DateTime } from 'luxon';
import { docDate } from './dates';
import { BUILT_IN_TEMPLATE_ID, UNDUE_DELAY, type AuditDoc, type AuditScore, type Question, type TemplateDoc } from '../../../../shared/domain/audit';
import type { Language } from '../../../../shared/domain/enums';
import { contractFindings, type SupplierDoc } from '../../../../shared/domain/supplier';
import { translate } from '../../../../shared/i18n';
import { countryName } from '../../../../shared/domain/countries';
import type { Value } from './blocks';
import { packOneSection } from './one-section';
import { TocCollector, type ContentBuilder } from './builder';
import { DocxBuilder } from './docx-builder';
import { PORTRAIT_TEXT_WIDTH } from './styles';

/**
 * The supplier documents: the audit questionnaire to send, the audit report (scores by theme,
 * findings, actions), and the supplier list, alone or as the yearly register's annex.
 */

export type SupplierCtx = Readonly<{ lang: Language; t: (key: string, params?: Record<string, string | number>) => string; now: Date; organisation: string }>;

export function supplierContext(lang: Language, organisation: string, now: Date): SupplierCtx {
  return { lang, t: (key, params) => translate(lang, key, params), now, organisation };
}

const date = (c: SupplierCtx, iso: string) => docDate(c.lang, iso.slice(0, 10));
const pct = (c: SupplierCtx, v: number | null) => (v === null ? c.t('auditDoc.notScored') : `${v.toLocaleString(c.lang === 'fr' ? 'fr-FR' : 'en-GB')} %`);

function answerLabel(c: SupplierCtx, type: string, value: string): string {
  if (!value) return '';
  if (type === 'scale') return c.t(`audit.answer.${value}`);
  if (type === 'document') return c.t(`audit.document.${value}`);
  if (type === 'hours' && value === UNDUE_DELAY) return c.t('audit.answer.undue');
  if (type === 'hours' && value !== 'na') return c.t('audit.hours', { n: value });
  return value === 'na' ? c.t('audit.answer.na') : value;
}

/** The answer the grid expects (our internal report only: the supplier's questionnaire never shows it). */
function expectedLabel(c: SupplierCtx, q: Question): string {
  if (q.type === 'number') return `≤ ${q.expected}`;
  if (q.type === 'hours') return c.t('audit.hoursMax', { n: q.expected });
  if (q.type === 'text') return '';
  return answerLabel(c, q.type, q.expected);
}

export type AuditReportInput = Readonly<{ supplier: SupplierDoc; templateId: string; template: TemplateDoc; templateVersion: number; doc: AuditDoc; score: AuditScore; trend: ReadonlyArray<{ date: string; overall: number | null }> }>;

/** A template's name as the reader sees it: the built-in grid's in the document's language. */
export const templateLabel = (c: SupplierCtx, templateId: string, template: TemplateDoc) => (templateId === BUILT_IN_TEMPLATE_ID ? c.t('auditDoc.builtInName') : template.name);

/** The questionnaire the supplier receives: each question and where to answer; never the answer we expect. */
export function writeQuestionnaire(c: SupplierCtx, b: ContentBuilder, template: TemplateDoc, version: number, templateId = ''): void {
  b.para(c.t('auditDoc.questionnaireIntro', { template: templateLabel(c, templateId, template), version }));
  for (const th of template.themes) {
    b.heading(`${th.id}. ${c.lang === 'fr' ? th.labelFr : th.labelEn}`, 1);
    for (const q of template.questions.filter((x) => x.theme === th.id)) {
      b.fields([
        [q.id, [c.lang === 'fr' ? q.textFr : q.textEn, ...(q.critical ? [c.t('auditDoc.critical')] : [])].join('\n')],
        [
          c.t('auditDoc.answerLine'),
          q.type === 'scale'
            ? `☐ ${c.t('audit.answer.yes')}   ☐ ${c.t('audit.answer.partly')}   ☐ ${c.t('audit.answer.no')}   ☐ ${c.t('audit.answer.na')}`
            : q.type === 'document'
              ? `☐ ${c.t('audit.document.yes')}   ☐ ${c.t('audit.document.no')}   ☐ ${c.t('audit.document.na')}`
              : q.type === 'hours'
                ? `☐ ${c.t('audit.hours', { n: '____' })}   ☐ ${c.t('audit.answer.undue')}   ☐ ${c.t('audit.answer.na')}`
                : '',
        ],
        [c.t('auditDoc.commentLine'), '\n\n'],
      ]);
    }
  }
}

export function writeAuditReport(c: SupplierCtx, b: ContentBuilder, r: AuditReportInput): void {
  const themes = new Map(r.template.themes.map((th) => [th.id, c.lang === 'fr' ? th.labelFr : th.labelEn]));
  const questions = new Map(r.template.questions.map((q) => [q.id, q]));
  b.heading(c.t('auditDoc.scores'), 1);
  b.fields([
    [c.t('auditDoc.overall'), pct(c, r.score.overall)],
    [c.t('auditDoc.verdict'), r.score.verdict ? c.t(`audit.verdict.${r.score.verdict}`) : c.t('auditDoc.notScored')],
    [c.t('auditDoc.coverage'), c.t('auditDoc.coverageValue', { coverage: pct(c, r.score.coverage), threshold: pct(c, r.score.coverageThreshold) })],
    [c.t('auditDoc.emptyThemes'), r.score.emptyThemes.length ? r.score.emptyThemes.map((id) => `${id}. ${themes.get(id) ?? id}`) : c.t('auditDoc.none')],
    [c.t('auditDoc.criticalFailed'), r.score.criticalFailed.length ? r.score.criticalFailed.map((id) => `${id} – ${c.lang === 'fr' ? questions.get(id)?.textFr : questions.get(id)?.textEn}`) : c.t('auditDoc.none')],
    [c.t('auditDoc.unanswered'), r.score.unanswered.length ? r.score.unanswered.join(', ') : c.t('auditDoc.none')],
  ]);
  b.table(
    [c.t('auditDoc.theme'), c.t('auditDoc.score'), c.t('auditDoc.answered')],
    r.score.themes.map((s) => [`${s.theme}. ${themes.get(s.theme) ?? s.theme}`, pct(c, s.score), `${s.answered} / ${s.questions}`]),
    [5638, 2000, 2000],
  );
  b.heading(c.t('auditDoc.findings'), 1);
  if (r.doc.findings.length === 0) b.para(c.t('auditDoc.none'));
  else
    b.table(
      [c.t('auditDoc.question'), c.t('auditDoc.severity'), c.t('auditDoc.description')],
      r.doc.findings.map((f) => [f.questionId || '–', c.t(`audit.severity.${f.severity}`), f.description]),
      [1400, 1600, PORTRAIT_TEXT_WIDTH - 3000],
    );
  b.heading(c.t('auditDoc.actions'), 1);
  if (r.doc.actions.length === 0) b.para(c.t('auditDoc.none'));
  else
    b.table(
      [c.t('auditDoc.action'), c.t('auditDoc.owner'), c.t('auditDoc.due'), c.t('auditDoc.status')],
      r.doc.actions.map((a) => [a.title, a.owner, date(c, a.due), c.t(`audit.actionStatus.${a.status}`)]),
      [4638, 2000, 1600, 1400],
    );
  b.heading(c.t('auditDoc.contractFindings'), 1);
  const findings = contractFindings(r.supplier);
  if (findings.length === 0) b.para(c.t('auditDoc.none'));
  for (const f of findings) b.para(c.t(`supplier.finding.${f.key}`, { clause: f.clause ? c.t(`supplier.clause.${f.clause}`) : '' }));
  if (r.trend.length > 1) {
    b.heading(c.t('auditDoc.trend'), 1);
    b.table([c.t('auditDoc.date'), c.t('auditDoc.score')], r.trend.map((x) => [date(c, x.date), pct(c, x.overall)]), [4819, 4819]);
  }
  b.heading(c.t('auditDoc.answered'), 1);
  for (const th of r.template.themes) {
    b.heading(`${th.id}. ${themes.get(th.id)}`, 3);
    b.fields(
      r.template.questions
        .filter((q) => q.theme === th.id)
        .map((q): readonly [string, Value] => {
          const a = r.doc.answers[q.id];
          const expected = expectedLabel(c, q);
          return [
            `${q.id} – ${c.lang === 'fr' ? q.textFr : q.textEn}${q.critical ? ` (${c.t('auditDoc.critical')})` : ''}`,
            [answerLabel(c, q.type, a?.value ?? '') || '—', expected ? c.t('auditDoc.expected', { value: expected }) : '', a?.comment ?? ''].filter(Boolean).join('\n'),
          ];
        }),
    );
  }
}

export type SupplierListItem = Readonly<{
  doc: SupplierDoc;
  activities: ReadonlyArray<string>;
  lastAudit: string;
  /** The last audit in no language (date, score, verdict code), for the register export's state hash. */
  lastAuditState?: string;
}>;

/** The supplier list: one label | value table per supplier (portrait, as in the register's annex). */
export function writeSupplierList(c: SupplierCtx, b: ContentBuilder, items: ReadonlyArray<SupplierListItem>): void {
  if (items.length === 0) return b.para(c.t('auditDoc.noSupplier'));
  for (const s of items) {
    const d = s.doc;
    const missing = contractFindings(d).filter((f) => f.key === 'missing').length;
    b.heading(d.tradeName ? `${d.name} (${d.tradeName})` : d.name, 3);
    b.fields([
      [c.t('auditDoc.colRole'), c.t(`supplier.role.${d.role}`)],
      [c.t('auditDoc.colServices'), d.services],
      [c.t('auditDoc.colActivities'), s.activities.length ? [...s.activities] : c.t('auditDoc.none')],
      [c.t('auditDoc.colLocations'), [...new Set([...d.storageCountries, ...d.accessCountries])].map((code) => countryName(c.lang, code)).join(', ') || c.t('auditDoc.none')],
      [
        c.t('auditDoc.colContract'),
        [d.dpa.signed ? c.t('auditDoc.signedOn', { date: date(c, d.dpa.signedOn) }) : c.t('auditDoc.unsigned'), d.dpa.version, missing ? c.t('auditDoc.missingClauses', { count: missing }) : ''].filter(Boolean).join(' – '),
      ],
      [c.t('auditDoc.colCertifications'), d.certifications.length ? d.certifications.map((x) => [c.t(`supplier.cert.${x.type}`), x.label, x.expires ? date(c, x.expires) : ''].filter(Boolean).join(' – ')) : c.t('auditDoc.none')],
      [c.t('auditDoc.colAudit'), s.lastAudit || c.t('auditDoc.none')],
    ]);
  }
}

function pack(c: SupplierCtx, title: string, subtitle: string, children: FileChild[]): Promise<Buffer> {
  return packOneSection({ organisation: c.organisation, title, lead: [subtitle], children, page: { prefix: c.t('breachDoc.pagePrefix'), of: c.t('breachDoc.pageOf') } });
}

export async function buildQuestionnaireDocx(c: SupplierCtx, supplier: string, template: TemplateDoc, version: number, templateId = ''): Promise<Buffer> {
  const b = new DocxBuilder(new TocCollector());
  writeQuestionnaire(c, b, template, version, templateId);
  return pack(c, c.t('auditDoc.questionnaireTitle', { supplier }), c.t('breachDoc.generated', { date: date(c, c.now.toISOString()) }), b.children);
}

export async function buildAuditReportDocx(c: SupplierCtx, r: AuditReportInput): Promise<Buffer> {
  const b = new DocxBuilder(new TocCollector());
  writeAuditReport(c, b, r);
  return pack(
    c,
    c.t('auditDoc.reportTitle', { supplier: r.supplier.name }),
    c.t('auditDoc.reportIntro', { template: templateLabel(c, r.templateId, r.template), version: r.templateVersion, status: c.t(`audit.status.${r.doc.status}`), date: date(c, c.now.toISOString()) }),
    b.children,
  );
}
