import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreachEntry, BreachStep } from '../../../../shared/domain/breach';
import { informsControllers, notifiesAuthority } from '../../../../shared/domain/breach-role';
import { call } from '../../lib/api';
import { useBusy } from '../../lib/useBusy';
import { deliverDocument } from '../../lib/download';
import { Section, formatDateTime } from '../../components/ui';
import { useApp } from '../../store/app';
import { DocLanguageSelect } from '../../components/DocLanguageSelect';
import type { RegimesInfo } from '../../../../shared/domain/breach-regimes';
import { shownRegimes } from './BreachRegimes';

/** The incident checklist (each tick timed by the core) and the time-stamped journal. */
export function ChecklistPanel({ entry, onChanged, disabled }: { entry: BreachEntry; onChanged: (e: BreachEntry) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const [text, setText] = useState('');
  const { busy, run: runBusy } = useBusy();
  // A tick shows at once; the time the core records replaces it when the answer comes back.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const run = async (fn: () => Promise<BreachEntry>) => {
    await runBusy(async () => onChanged(await fn()));
    setPending({});
  };
  const tick = (s: BreachStep, done: boolean, note = s.note) => {
    setPending((p) => ({ ...p, [s.id]: done }));
    return run(() => call('breach:step', { id: entry.id, step: s.id, done, note }));
  };
  const addEntry = async () => {
    if (!text.trim()) return;
    await run(() => call('breach:journal', { id: entry.id, text }));
    setText('');
  };
  const done = entry.steps.filter((s) => s.doneAt).length;
  return (
    <>
      <Section title={`${t('breaches.checklistTitle')} (${done}/${entry.steps.length})`}>
        <p className="muted small">{t('breaches.checklistHelp', { version: entry.templateVersion })}</p>
        <ol className="steps" data-testid="steps">
          {entry.steps.map((s) => (
            <li key={s.id} className={s.doneAt ? 'step done' : 'step'} data-step={s.id}>
              <input
                type="checkbox"
                checked={pending[s.id] ?? !!s.doneAt}
                disabled={busy || disabled}
                aria-label={language === 'fr' ? s.labelFr : s.labelEn}
                onChange={(e) => void tick(s, e.target.checked)}
              />
              <div>
                <div>{language === 'fr' ? s.labelFr : s.labelEn}</div>
                {s.doneAt ? <div className="step-meta">{t('breaches.doneBy', { date: formatDateTime(s.doneAt, language), actor: s.doneBy ?? '' })}</div> : null}
              </div>
              <input
                type="text"
                defaultValue={s.note}
                placeholder={t('breaches.note')}
                aria-label={`${t('breaches.note')} – ${language === 'fr' ? s.labelFr : s.labelEn}`}
                maxLength={2000}
                disabled={busy || disabled}
                onBlur={(e) => {
                  if (e.target.value !== s.note) void tick(s, !!s.doneAt, e.target.value);
                }}
              />
            </li>
          ))}
        </ol>
      </Section>
      <Section title={t('breaches.journal')}>
        <div className="field field-wide">
          <label htmlFor="journal-text">{t('breaches.journalNew')}</label>
          <textarea id="journal-text" rows={2} value={text} maxLength={5000} onChange={(e) => setText(e.target.value)} disabled={disabled} />
        </div>
        <div>
          <button type="button" className="button" disabled={busy || disabled || !text.trim()} onClick={() => void addEntry()}>
            {t('breaches.journalAdd')}
          </button>
        </div>
        {entry.journal.length === 0 ? (
          <p className="muted">{t('breaches.journalEmpty')}</p>
        ) : (
          <ol className="journal" data-testid="journal">
            {[...entry.journal].reverse().map((j) => (
              <li key={j.id}>
                <div className="step-meta">
                  {formatDateTime(j.at, language)} · {j.actor}
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
  );
}
