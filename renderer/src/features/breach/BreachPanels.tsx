import { DateField } from '../../components/DateField';
import { useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { draftLetter } from '../../../../shared/domain/breach-letter';
import { TextArea } from '../register/formParts';
import { useTranslation } from 'react-i18next';
import type { BreachDoc, BreachEntry, BreachStep } from '../../../../shared/domain/breach';
import { informsControllers, notifiesAuthority } from '../../../../shared/domain/breach-role';
import { call } from '../../lib/api';
import { useBusy } from '../../lib/useBusy';
import { deliverDocument } from '../../lib/download';
import { describeError } from '../../lib/errors';
import { Field, Section } from '../../components/ui';
import { localOf } from '../../../../shared/domain/breach-clock';
import { formatZonedTime } from '../../../../shared/domain/zoned-time';
import { AppError } from '../../../../shared/errors';
import { useApp } from '../../store/app';
import { DocLanguageSelect } from '../../components/DocLanguageSelect';
import type { RegimesInfo } from '../../../../shared/domain/breach-regimes';
import { shownRegimes } from './BreachRegimes';

/** The local "YYYY-MM-DDTHH:mm" of an instant in the incident's zone, for a datetime-local input. */
const localInput = (utc: string | null, zone: string) => (utc ? (localOf(utc, zone)?.local ?? '') : '');
/** Two times a minute or more apart: a step ticked, or an entry written, after the fact. */
const apart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) >= 60_000;

/** The message of a refused performed time, to show next to its field; null for any other failure. */
function performedIssue(err: unknown): string | null {
  if (err instanceof AppError && err.data.code === 'validation') return err.data.issues.find((i) => i.path === 'performedAt')?.message ?? null;
  return null;
}

/**
 * The incident checklist and its journal (issue 12). Each tick and each entry is recorded at the
 * core's time; when it was done earlier, the DPO gives when ("done on", in the incident's zone)
 * and both times are kept and shown, in the incident's zone with its offset.
 */
export function ChecklistPanel({ entry, onChanged, disabled }: { entry: BreachEntry; onChanged: (e: BreachEntry) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const toast = useApp((s) => s.toast);
  const zone = entry.doc.zone;
  const when = (utc: string) => formatZonedTime(language, utc, zone);
  const [text, setText] = useState('');
  const [journalWhen, setJournalWhen] = useState('');
  const [performed, setPerformed] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // A tick shows at once; the time the core records replaces it when the answer comes back.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const run = async (key: string, fn: () => Promise<BreachEntry>): Promise<boolean> => {
    setBusy(true);
    setErrors((e) => ({ ...e, [key]: '' }));
    try {
      onChanged(await fn());
      return true;
    } catch (err) {
      const issue = performedIssue(err);
      if (issue) setErrors((e) => ({ ...e, [key]: issue }));
      else toast(describeError(err), 'error');
      return false;
    } finally {
      setBusy(false);
      setPending({});
    }
  };
  const performedArgs = (value: string | undefined) => (value ? { performedAt: value } : {});
  const tick = (s: BreachStep, done: boolean, note = s.note) => {
    setPending((p) => ({ ...p, [s.id]: done }));
    return run(s.id, () => call('breach:step', { id: entry.id, step: s.id, done, note, ...(done ? performedArgs(performed[s.id]) : {}) }));
  };
  /** A done step's "done on" changed: the correction is recorded (the time of recording stays). */
  const correct = (s: BreachStep, value: string) => {
    if (!s.doneAt || !value || value === localInput(s.performedAt, zone)) return;
    void run(s.id, () => call('breach:step', { id: entry.id, step: s.id, done: true, note: s.note, performedAt: value }));
  };
  const addEntry = async () => {
    if (!text.trim()) return;
    if (await run('journal', () => call('breach:journal', { id: entry.id, text, ...performedArgs(journalWhen) }))) {
      setText('');
      setJournalWhen('');
    }
  };
  const done = entry.steps.filter((s) => s.doneAt).length;
  const journal = [...entry.journal].sort((a, b) => b.performedAt.localeCompare(a.performedAt) || b.id - a.id);
  return (
    <>
      <Section title={`${t('breaches.checklistTitle')} (${done}/${entry.steps.length})`}>
        <p className="muted small">{t('breaches.checklistHelp', { version: entry.templateVersion })}</p>
        <p className="muted small">{t('breachTrail.performedHelp')}</p>
        <ol className="steps" data-testid="steps">
          {entry.steps.map((s) => {
            const label = language === 'fr' ? s.labelFr : s.labelEn;
            const performedAt = s.performedAt ?? s.doneAt;
            return (
              <li key={s.id} className={s.doneAt ? 'step done' : 'step'} data-step={s.id}>
                <input type="checkbox" checked={pending[s.id] ?? !!s.doneAt} disabled={busy || disabled} aria-label={label} onChange={(e) => void tick(s, e.target.checked)} />
                <div>
                  <div>{label}</div>
                  {s.doneAt && performedAt ? (
                    <div className="step-meta" data-testid="step-meta">
                      {apart(performedAt, s.doneAt)
                        ? t('breachTrail.doneRecorded', { date: when(performedAt), actor: s.doneBy ?? '', recorded: when(s.doneAt) })
                        : t('breaches.doneBy', { date: when(performedAt), actor: s.doneBy ?? '' })}
                    </div>
                  ) : null}
                </div>
                <div className="step-inputs">
                  <DateField
                    label={t('breachTrail.performedAt')}
                    ariaLabel={t('breachTrail.performedAtStep', { step: label })}
                    error={errors[s.id] || undefined}
                    withTime
                    value={performed[s.id] ?? localInput(s.performedAt, zone)}
                    disabled={busy || disabled}
                    onChange={(v) => setPerformed((p) => ({ ...p, [s.id]: v }))}
                    onBlur={(v) => correct(s, v)}
                  />
                  <input
                    type="text"
                    defaultValue={s.note}
                    placeholder={t('breaches.note')}
                    aria-label={`${t('breaches.note')} – ${label}`}
                    maxLength={2000}
                    disabled={busy || disabled}
                    onBlur={(e) => {
                      if (e.target.value !== s.note) void tick(s, !!s.doneAt, e.target.value);
                    }}
                  />
                </div>
              </li>
            );
          })}
        </ol>
      </Section>
      <Section title={t('breaches.journal')}>
        <div className="form-grid">
          <div className="field field-wide">
            <label htmlFor="journal-text">{t('breaches.journalNew')}</label>
            <textarea id="journal-text" rows={2} value={text} maxLength={5000} onChange={(e) => setText(e.target.value)} disabled={disabled} />
          </div>
          <DateField label={t('breachTrail.journalWhen')} error={errors.journal || undefined} withTime value={journalWhen} onChange={setJournalWhen} disabled={disabled} />
        </div>
        <div>
          <button type="button" className="button" disabled={busy || disabled || !text.trim()} onClick={() => void addEntry()}>
            {t('breaches.journalAdd')}
          </button>
        </div>
        {journal.length === 0 ? (
          <p className="muted">{t('breaches.journalEmpty')}</p>
        ) : (
          <ol className="journal" data-testid="journal">
            {journal.map((j) => (
              <li key={j.id}>
                <div className="step-meta">
                  {when(j.performedAt)} · {j.actor}
                  {apart(j.performedAt, j.at) ? ` · ${t('breachTrail.journalRecorded', { date: when(j.at) })}` : ''}
                </div>
                {j.text}
              </li>
            ))}
          </ol>
        )}
      </Section>
    </>
  );
}

/** The Word documents of the incident, in French or English. */
export function DocumentsPanel({ entry, dirty, regimes }: { entry: BreachEntry; dirty: boolean; regimes: RegimesInfo | null }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const toast = useApp((s) => s.toast);
  const [docLanguage, setDocLanguage] = useState<'fr' | 'en'>(language);
  const { busy, run } = useBusy();
  const make = (document: 'authority' | 'subjects' | 'controller' | 'regime', extra: { phase?: 'initial' | 'complementary'; party?: string; regime?: string; step?: string } = {}) =>
    run(async () => deliverDocument(await call('breach:document', { id: entry.id, document, language: docLanguage, ...extra }), (file) => toast(t('breaches.exported', { file }))));
  const disabled = busy || dirty;
  return (
    <>
    <Section title={t('breaches.tabs.documents')}>
      {dirty ? <p className="notice notice-warn">{t('breaches.saveBeforeDocuments')}</p> : null}
      <p className="muted small">{t('breaches.documentsHelp')}</p>
      <DocLanguageSelect value={docLanguage} onChange={setDocLanguage} />
      {/* Issue 12: a processor alone neither notifies the authority nor writes to the data subjects (Art. 33(2)). */}
      {!notifiesAuthority(entry.doc.role) ? <p className="notice notice-info" data-testid="processor-documents">{t('breachRole.noAuthorityDocs')}</p> : null}
      <div className="actions-row">
        {notifiesAuthority(entry.doc.role) ? (
          <>
            <button type="button" className="button" disabled={disabled} onClick={() => void make('authority', { phase: 'initial' })}>
              {t('breaches.docAuthorityInitial')}
            </button>
            <button type="button" className="button" disabled={disabled} onClick={() => void make('authority', { phase: 'complementary' })}>
              {t('breaches.docAuthorityComplementary')}
            </button>
            <button type="button" className="button" disabled={disabled} onClick={() => void make('subjects')}>
              {t('breaches.docSubjects')}
            </button>
          </>
        ) : null}
        {informsControllers(entry.doc.role)
          ? entry.doc.controllers.map((c) => (
              <button key={c.name} type="button" className="button" disabled={disabled} onClick={() => void make('controller', { party: c.name })}>
                {t('breaches.docController', { name: c.name })}
              </button>
            ))
          : null}
      </div>
      {shownRegimes(regimes, entry.doc)
        .filter((r) => entry.doc.regimes?.[r.id]?.significant === 'yes')
        .map((r) => (
          <div key={r.id} className="actions-row" data-testid={`regime-docs-${r.id}`}>
            <span className="muted small">{language === 'fr' ? r.nameFr : r.nameEn}</span>
            {r.steps.map((s) => (
              <button key={s.id} type="button" className="button" disabled={disabled} onClick={() => void make('regime', { regime: r.id, step: s.id })}>
                {language === 'fr' ? s.nameFr : s.nameEn}
              </button>
            ))}
          </div>
        ))}
    </Section>
    <LetterEditor language={docLanguage} disabled={!!entry.deletedAt} />
    </>
  );
}

/**
 * The letter to the data subjects (Art. 34(2)), edited apart from the internal description.
 * When the DPO first opens it, its fields are prefilled from the incident
 * (shared/domain/breach-letter.ts) and left to save; afterwards the DPO's text is kept as written.
 * Until then, the letter document is written from that same draft.
 */
function LetterEditor({ language, disabled }: { language: 'fr' | 'en'; disabled: boolean }) {
  const { t } = useTranslation();
  const { getValues, setValue } = useFormContext<BreachDoc>();
  const letter = useWatch<BreachDoc, 'letter'>({ name: 'letter' });
  const [drafted, setDrafted] = useState(false);
  const draft = () => {
    setValue('letter', draftLetter(getValues(), language), { shouldDirty: true });
    setDrafted(true);
  };
  const f = (k: string) => t(`breach.fields.${k}`);
  return (
    <Section title={t('breachTrail.letterTitle')}>
      <p className="muted small">{t('breachTrail.letterHelp')}</p>
      {!letter ? (
        <div>
          <button type="button" className="button" disabled={disabled} onClick={draft}>
            {t('breachTrail.letterOpen')}
          </button>
        </div>
      ) : (
        <>
          {drafted ? (
            <p className="notice notice-info" data-testid="letter-drafted">
              {t('breachTrail.letterDrafted')}
            </p>
          ) : null}
          <fieldset className="plain" disabled={disabled} data-testid="letter">
            <TextArea name="letter.whatHappened" label={f('whatHappened')} rows={3} />
            <TextArea name="letter.meaning" label={f('meaning')} rows={3} />
            <TextArea name="letter.done" label={f('done')} rows={3} />
            <TextArea name="letter.advice" label={f('advice')} rows={3} />
            <TextArea name="letter.contact" label={t('breachDoc.subjectsContact')} rows={2} />
            <div>
              <button type="button" className="button" onClick={() => (window.confirm(t('breachTrail.letterRedraftConfirm')) ? draft() : undefined)}>
                {t('breachTrail.letterRedraft')}
              </button>
            </div>
          </fieldset>
        </>
      )}
    </Section>
  );
}
