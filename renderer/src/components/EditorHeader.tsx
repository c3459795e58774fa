import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, formatDateTime } from './ui';
import { useApp } from '../store/app';
import { SaveButton, WriteButton } from './SaveButton';

/**
 * The sticky head of an editor page: the way back, the title, when it was created and changed,
 * and the actions (cancel the edits, move to the trash or restore, save), the same everywhere.
 */
export function EditorHeader(props: {
  back: Readonly<{ href: string; label: string }>;
  title: ReactNode;
  times?: Readonly<{ createdAt: string; updatedAt: string }>;
  note?: ReactNode;
  dirty: boolean;
  busy: boolean;
  inTrash: boolean;
  onCancel: () => void;
  /** Present once the entry exists. */
  onDelete?: () => void;
  onRestore?: () => void;
  /** Further buttons (documents…), shown before delete and save. */
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  return (
    <header className="page-head sticky">
      <div>
        <a className="muted small" href={props.back.href}>
          ← {props.back.label}
        </a>
        <h1>{props.title}</h1>
        {props.times ? (
          <div className="muted small">
            {t('record.created', { date: formatDateTime(props.times.createdAt, language) })}, {t('record.updated', { date: formatDateTime(props.times.updatedAt, language) })}
            {props.note ? <> · {props.note}</> : null}
          </div>
        ) : null}
      </div>
      <div className="actions">
        {props.dirty ? (
          <>
            <Badge tone="warn">{t('record.unsaved')}</Badge>
            <button type="button" className="button" disabled={props.busy} onClick={props.onCancel}>
              {t('record.cancel')}
            </button>
          </>
        ) : null}
        {props.inTrash ? (
          <WriteButton className="button primary" disabled={props.busy} onClick={props.onRestore}>
            {t('record.restore')}
          </WriteButton>
        ) : (
          <>
            {props.extra}
            {props.onDelete ? (
              <WriteButton className="button danger" disabled={props.busy || props.dirty} onClick={props.onDelete}>
                {t('record.delete')}
              </WriteButton>
            ) : null}
            <SaveButton busy={props.busy} />
          </>
        )}
      </div>
    </header>
  );
}
