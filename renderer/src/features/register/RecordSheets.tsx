import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain/enums';
import type { RegisterEntry } from '../../../../shared/domain/register';
import type { SheetReview, SheetSummary } from '../../../../shared/domain/record-sheet';
import { AppError } from '../../../../shared/errors';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { errorText } from '../../lib/i18n';
import { deliverDocument, readFileAsBase64 } from '../../lib/download';
import { Badge, formatDate, formatDateTime } from '../../components/ui';
import { DocLanguageSelect } from '../../components/DocLanguageSelect';
import { WriteButton } from '../../components/SaveButton';
import { useApp } from '../../store/app';

/** Escape closes a dialog (unless it is writing). */
export function useEscape(close: () => void, busy = false) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close, busy]);
}

/** The export's choices: the owner's language, the format, the owner (optional, kept with the sheet). */
export function SheetExportFields(props: {
  language: Language;
  setLanguage: (l: Language) => void;
  format: 'xlsx' | 'docx';
  setFormat: (f: 'xlsx' | 'docx') => void;
  name: string;
  setName: (v: string) => void;
  email: string;
  setEmail: (v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="actions-row sheet-fields">
      <DocLanguageSelect value={props.language} onChange={props.setLanguage} />
      <label>
        {t('recordSheets.format')}{' '}
        <select value={props.format} onChange={(e) => props.setFormat(e.target.value as 'xlsx' | 'docx')} data-testid="sheet-format">
          <option value="xlsx">{t('recordSheets.formatXlsx')}</option>
          <option value="docx">{t('recordSheets.formatDocx')}</option>
        </select>
      </label>
      <label>
        {t('recordSheets.ownerName')} <input type="text" maxLength={200} value={props.name} onChange={(e) => props.setName(e.target.value)} data-testid="sheet-owner-name" />
      </label>
      <label>
        {t('recordSheets.ownerEmail')} <input type="email" maxLength={200} value={props.email} onChange={(e) => props.setEmail(e.target.value)} data-testid="sheet-owner-email" />
      </label>
    </div>
  );
}

/**
 * A controller record's sheets for its business owner: export one (the owner's language, the
 * format, the owner), import the returned workbook (the review screen below: nothing is written
 * before "Apply"), and the sheets sent, with when and to whom, and when they came back.
 */
export function RecordSheetsPanel({ entry, dirty, onRecordChanged }: { entry: RegisterEntry; dirty: boolean; onRecordChanged: (e: RegisterEntry) => void }) {
  const { t } = useTranslation();
  const appLanguage = useApp((s) => s.language);
  const toast = useApp((s) => s.toast);
  const [language, setLanguage] = useState<Language>(appLanguage);
  const [format, setFormat] = useState<'xlsx' | 'docx'>('xlsx');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [sheets, setSheets] = useState<ReadonlyArray<SheetSummary>>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [review, setReview] = useState<{ review: SheetReview; base64: string } | null>(null);
  const load = () => void call('recordSheet:list', { id: entry.id }).then(setSheets, () => setSheets([]));
  useEffect(load, [entry.id, entry.version]);
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await fn();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const exportSheet = () =>
    act(async () => {
      const result = await call('recordSheet:export', { ids: [entry.id], language, format, sentToName: name, sentToEmail: email });
      deliverDocument(result, (file) => toast(t('recordSheets.exported', { file })));
      load();
    });
  const importFile = (file: File) =>
    act(async () => {
      const base64 = await readFileAsBase64(file);
      const r = await call('recordSheet:review', { recordId: entry.id, fileName: file.name, base64, language: appLanguage });
      setReview({ review: r, base64 });
    });
  const inTrash = !!entry.deletedAt;
  const blocked = busy || dirty || inTrash;
  return (
    <section className="card" aria-label={t('recordSheets.title')} data-testid="record-sheets" id="sec-sheets">
      <header className="card-head">
        <h2>{t('recordSheets.title')}</h2>
      </header>
      <div className="card-body">
        <p className="muted small">{t('recordSheets.help')}</p>
        <SheetExportFields language={language} setLanguage={setLanguage} format={format} setFormat={setFormat} name={name} setName={setName} email={email} setEmail={setEmail} />
        <div className="actions-row">
          <WriteButton className="button" disabled={blocked} onClick={() => void exportSheet()} data-testid="sheet-export">
            {t('recordSheets.export')}
          </WriteButton>
          <label className={`button${blocked ? ' disabled' : ''}`}>
            {busy ? t('recordSheets.reading') : t('recordSheets.import')}
            <input
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="visually-hidden"
              disabled={blocked}
              data-testid="sheet-import"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file);
              }}
            />
          </label>
        </div>
        {dirty ? <p className="muted small">{t('recordSheets.saveFirst')}</p> : null}
        {error ? (
          <p className="notice notice-bad" role="alert" data-testid="sheet-error">
            {error}
          </p>
        ) : null}
        {sheets.length === 0 ? (
          <p className="muted small">{t('recordSheets.none')}</p>
        ) : (
          <table className="data-table" data-testid="sheet-list">
            <thead>
              <tr>
                <th>{t('recordSheets.sentOn')}</th>
                <th>{t('recordSheets.sentTo')}</th>
                <th>{t('recordSheets.format')}</th>
                <th>{t('recordSheets.returnedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {sheets.map((s) => (
                <tr key={s.id}>
                  <td>{formatDateTime(s.sentAt, appLanguage)}</td>
                  <td>{[s.sentToName, s.sentToEmail].filter(Boolean).join(' – ') || '—'}</td>
                  <td>
                    {s.format === 'xlsx' ? 'Excel' : 'Word'} ({s.language.toUpperCase()})
                  </td>
                  <td>
                    {s.returnedAt ? (
                      `${formatDateTime(s.returnedAt, appLanguage)} – ${s.returnedFile ?? ''}`
                    ) : s.format === 'xlsx' ? (
                      <Badge tone="warn">{t('recordSheets.awaiting')}</Badge>
                    ) : (
                      <span className="muted">{t('recordSheets.notAwaited')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {review ? (
        <SheetReviewDialog
          review={review.review}
          base64={review.base64}
          onClose={() => setReview(null)}
          onApplied={(e, applied, rejected) => {
            setReview(null);
            toast(t('recordSheets.review.applied', { applied, rejected }));
            onRecordChanged(e);
            load();
          }}
        />
      ) : null}
    </section>
  );
}

/**
 * The review of a returned sheet: each change (field, its value now, the proposed one), accepted
 * or rejected one by one or all at once; "Apply" writes the accepted ones in one go. A value the
 * record refuses is said under it, and the apply is refused whole.
 */
export function SheetReviewDialog(props: { review: SheetReview; base64: string; onClose: () => void; onApplied: (e: RegisterEntry, applied: number, rejected: number) => void }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const r = props.review;
  const [decisions, setDecisions] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState('');
  const [busy, setBusy] = useState(false);
  useEscape(props.onClose, busy);
  const accepted = r.changes.filter((c) => decisions[c.key]).map((c) => c.key);
  const all = (v: boolean) => setDecisions(Object.fromEntries(r.changes.map((c) => [c.key, v])));
  const apply = async () => {
    setBusy(true);
    setBanner('');
    setErrors({});
    try {
      const res = await call('recordSheet:apply', { recordId: r.recordId, fileName: r.fileName, base64: props.base64, sha256: r.sha256, version: r.currentVersion, accept: accepted, language });
      props.onApplied(await call('register:get', { id: r.recordId }), res.applied, res.rejected);
    } catch (err) {
      if (err instanceof AppError && err.data.code === 'validation') setErrors(Object.fromEntries(err.data.issues.map((i) => [i.path, i.message])));
      setBanner(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const shown = (v: string) => (v === '' ? <span className="muted">{t('recordSheets.review.empty')}</span> : <span className="pre-wrap">{v}</span>);
  return (
    <div className="sheet-overlay">
      <div className="sheet-dialog card" role="dialog" aria-modal="true" aria-label={t('recordSheets.review.title', { file: r.fileName })} data-testid="sheet-review">
        <header className="card-head">
          <h2>{t('recordSheets.review.title', { file: r.fileName })}</h2>
        </header>
        <div className="card-body">
          <p>
            {t('recordSheets.review.intro', { ref: r.ref, date: formatDate(r.sentAt.slice(0, 10), language), to: r.sentToName ? t('recordSheets.review.to', { to: r.sentToName }) : '', version: r.exportedVersion })}
          </p>
          <p className="muted small">{t('recordSheets.review.file', { file: r.fileName, sha: r.sha256 })}</p>
          {r.recordChanged ? (
            <p className="notice notice-warn" data-testid="sheet-record-changed">
              {t('recordSheets.review.recordChanged', { exported: r.exportedVersion, current: r.currentVersion })}
            </p>
          ) : null}
          {r.alreadyReturned ? <p className="notice notice-info">{t('recordSheets.review.alreadyReturned', { date: formatDateTime(r.alreadyReturned, language) })}</p> : null}
          {r.changes.length === 0 ? (
            <p className="notice notice-info" data-testid="sheet-no-change">
              {t('recordSheets.review.noChange', { count: r.unchanged })}
            </p>
          ) : (
            <>
              <div className="actions-row">
                <button type="button" className="button small" onClick={() => all(true)}>
                  {t('recordSheets.review.acceptAll')}
                </button>
                <button type="button" className="button small" onClick={() => all(false)}>
                  {t('recordSheets.review.rejectAll')}
                </button>
              </div>
              <table className="data-table sheet-changes">
                <thead>
                  <tr>
                    <th>{t('recordSheets.review.field')}</th>
                    <th>{t('recordSheets.review.old')}</th>
                    <th>{t('recordSheets.review.new')}</th>
                    <th>{t('recordSheets.review.decision')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.changes.map((c) => {
                    const error = errors[c.key] ?? c.error;
                    return (
                      <tr key={c.key} data-change={c.key} className={error ? 'sheet-change-invalid' : undefined}>
                        <td>
                          <div className="muted small">{t(`recordSheet.section.${c.section}`)}</div>
                          {c.label}
                        </td>
                        <td>
                          {shown(c.old)}
                          {c.changedSince ? (
                            <div>
                              <Badge tone="warn">{t('recordSheets.review.changedSince')}</Badge>
                            </div>
                          ) : null}
                        </td>
                        <td>
                          {shown(c.new)}
                          {c.type === 'remark' ? <div className="muted small">{t('recordSheets.review.remark')}</div> : null}
                          {error ? (
                            <div className="error" role="alert">
                              {errorText(error)}
                            </div>
                          ) : null}
                        </td>
                        <td className="sheet-decision">
                          <label>
                            <input type="radio" name={`d-${c.key}`} checked={decisions[c.key] === true} onChange={() => setDecisions({ ...decisions, [c.key]: true })} aria-label={t('recordSheets.review.acceptChange', { field: c.label })} />{' '}
                            {t('recordSheets.review.accept')}
                          </label>
                          <label>
                            <input type="radio" name={`d-${c.key}`} checked={decisions[c.key] === false} onChange={() => setDecisions({ ...decisions, [c.key]: false })} aria-label={t('recordSheets.review.rejectChange', { field: c.label })} />{' '}
                            {t('recordSheets.review.reject')}
                          </label>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {r.unchanged > 0 ? <p className="muted small">{t('recordSheets.review.unchanged', { count: r.unchanged })}</p> : null}
            </>
          )}
          {banner ? (
            <p className="notice notice-bad" role="alert" data-testid="sheet-apply-error">
              {banner}
            </p>
          ) : null}
          <div className="actions-row">
            <WriteButton className="button primary" disabled={busy} onClick={() => void apply()} data-testid="sheet-apply">
              {t('recordSheets.review.apply', { count: accepted.length })}
            </WriteButton>
            <button type="button" className="button" disabled={busy} onClick={props.onClose}>
              {t('recordSheets.review.cancel')}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
