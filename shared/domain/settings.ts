import { z } from 'zod';
import { msg } from './validation';

/** The app's own settings (Settings page): today, how far ahead a new record's next review is set. */
export const AppSettingsSchema = z
  .object({
    /** A new record's next review date is today plus this many months. */
    reviewMonths: z
      .number({ error: msg('number') })
      .int({ error: msg('integer') })
      .min(1, { error: msg('min', { min: 1 }) })
      .max(60, { error: msg('max', { max: 60 }) }),
  })
  .strict();
export type AppSettings = z.infer<typeof AppSettingsSchema>;

export const APP_SETTINGS_DEFAULTS: AppSettings = { reviewMonths: 12 };
