import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/contract';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../components/ui';
import { useApp } from '../../store/app';
import { referenceLabel } from '../../../../shared/domain/reference-lists';
import { formatZonedTime } from '../../../../shared/domain/zoned-time';

/** Turns "dataCategories.0.retention.duration" into "Catégories de données › 1 › Durée de conservation › Durée". */
function useFieldPath(labels: string, names: Readonly<Record<string, string>>) {
  const { t, i18n } = useTranslation();
  return (path: string) =>
    path
      .split('.')
      .map((part) => {
        if (/^\d+$/.test(part)) return String(Number(part) + 1);
        if (names[part]) return names[part];
        const own = `${labels}.${part}`;
        if (labels !== 'fields' && i18n.exists(own)) return t(own);
        const k = `fields.${part === 'needed' ? 'dpiaNeeded' : part === 'done' ? 'dpiaDone' : part}`;
        return i18n.exists(k) ? t(k) : part;
      })
      .join(' › ');
}

const ENUM_FIELDS: Record<string, string> = {
  status: 'enums.status',
  legalBasis: 'enums.legalBasis',
  basis: 'enums.legalBasis',
  end: 'enums.retentionEnd',
  clientScope: 'enums.clientScope',
  endOfContract: 'supplier.endOfContract',
  art9Condition: 'enums.art9',
  safeguard: 'enums.safeguard',
  needed: 'enums.dpiaNeeded',
  unit: 'enums.retentionUnit',
};

/** A value as the DPO reads it: labels for codes, Yes/No for booleans, long texts cut. */
function useShowValue(zone?: string) {
  const { t } = useTranslation();
  const lists = useApp((s) => s.lists);
  const language = useApp((s) => s.language);
  return (path: string, value: unknown): string => {
    if (value === undefined || value === null || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    // An instant the core recorded (a checklist tick): in the reader's format, in the incident's zone when there is one.
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return zone ? formatZonedTime(language, value, zone) : formatDateTime(value, language);
    const parts = path.split('.');
    const leaf = parts[parts.length - 1]!;
    const top = parts[0]!;
    if (typeof value === 'string') {
      const list =
        leaf === 'department' ? 'departments'
        : leaf === 'category' && (top === 'dataCategories' || top === 'dataSubjects' || top === 'recipients') ? top
        : leaf === 'type' && top === 'securityMeasures' ? 'securityMeasures'
        : null;
      if (list === 'dataCategories' && value === 'ALL') return t('enums.allDataCategories');
      if (list) return referenceLabel(lists ?? undefined, list, value, language);
      if (leaf === 'category' && top === 'specialCategories') return t(`enums.special.${value}`);
      if (leaf === 'type' && top === 'recipients') return t(`enums.recipientType.${value}`);
      if (ENUM_FIELDS[leaf]) return t(`${ENUM_FIELDS[leaf]}.${value}`);
    }
    const s = typeof value === 'string' ? value : JSON.stringify(value);
    return s.length > 300 ? `${s.slice(0, 300)}…` : s;
  };
}

/** The audit trail of a register record (or, with `channel` and `labels`, of a breach incident). */
/** `names`: labels for codes that appear in paths (an incident's checklist steps). `zone`: an incident's zone, its times are shown in (issue 12). */
export function HistoryTab({ id, version, channel = 'register:history', labels = 'fields', names = {}, zone }: { id: string; version: number; channel?: 'register:history' | 'breach:history' | 'supplier:history' | 'transfer:history'; labels?: string; names?: Readonly<Record<string, string>>; zone?: string }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const fieldPath = useFieldPath(labels, names);
  const show = useShowValue(zone);
  const at = (iso: string) => (zone ? formatZonedTime(language, iso, zone) : formatDateTime(iso, language));
  const [entries, setEntries] = useState<ReadonlyArray<AuditEntry> | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    call(channel, { id }).then(setEntries, (e) => setError(describeError(e)));
  }, [id, version, channel]);
  if (error) return <p className="error">{error}</p>;
  if (!entries) return <p className="muted">{t('register.loading')}</p>;
  if (entries.length === 0) return <p className="muted">{t('history.empty')}</p>;
  return (
    <ol className="history" aria-label={t('history.title')}>
      {entries.map((e) => {
        // Creation and deletion show the whole record; the fields that changed are what matters.
        const changes = ['update', 'archive', 'unarchive', 'status', 'step', 'journal', 'document', 'documentRemoved', 'migrate', 'convert', 'link', 'unlink', 'importUpdate', 'undoImport', 'sheetReturn'].includes(e.action) ? e.changes : [];
        return (
          <li key={e.id} className="history-entry">
            <div className="history-head">
              <strong>{t(`history.actions.${e.action}`, { defaultValue: e.action })}</strong>{' '}
              <span className="muted">
                {at(e.at)} · {t('history.by', { actor: e.actor })}
              </span>
            </div>
            {e.detail?.file ? <div className="muted small">{t('history.fromFile', { file: e.detail.file, sha: e.detail.sha256 ?? '' })}</div> : null}
            {changes.length > 0 ? (
              <table className="changes">
                <thead>
                  <tr>
                    <th>{t('history.field')}</th>
                    <th>{t('history.before')}</th>
                    <th>{t('history.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={c.path}>
                      <td>{fieldPath(c.path)}</td>
                      <td className="before">{show(c.path, c.before)}</td>
                      <td className="after">{show(c.path, c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
