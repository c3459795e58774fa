import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERENCE_LISTS, type ReferenceItem, type ReferenceListName } from '../../../../shared/domain/reference-lists';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { errorText } from '../../lib/i18n';
import { AppError } from '../../../../shared/errors';
import { Badge } from '../../components/ui';
import { useApp } from '../../store/app';

type Draft = { code?: string; labelFr: string; labelEn: string; archived: boolean };

export function ListsPage() {
  const { t } = useTranslation();
  const lists = useApp((s) => s.lists);
  const reloadLists = useApp((s) => s.reloadLists);
  const toast = useApp((s) => s.toast);
  const [list, setList] = useState<ReferenceListName>('dataCategories');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = async (item: Draft) => {
    setErrors({});
    try {
      await call('lists:saveItem', { list, ...item });
      await reloadLists();
      setDraft(null);
      toast(t('lists.saved'));
    } catch (err) {
      if (err instanceof AppError && err.data.code === 'validation') {
        setErrors(Object.fromEntries(err.data.issues.map((i) => [i.path, i.message])));
      } else toast(describeError(err), 'error');
    }
  };
  const edit = (item: ReferenceItem) => setDraft({ code: item.code, labelFr: item.labelFr, labelEn: item.labelEn, archived: item.archived });

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('lists.title')}</h1>
          <p className="muted small">{t('lists.intro')}</p>
        </div>
      </header>
      <div className="tabs" role="tablist">
        {REFERENCE_LISTS.map((l) => (
          <button
            key={l}
            type="button"
            role="tab"
            aria-selected={l === list}
            className={l === list ? 'tab on' : 'tab'}
            onClick={() => {
              setList(l);
              setDraft(null);
            }}
          >
            {t(`enums.list.${l}`)}
          </button>
        ))}
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>{t('lists.code')}</th>
            <th>{t('lists.labelFr')}</th>
            <th>{t('lists.labelEn')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(lists?.[list] ?? []).map((item) =>
            draft?.code === item.code ? (
              <EditRow key={item.code} draft={draft} setDraft={setDraft} errors={errors} onSave={save} onCancel={() => setDraft(null)} />
            ) : (
              <tr key={item.code} className={item.archived ? 'archived' : undefined}>
                <td>
                  <code>{item.code}</code>
                </td>
                <td>{item.labelFr}</td>
                <td>{item.labelEn}</td>
                <td className="row-actions">
                  {item.archived ? <Badge tone="muted">{t('lists.archived')}</Badge> : null}
                  <button type="button" className="link" onClick={() => edit(item)}>
                    {t('lists.edit')}
                  </button>
                  <button type="button" className="link" onClick={() => void save({ ...item, archived: !item.archived })}>
                    {item.archived ? t('lists.unarchive') : t('lists.archive')}
                  </button>
                </td>
              </tr>
            ),
          )}
          {draft && draft.code === undefined ? (
            <EditRow draft={draft} setDraft={setDraft} errors={errors} onSave={save} onCancel={() => setDraft(null)} />
          ) : null}
        </tbody>
      </table>
      {!draft ? (
        <button type="button" className="button" onClick={() => setDraft({ labelFr: '', labelEn: '', archived: false })}>
          + {t('lists.add')}
        </button>
      ) : null}
    </div>
  );
}

function EditRow(props: {
  draft: Draft;
  setDraft: (d: Draft) => void;
  errors: Record<string, string>;
  onSave: (d: Draft) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { draft } = props;
  return (
    <tr className="editing">
      <td>{draft.code ? <code>{draft.code}</code> : <span className="muted">—</span>}</td>
      {(['labelFr', 'labelEn'] as const).map((k) => (
        <td key={k}>
          <input aria-label={t(`lists.${k}`)} value={draft[k]} onChange={(e) => props.setDraft({ ...draft, [k]: e.target.value })} />
          {props.errors[k] ? <div className="error" role="alert">{errorText(props.errors[k])}</div> : null}
        </td>
      ))}
      <td className="row-actions">
        <button type="button" className="button primary small" onClick={() => props.onSave(draft)}>
          {t('record.save')}
        </button>
        <button type="button" className="link" onClick={props.onCancel}>
          {t('common.close')}
        </button>
      </td>
    </tr>
  );
}
