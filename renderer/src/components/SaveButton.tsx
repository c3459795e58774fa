import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useReadOnlyReason } from '../lib/useReadOnly';

/**
 * The save button of every form: disabled while saving, and on a read-only register, where it
 * says why (its title, read by screen readers and shown on hover) instead of failing on click.
 */
export function SaveButton(props: { busy?: boolean; disabled?: boolean; children?: ReactNode; className?: string }) {
  const { t } = useTranslation();
  const readOnly = useReadOnlyReason();
  return (
    <button
      type="submit"
      className={props.className ?? 'button primary'}
      disabled={Boolean(props.busy || props.disabled || readOnly)}
      title={readOnly ?? undefined}
      data-read-only={readOnly ? 'true' : undefined}
      data-shortcut="save"
    >
      {props.children ?? (props.busy ? t('record.saving') : t('record.save'))}
    </button>
  );
}

/** Any other button that writes (delete, restore, new…): the same read-only rule as SaveButton. */
export function WriteButton(props: React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const readOnly = useReadOnlyReason();
  return <button type="button" {...props} disabled={Boolean(props.disabled || readOnly)} title={readOnly ?? props.title} />;
}
