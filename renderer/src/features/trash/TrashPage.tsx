import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterSummary } from '../../../../shared/domain/register';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../components/ui';
import { useApp } from '../../store/app';

export function TrashPage() {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const language = useApp((s) => s.language);
  const [rows, setRows] = useState<RegisterSummary[] | null>(null);
  const load = useCallback(async () => {
    const [c, p] = await Promise.all([
      call('register:list', { kind: 'controller', scope: 'trash' }),
      call('register:list', { kind: 'processor', scope: 'trash' }),
    ]);
    setRows([...c, ...p]);
  }, []);
  useEffect(() => {
    load().catch((e) => toast(describeError(e), 'error'));
  }, [load, toast]);

  const restore = async (id: string) => {
    try {
      await call('register:restore', { id });
      toast(t('trash.restored'));
      await load();
    } catch (err) {
      toast(describeError(err), 'error');
    }
  };
  const empty = async () => {
    if (!rows || !window.confirm(t('trash.confirmEmpty', { count: rows.length }))) return;
    try {
      const { purged } = await call('trash:empty', {});
      toast(t('trash.purged', { count: purged }));
      await load();
    } catch (err) {
      toast(describeError(err), 'error');
    }
  };
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('trash.title')}</h1>
          <p className="muted small">{t('trash.intro')}</p>
        </div>
        {rows && rows.length > 0 ? (
          <button type="button" className="button danger" onClick={() => void empty()}>
            {t('trash.emptyTrash')}
          </button>
        ) : null}
      </header>
      {!rows ? (
        <p className="muted">{t('register.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('trash.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('fields.ref')}</th>
              <th>{t('fields.name')}</th>
              <th>{t('fields.status')}</th>
              <th>{t('trash.deletedAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.ref}</td>
                <td>
                  {r.name} <span className="muted small">({t(`nav.${r.kind}`)})</span>
                </td>
                <td>{t(`enums.status.${r.status}`)}</td>
                <td>{r.deletedAt ? formatDateTime(r.deletedAt, language) : ''}</td>
                <td className="row-actions">
                  <button type="button" className="button small" onClick={() => void restore(r.id)}>
                    {t('trash.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
