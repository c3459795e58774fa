import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type FieldValues, type Resolver, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { describeError } from './errors';
import { useLeaveGuard } from './useLeaveGuard';

export type Editor = Readonly<{
  form: UseFormReturn<FieldValues>;
  dirty: boolean;
  busy: boolean;
  banner: string;
  setBanner: (text: string) => void;
  /** Runs an action with the busy flag, its failure shown in the banner. */
  act: (fn: () => Promise<void>) => Promise<void>;
  /** The submit handler: validates, saves, puts the field errors the core returns next to their fields. */
  onSubmit: (e?: React.BaseSyntheticEvent) => Promise<void>;
}>;

/**
 * What every editor page shares: the form validated as you type by the same zod schema the core
 * runs, the guard against leaving unsaved edits, and one save path whose errors land next to
 * their fields (and as a banner), never as an exception.
 */
export function useEditor<D>(schema: z.ZodType, initial: D, save: (doc: D) => Promise<void>): Editor {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState('');
  const form = useForm<FieldValues>({ defaultValues: initial as FieldValues, resolver: zodResolver(schema as never) as unknown as Resolver<FieldValues>, mode: 'onChange' });
  const dirty = form.formState.isDirty;
  useLeaveGuard(dirty);
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setBanner('');
    try {
      await fn();
    } catch (err) {
      const issues = err instanceof AppError && err.data.code === 'validation' ? err.data.issues : [];
      for (const i of issues) if (i.path !== 'file') form.setError(i.path as never, { type: 'server', message: i.message });
      setBanner(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = form.handleSubmit(
    (doc) => act(() => save(doc as D)),
    () => setBanner(t('errors.fixBeforeSave')),
  );
  return { form, dirty, busy, banner, setBanner, act, onSubmit };
}
