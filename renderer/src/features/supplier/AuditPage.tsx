import { useEffect, useState } from 'react';
import { FormProvider, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  ACTION_STATUSES,
  AUDIT_METHODS,
  AUDIT_STATUSES,
  AuditDocSchema,
  BUILT_IN_TEMPLATE_ID,
  IMPORT_COLUMNS,
  SEVERITIES,
  UNDUE_DELAY,
  scoreAudit,
  type ImportReport,
  type AuditDoc,
  type ImportProblem,
  type Question,
  type SupplierAudit,
} from '../../../../shared/domain/audit';
import { call } from '../../lib/api';
import { deliverDocument, readFileAsBase64 } from '../../lib/download';
import { routeHash } from '../../lib/router';
import { useEditor } from '../../lib/useEditor';
import { Badge, FormNotices, Section, formatPct } from '../../components/ui';
import { useApp } from '../../store/app';
import { DocLanguageSelect } from '../../components/DocLanguageSelect';
import { ArrayEditor, SelectInput, TextArea, TextInput, useEnumOptions, useFieldError } from '../register/formParts';
import { errorText } from '../../lib/i18n';
import { VERDICT_TONE } from './SupplierListPage';
import { SaveButton } from '../../components/SaveButton';

/** Every question has a row in the form; empty answers are dropped when saving. */
function withAllQuestions(a: SupplierAudit): AuditDoc {
  const answers = Object.fromEntries(a.template.questions.map((q) => [q.id, a.doc.answers[q.id] ?? { value: '', comment: '' }]));
  return { ...a.doc, answers };
}

function withoutEmpty(doc: AuditDoc): AuditDoc {
  return { ...doc, answers: Object.fromEntries(Object.entries(doc.answers).filter(([, x]) => x.value.trim() !== '' || x.comment.trim() !== '')) };
}

export function AuditPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [audit, setAudit] = useState<SupplierAudit | 'missing' | null>(null);
  // Kept here: the editor is built again for each saved version, the import's report must outlive it.
  const [problems, setProblems] = useState<ImportReport | null>(null);
  useEffect(() => {
    call('audit:get', { id }).then(setAudit, () => setAudit('missing'));
  }, [id]);
  if (audit === 'missing') return <p className="notice notice-warn">{t('suppliers.auditNotFound')}</p>;
  if (!audit) return <p className="muted">{t('register.loading')}</p>;
  return <AuditEditor key={audit.version} audit={audit} onSaved={setAudit} problems={problems} onImported={setProblems} />;
}

function AuditEditor({ audit, onSaved, problems, onImported }: { audit: SupplierAudit; onSaved: (a: SupplierAudit) => void; problems: ImportReport | null; onImported: (p: ImportReport) => void }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const toast = useApp((s) => s.toast);
  const [docLanguage, setDocLanguage] = useState<'fr' | 'en'>(language);
  const initial = withAllQuestions(audit);
  const { form, dirty, busy, banner, act: run, onSubmit } = useEditor<AuditDoc>(AuditDocSchema, initial, async (doc) => {
    const saved = await call('audit:update', { id: audit.id, version: audit.version, doc: withoutEmpty(doc) });
    toast(t('suppliers.auditSaved'));
    onSaved(saved);
  });
  const values = useWatch({ control: form.control }) as AuditDoc;
  const score = scoreAudit(audit.template, values.answers ?? {}, audit.coverageThreshold);
  const themeLabel = new Map(audit.template.themes.map((th) => [th.id, language === 'fr' ? th.labelFr : th.labelEn]));
  const exported = (file: string) => toast(t('breaches.exported', { file }));
  /** The questionnaire went out: the core dated it "sent"; the page takes the new version. */
  const questionnaire = (format: 'docx' | 'xlsx') =>
    run(async () => {
      const result = await call('audit:questionnaire', { id: audit.id, language: docLanguage, format });
      deliverDocument(result, exported);
      if (!result.cancelled) onSaved(await call('audit:get', { id: audit.id }));
    });
  const importFile = (file: File) =>
    run(async () => {
      const base64 = await readFileAsBase64(file);
      const { entry, report } = await call('audit:import', { id: audit.id, version: audit.version, base64 });
      toast(t('suppliers.imported', { count: report.read }));
      onImported(report);
      onSaved(entry);
    });

  return (
    <FormProvider {...form}>
      <form className="page page-record" onSubmit={onSubmit} noValidate>
        <header className="page-head sticky">
          <div>
            <a className="muted small" href={routeHash({ page: 'supplier', id: audit.supplierId })}>
              ← {audit.supplierName}
            </a>
            <h1>{t('suppliers.auditTitle', { supplier: audit.supplierName })}</h1>
            <div className="muted small">
              {audit.templateId === BUILT_IN_TEMPLATE_ID ? t('auditDoc.builtInName') : audit.template.name} (v{audit.templateVersion})
            </div>
          </div>
          <div className="actions">
            {dirty ? (
              <>
                <Badge tone="warn">{t('record.unsaved')}</Badge>
                <button type="button" className="button" disabled={busy} onClick={() => form.reset(initial)}>
                  {t('record.cancel')}
                </button>
              </>
            ) : null}
            <SaveButton busy={busy} />
          </div>
        </header>
        <FormNotices inTrash={false} banner={banner} />
        {problems && problems.problems.length > 0 ? (
          <div className="notice notice-warn" role="alert" data-testid="import-report">
            <strong>{t('suppliers.importProblems', { count: problems.problems.length + problems.more })}</strong>
            <ul>
              {problems.problems.map((p, i) => (
                <ProblemLine key={`${p.row}-${p.questionId}-${i}`} p={p} />
              ))}
            </ul>
            {problems.more > 0 ? <p>{t('suppliers.importMore', { count: problems.more })}</p> : null}
          </div>
        ) : null}
        <Section title={t('auditDoc.scores')}>
          <div className="suggestion" data-testid="audit-score">
            <strong>{t('auditDoc.overall')} :</strong>
            {score.overall !== null && score.verdict ? <Badge tone={VERDICT_TONE[score.verdict]}>{`${formatPct(score.overall, language)} · ${t(`audit.verdict.${score.verdict}`)}`}</Badge> : <span className="muted">{t('auditDoc.notScored')}</span>}
            <span className="muted small">{t('suppliers.unansweredCount', { count: score.unanswered.length })}</span>
            <span className="muted small" data-testid="audit-coverage">
              {t('suppliers.coverage', { coverage: formatPct(score.coverage, language), threshold: formatPct(score.coverageThreshold, language) })}
            </span>
          </div>
          {score.verdict === 'incomplete' ? (
            <p className="notice notice-warn" data-testid="audit-incomplete">
              {t('suppliers.incompleteHelp', { threshold: formatPct(score.coverageThreshold, language) })}
              {score.emptyThemes.length > 0 ? ` ${t('suppliers.emptyThemes', { ids: score.emptyThemes.join(', ') })}` : ''}
            </p>
          ) : null}
          {score.criticalFailed.length > 0 ? <p className="notice notice-bad">{t('suppliers.knockOut', { ids: score.criticalFailed.join(', ') })}</p> : null}
          <div className="theme-scores">
            {score.themes.map((s) => (
              <div key={s.theme} className="theme-score" title={themeLabel.get(s.theme)}>
                <span className="small">
                  {s.theme}. {themeLabel.get(s.theme)}
                </span>
                <div className="bar">
                  <span style={{ width: `${s.score ?? 0}%` }} />
                </div>
                <span className="small muted">{s.score === null ? '—' : formatPct(s.score, language)}</span>
              </div>
            ))}
          </div>
        </Section>
        <Section title={t('suppliers.auditFollowUp')}>
          <div className="form-grid">
            <SelectInput name="status" label={t('supplier.fields.status')} options={useEnumOptions('audit.status', AUDIT_STATUSES)} allowEmpty={false} />
            <SelectInput name="method" label={t('suppliers.method')} options={useEnumOptions('audit.method', AUDIT_METHODS)} allowEmpty={false} />
            <TextInput name="sentOn" label={t('suppliers.sentOn')} type="date" />
            <TextInput name="dueOn" label={t('suppliers.dueOn')} type="date" />
            <TextInput name="answeredOn" label={t('suppliers.answeredOn')} type="date" />
            <TextInput name="closedOn" label={t('suppliers.closedOn')} type="date" />
            <TextInput name="nextAuditOn" label={t('supplier.fields.nextAuditOn')} type="date" />
          </div>
          <div className="actions-row">
            <DocLanguageSelect value={docLanguage} onChange={setDocLanguage} />
            <button type="button" className="button" disabled={busy || dirty} onClick={() => void questionnaire('docx')}>
              {t('suppliers.exportQuestionnaireDocx')}
            </button>
            <button type="button" className="button" disabled={busy || dirty} onClick={() => void questionnaire('xlsx')}>
              {t('suppliers.exportQuestionnaireXlsx')}
            </button>
            <label className="button">
              {t('suppliers.importAnswers')}
              <input
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                className="visually-hidden"
                disabled={busy || dirty}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void importFile(file);
                }}
              />
            </label>
            <button type="button" className="button" disabled={busy || dirty} onClick={() => void run(async () => deliverDocument(await call('audit:report', { id: audit.id, language: docLanguage }), exported))}>
              {t('suppliers.exportReport')}
            </button>
          </div>
          {dirty ? <p className="muted small">{t('breaches.saveBeforeDocuments')}</p> : null}
        </Section>
        {audit.template.themes.map((th) => (
          <Section key={th.id} title={`${th.id}. ${themeLabel.get(th.id)}`}>
            {audit.template.questions
              .filter((q) => q.theme === th.id)
              .map((q) => (
                <AnswerRow key={q.id} q={q} />
              ))}
          </Section>
        ))}
        <Section title={t('auditDoc.findings')}>
          <ArrayEditor name="findings" label={t('auditDoc.findings')} max={300} empty={() => ({ questionId: '', severity: 'medium', description: '' })}>
            {(p) => (
              <>
                <SelectInput name={`${p}.questionId`} label={t('auditDoc.question')} options={audit.template.questions.map((q) => [q.id, q.id] as [string, string])} />
                <SelectInput name={`${p}.severity`} label={t('auditDoc.severity')} options={SEVERITIES.map((s) => [s, t(`audit.severity.${s}`)] as [string, string])} allowEmpty={false} />
                <TextArea name={`${p}.description`} label={t('auditDoc.description')} required rows={2} />
              </>
            )}
          </ArrayEditor>
        </Section>
        <Section title={t('auditDoc.actions')}>
          <ArrayEditor name="actions" label={t('auditDoc.actions')} max={300} empty={() => ({ title: '', owner: '', due: '', status: 'open' })}>
            {(p) => (
              <>
                <TextInput name={`${p}.title`} label={t('auditDoc.action')} required wide />
                <TextInput name={`${p}.owner`} label={t('auditDoc.owner')} />
                <TextInput name={`${p}.due`} label={t('auditDoc.due')} type="date" />
                <SelectInput name={`${p}.status`} label={t('auditDoc.status')} options={ACTION_STATUSES.map((s) => [s, t(`audit.actionStatus.${s}`)] as [string, string])} allowEmpty={false} />
              </>
            )}
          </ArrayEditor>
        </Section>
      </form>
    </FormProvider>
  );
}

/** An import report line in the reader's language. */
function ProblemLine({ p }: { p: ImportProblem }) {
  const { t } = useTranslation();
  const column = p.column && (IMPORT_COLUMNS as readonly string[]).includes(p.column) ? t(`auditDoc.col.${p.column}`) : '';
  return <li data-reason={p.reason}>{t(`suppliers.importProblem.${p.reason}`, { row: p.row, id: p.questionId, value: p.value, column, max: p.column === 'comment' ? 5000 : 2000 })}</li>;
}

/** One question: its text, what is expected, the answer (a list, a number or a text) and a comment. */
function AnswerRow({ q }: { q: Question }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const { register } = useFormContext();
  const error = useFieldError(`answers.${q.id}.value`);
  const name = `answers.${q.id}.value`;
  const label = `${q.id} – ${language === 'fr' ? q.textFr : q.textEn}`;
  const expected = q.type === 'number' ? `≤ ${q.expected}` : q.type === 'hours' ? t('audit.hoursMax', { n: q.expected }) : q.type === 'text' ? '' : t(`audit.${q.type === 'document' ? 'document' : 'answer'}.${q.expected}`);
  return (
    <div className={`answer-row${error ? ' field-invalid' : ''}`} data-question={q.id}>
      <label htmlFor={`q-${q.id}`} className="answer-q">
        {label} {q.critical ? <Badge tone="bad">{t('auditDoc.critical')}</Badge> : null}
        {expected ? <span className="muted small"> · {t('auditDoc.expected', { value: expected })}</span> : null}
      </label>
      {q.type === 'scale' || q.type === 'document' ? (
        <select id={`q-${q.id}`} aria-invalid={!!error} {...register(name)}>
          <option value="">{t('record.choose')}</option>
          {(q.type === 'scale' ? ['yes', 'partly', 'no', 'na'] : ['yes', 'no', 'na']).map((v) => (
            <option key={v} value={v}>
              {t(`audit.${q.type === 'document' ? 'document' : 'answer'}.${v}`)}
            </option>
          ))}
        </select>
      ) : q.type === 'hours' ? (
        <HoursAnswer q={q} name={name} invalid={!!error} />
      ) : (
        <input id={`q-${q.id}`} type="text" inputMode={q.type === 'number' ? 'decimal' : undefined} aria-invalid={!!error} {...register(name)} />
      )}
      <input type="text" aria-label={`${t('auditDoc.commentLine')} ${q.id}`} placeholder={t('auditDoc.commentLine')} {...register(`answers.${q.id}.comment`)} />
      {error ? (
        <div className="error" role="alert">
          {errorText(error)}
        </div>
      ) : null}
    </div>
  );
}

/** A delay: a number of hours, or "without undue delay" (Art. 33(2)), or not applicable. */
function HoursAnswer({ q, name, invalid }: { q: Question; name: string; invalid: boolean }) {
  const { t } = useTranslation();
  const { setValue } = useFormContext();
  const value = (useWatch({ name }) as string | undefined) ?? '';
  const fixed = value === UNDUE_DELAY || value === 'na';
  const [mode, setMode] = useState<string>(value === '' ? '' : fixed ? value : 'hours');
  // A value set from outside (the form reset by Cancel) shows in the list.
  useEffect(() => {
    if (fixed) setMode(value);
    else if (value !== '') setMode('hours');
    else setMode((m) => (m === 'hours' ? m : ''));
  }, [value, fixed]);
  const set = (v: string) => setValue(name, v, { shouldDirty: true, shouldValidate: true });
  return (
    <span className="hours-answer">
      <select
        id={`q-${q.id}`}
        aria-invalid={invalid}
        value={mode}
        onChange={(e) => {
          const m = e.target.value;
          setMode(m);
          set(m === 'hours' ? '' : m);
        }}
      >
        <option value="">{t('record.choose')}</option>
        <option value="hours">{t('suppliers.hoursNumber')}</option>
        <option value={UNDUE_DELAY}>{t('audit.answer.undue')}</option>
        <option value="na">{t('audit.answer.na')}</option>
      </select>
      {mode === 'hours' ? <input id={`q-${q.id}-hours`} type="text" inputMode="decimal" aria-label={`${t('suppliers.hoursValue')} ${q.id}`} aria-invalid={invalid} value={fixed ? '' : value} onChange={(e) => set(e.target.value.trim())} /> : null}
    </span>
  );
}
