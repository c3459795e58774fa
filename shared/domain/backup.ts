import { z } from 'zod';
import { msg } from './validation';

/**
 * Scheduled backups (issue 14): at start-up, when the latest complete backup is older than
 * `everyDays` days, one is made; the app keeps the `keep` latest scheduled ones (backups made by
 * hand are never removed). `everyDays` 0 turns the schedule off.
 */
export const BackupSettingsSchema = z
  .object({
    everyDays: z
      .number({ error: msg('number') })
      .int({ error: msg('integer') })
      .min(0, { error: msg('min', { min: 0 }) })
      .max(365, { error: msg('max', { max: 365 }) }),
    keep: z
      .number({ error: msg('number') })
      .int({ error: msg('integer') })
      .min(1, { error: msg('min', { min: 1 }) })
      .max(100, { error: msg('max', { max: 100 }) }),
  })
  .strict();
export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

export const BACKUP_SETTINGS_DEFAULTS: BackupSettings = { everyDays: 7, keep: 10 };

/** A passphrase protects backups taken to USB drives and shared folders: at least 8 characters. */
export const NewPassphraseSchema = z
  .string()
  .min(8, { error: msg('passphraseTooShort', { min: 8 }) })
  .max(1024, { error: msg('max', { max: 1024 }) });

/** The name of a backup in the backup folder: no path, a register copy or a complete backup. */
export const BACKUP_FILE_RE = /^[^/\\]+\.(sqlite|dpobackup)$/;
