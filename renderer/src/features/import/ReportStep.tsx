import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import type { ImportPlan, ImportProblem } from '../../../../shared/domain/import';
import { Badge } from '../../components/ui';

const SHOWN = 200;

/** A report line in the user's language: where (sheet, cell, column), then what. */
export function problemText(p: ImportProblem): string {
  const field = p.params?.field;
  const fieldLabel = typeof field === 'string' && i18next.exists(`importFields.${field}`) ? i18next.t(`importFields.${field}`) : field;
  return i18next.t(p.key, { ...p.params, ...(fieldLabel !== undefined ? { field: fieldLabel } : {}) });
}

const TONE = { error: 'bad', warning: 'warn', info: 'info' } as const;

export function ProblemList({ problems }: { problems: ReadonlyArray<ImportProblem> }) {
  const { t } = useTranslation();
  const sep = i18next.language === 'fr' ? '\u00a0: ' : ': ';
  return (
    <ul className="import-problems">
      {problems.map((p, i) => (
        <li key={i}>
          <Badge tone={TONE[p.level]}>{t(`importReport.level.${p.level}`)}</Badge>{' '}
          {[p.sheet, p.cell, p.column].filter(Boolean).length ? <span className="muted">{[p.sheet, p.cell, p.column].filter(Boolean).join(' · ')}{sep}</span> : null}
          {problemText(p)}
        </li>
      ))}
    </ul>
  );
}

/** The dry run's report, row by row: created, updated (matched by reference) or not imported, what each draft misses, every cell not read as is. */
export function ReportStep(props: { plan: ImportPlan; busy: boolean; onBack: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  const [onlyRemarks, setOnlyRemarks] = useState(false);
  const { plan } = props;
  const rows = onlyRemarks ? plan.rows.filter((r) => r.problems.length > 0) : plan.rows;
  const tone = { create: 'ok', update: 'info', skip: 'bad' } as const;
  return (
    <section className="card">
      <div className="card-body">
        <p className="notice notice-warn" role="status">
          {t('importer.nothingWritten')} {t('importer.summary', plan.counts)}
        </p>
        {plan.organisation.inFile && plan.organisation.replace ? <p>{t('importer.organisationReplaced')}</p> : null}
        {plan.fileProblems.length ? <ProblemList problems={plan.fileProblems} /> : null}
        <label className="check">
          <input type="checkbox" checked={onlyRemarks} onChange={(e) => setOnlyRemarks(e.target.checked)} /> {t('importer.onlyRemarks')}
        </label>
        <table className="data-table import-report">
          <thead>
            <tr>
              <th scope="col">{t('importer.row')}</th>
              <th scope="col">{t('importer.action')}</th>
              <th scope="col">{t('importer.ref')}</th>
              <th scope="col">{t('importer.name')}</th>
              <th scope="col">{t('importer.missing')}</th>
              <th scope="col">{t('importer.remarks')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((r) => (
              <tr key={`${r.sheet ?? ''}/${r.row}/${r.ref}`}>
                <td>{r.sheet ? (r.row ? `${r.sheet} · ${r.row}` : r.sheet) : r.row}</td>
                <td>
                  <Badge tone={tone[r.action]}>{t(`importReport.action.${r.action}`)}</Badge>
                </td>
                <td>{r.ref}</td>
                <td>{r.name}</td>
                <td className="small">{r.missing.length ? <Badge tone="warn" title={r.missing.map((k) => t(`fields.${k}`)).join(', ')}>{r.missing.length}</Badge> : null} <span className="muted">{r.missing.map((k) => t(`fields.${k}`)).join(', ')}</span></td>
                <td>{r.problems.length ? <ProblemList problems={r.problems} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > SHOWN ? <p className="muted">{t('importer.more', { n: rows.length - SHOWN })}</p> : null}
        <div className="actions">
          <button type="button" className="button" disabled={props.busy} onClick={props.onBack}>
            {t('importer.back')}
          </button>
          <button type="button" className="button primary" disabled={props.busy || plan.counts.create + plan.counts.update === 0} onClick={props.onConfirm}>
            {props.busy ? t('importer.importing') : t('importer.confirm')}
          </button>
        </div>
      </div>
    </section>
  );
}
