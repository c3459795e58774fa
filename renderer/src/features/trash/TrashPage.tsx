import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
/** A register record or a breach incident in the trash. */
type TrashRow = { id: string; ref: string; name: string; where: string; status: string; deletedAt: string | null; kind: 'record' | 'breach' | 'supplier' | 'transfer' };
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../components/ui';
import { useApp } from '../../store/app';
import { ResetWidthsButton, SizedHeadRow, useSizedColumns, type SizedColumn } from '../../components/ColumnResizer';

/** Default widths (px), fitting a 1,440-pixel-wide window (issue 16); the user's are kept. */
const COLUMNS: ReadonlyArray<SizedColumn> = [
  { id: 'ref', size: 110 },
  { id: 'name', size: 420 },
  { id: 'status', size: 130 },
  { id: 'deletedAt', size: 180 },
  { id: 'actions', size: 120 },
];

export function TrashPage() {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const language = useApp((s) => s.language);
  const [rows, setRows] = useState<TrashRow[] | null>(null);
  const sized = useSizedColumns('trash', COLUMNS);
  const load = useCallback(async () => {
    const [c, p, b, s, tr] = await Promise.all([
      call('register:list', { kind: 'controller', scope: 'trash' }),
      call('register:list', { kind: 'processor', scope: 'trash' }),
      call('breach:list', { scope: 'trash' }),
      call('supplier:list', { scope: 'trash' }),
      call('transfer:list', { scope: 'trash' }),
    ]);
    setRows([
      ...[...c, ...p].map((r) => ({ id: r.id, ref: r.ref, name: r.name, where: t(`nav.${r.kind}`), status: t(`enums.status.${r.status}`), deletedAt: r.deletedAt, kind: 'record' as const })),
      ...b.map((r) => ({ id: r.id, ref: r.ref, name: r.title, where: t('nav.breaches'), status: t(`breach.status.${r.status}`), deletedAt: r.deletedAt, kind: 'breach' as const })),
      ...s.map((r) => ({ id: r.id, ref: '', name: r.name, where: t('nav.suppliers'), status: t(`supplier.status.${r.status}`), deletedAt: r.deletedAt, kind: 'supplier' as const })),
      ...tr.map((r) => ({ id: r.id, ref: '', name: r.title, where: t('nav.transfers'), status: t(`transfer.status.${r.status}`), deletedAt: r.deletedAt, kind: 'transfer' as const })),
    ]);
  }, [t]);
  useEffect(() => {
    load().catch((e) => toast(describeError(e), 'error'));
  }, [load, toast]);

  const restore = async (row: TrashRow) => {
    try {
      if (row.kind === 'breach') await call('breach:restore', { id: row.id });
      else if (row.kind === 'supplier') await call('supplier:restore', { id: row.id });
      else if (row.kind === 'transfer') await call('transfer:restore', { id: row.id });
      else await call('register:restore', { id: row.id });
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
        <div className="actions">
          <ResetWidthsButton sized={sized} />
          {rows && rows.length > 0 ? (
            <button type="button" className="button danger" onClick={() => void empty()}>
              {t('trash.emptyTrash')}
            </button>
          ) : null}
        </div>
      </header>
      {!rows ? (
        <p className="muted">{t('register.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('trash.empty')}</p>
      ) : (
        <div className="table-scroll">
        <table className="table sized" data-testid="trash-table" style={{ minWidth: sized.minWidth }}>
          <thead>
            <SizedHeadRow sized={sized} labels={[t('fields.ref'), t('fields.name'), t('fields.status'), t('trash.deletedAt'), '']} />
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.ref}</td>
                <td>
                  {r.name} <span className="muted small">({r.where})</span>
                </td>
                <td>{r.status}</td>
                <td>{r.deletedAt ? formatDateTime(r.deletedAt, language) : ''}</td>
                <td className="row-actions">
                  <button type="button" className="button small" onClick={() => void restore(r)}>
                    {t('trash.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </div>
  );
}
