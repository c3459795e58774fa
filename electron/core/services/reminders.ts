/**
 * The desktop app's system notifications (issue 16), decided here in plain Node so that they are
 * tested without Electron: a breach clock within 6 hours, and the items due today or late (one
 * notification for the day). Nothing leaves the laptop: Electron's Notification shows them.
 */
import type { Language } from '../../../shared/domain/enums';
import { dueNotifications, obligationTitle } from '../../../shared/domain/obligations';
import { todayIso } from '../../../shared/domain/validation';
import { translate } from '../../../shared/i18n';
import type { Core } from '../core';
import { listObligations } from './obligations.service';

export type ReminderNotice = Readonly<{ key: string; title: string; body: string; /** Where a click leads (a route of the renderer). */ hash: string }>;

const hashOf = (o: { entity: string; entityId: string }) =>
  o.entity === 'breach' ? `#/breach/${encodeURIComponent(o.entityId)}` : '#/dashboard';

/** The notifications not yet shown (keys in `sent`); the caller adds the keys of those it shows. */
export function pendingReminders(core: Core, lang: Language, sent: ReadonlySet<string>): ReminderNotice[] {
  const now = core.now();
  const today = todayIso(now);
  // Everything up to the end of tomorrow (UTC) is enough: a clock within 6 hours falls in it.
  const to = new Date(now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  return dueNotifications(listObligations(core, { from: '', to }), today, now.toISOString(), sent).map((n) => {
    if (n.kind === 'clock') {
      const o = n.items[0]!;
      const hours = Math.max(0, Math.round(((Date.parse(o.due) - now.getTime()) / 3_600_000) * 10) / 10);
      return { key: n.key, title: translate(lang, 'obligation.notify.clockTitle', { hours }), body: obligationTitle(lang, o), hash: hashOf(o) };
    }
    const first = n.items.slice(0, 3).map((o) => obligationTitle(lang, o));
    const more = n.items.length - first.length;
    return {
      key: n.key,
      title: translate(lang, 'obligation.notify.dayTitle', { count: n.items.length }),
      body: [...first, ...(more > 0 ? [translate(lang, 'obligation.notify.more', { count: more })] : [])].join('\n'),
      hash: '#/dashboard',
    };
  });
}
