import { DateField } from '../../components/DateField';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockState, type BreachClock, type BreachEntry } from '../../../../shared/domain/breach';
import { art33Gaps, type ControllerClock } from '../../../../shared/domain/breach-role';
import { toInstant } from '../../../../shared/domain/breach-clock';
import { formatZonedTime } from '../../../../shared/domain/zoned-time';
import { AppError } from '../../../../shared/errors';
import { DocLanguageSelect } from '../../components/DocLanguageSelect';
import { Field, Section } from '../../components/ui';
import { call } from '../../lib/api';
import { appNow } from '../../lib/clock';
import { deliverDocument } from '../../lib/download';
import { describeError } from '../../lib/errors';
import { useBusy } from '../../lib/useBusy';
import { useApp } from '../../store/app';
import { ClockCard } from './Clock';

/**
 * Issue 12 (roles): the processor's side of an incident (Art. 33(2)). One card per client
 * controller: its clock (the contract's delay, or the time since awareness when the contract sets
 * none), when and how it was informed, the form to record it, and the notice to it in Word.
 */

/** A controller's clock: the deadline card when the contract sets a delay, the time elapsed since awareness otherwise. */
export function ControllerClockCard({ entry, clock, now }: { entry: BreachEntry; clock: ControllerClock; now: string }) {
  const { t } = useTranslation();
  const deadline = entry.clocks.find((c): c is BreachClock => c.kind === 'controllerNotice' && c.party === clock.party);
  if (clock.hours !== null && deadline) return <ClockCard clock={deadline} now={now} />;
  // "Without undue delay": no due time, so no "left" nor "overdue"; the time since awareness, stopped when informed.
  const state = clockState({ dueUtc: clock.startUtc }, clock.informed?.utc ?? now);
  const duration = state.hours >= 48 ? t('breaches.durationDays', { d: Math.floor(state.hours / 24), h: state.hours % 24 }) : t('breaches.duration', { h: state.hours, m: String(state.minutes).padStart(2, '0') });
  return (
    <div className={`clock ${clock.informed ? 'done' : 'elapsed'}`} data-testid="clock-controllerElapsed" data-party={clock.party} data-state={clock.informed ? 'done' : 'elapsed'}>
      <span className="clock-title">{t('breachRole.clockTitle', { party: clock.party })}</span>
      <span className="clock-value">{clock.informed ? t('breachRole.informedAfter', { duration }) : t('breachRole.elapsed', { duration })}</span>
      <span className="clock-due">{t('breachRole.noDelay')}</span>
    </div>
  );
}

export function ControllersPanel({ entry, dirty, disabled, onChanged }: { entry: BreachEntry; dirty: boolean; disabled: boolean; onChanged: (e: BreachEntry) => void }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const [docLanguage, setDocLanguage] = useState<'fr' | 'en'>(language);
  const gaps = art33Gaps(entry.doc);
  return (
    <Section title={t('breachRole.controllersTab')}>
      <p className="muted small">{t('breachRole.controllersHelp')}</p>
      {dirty ? <p className="notice notice-warn">{t('breaches.saveBeforeDocuments')}</p> : null}
      <p className={gaps.length ? 'notice notice-warn' : 'notice notice-info'} data-testid="art33-gaps">
        {gaps.length ? t('breachRole.gaps', { items: gaps.map((g) => t(`breachRole.item.${g}`)).join(', ') }) : t('breachRole.gapsNone')}
      </p>
      <DocLanguageSelect value={docLanguage} onChange={setDocLanguage} />
      <div className="controllers">
        {entry.controllerClocks.map((c) => (
          <ControllerCard key={c.party} entry={entry} clock={c} docLanguage={docLanguage} disabled={disabled || dirty} onChanged={onChanged} />
        ))}
      </div>
    </Section>
  );
}

const localNow = (zone: string) => DateTime.fromJSDate(appNow()).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");

function ControllerCard({ entry, clock, docLanguage, disabled, onChanged }: { entry: BreachEntry; clock: ControllerClock; docLanguage: 'fr' | 'en'; disabled: boolean; onChanged: (e: BreachEntry) => void }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const toast = useApp((s) => s.toast);
  const { busy, run } = useBusy();
  const [form, setForm] = useState({ sentAt: localNow(entry.doc.zone), means: '', reference: '', delayReason: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const notices = entry.doc.notifications.filter((n) => n.to === 'controller' && n.party.trim() === clock.party);
  const record = () =>
    run(async () => {
      try {
        const saved = await call('breach:informController', { id: entry.id, version: entry.version, notice: { party: clock.party, ...form } });
        setErrors({});
        setForm({ sentAt: localNow(entry.doc.zone), means: '', reference: '', delayReason: '' });
        onChanged(saved);
        toast(t('breachRole.recorded', { party: clock.party }));
      } catch (e) {
        if (e instanceof AppError && e.data.code === 'validation') setErrors(Object.fromEntries(e.data.issues.map((i) => [i.path, i.message])));
        toast(describeError(e), 'error');
      }
    });
  const download = () =>
    run(async () => {
      try {
        deliverDocument(await call('breach:document', { id: entry.id, document: 'controller', party: clock.party, language: docLanguage }), (file) => toast(t('breaches.exported', { file })));
      } catch (e) {
        toast(describeError(e), 'error');
      }
    });
  const input = (k: keyof typeof form, label: string, type: 'text' | 'datetime-local' = 'text', required = false) =>
    type === 'datetime-local' ? (
      <DateField label={label} error={errors[k]} required={required} withTime value={form[k]} onChange={(v) => setForm((f) => ({ ...f, [k]: v }))} disabled={disabled || busy} />
    ) : (
    <Field label={label} error={errors[k]} required={required}>
      {(id, describedBy) => <input id={id} type={type} value={form[k]} onChange={set(k)} aria-invalid={!!errors[k]} aria-describedby={describedBy} disabled={disabled || busy} />}
    </Field>
  );
  return (
    <div className="controller-card" data-testid="controller-card" data-party={clock.party} role="group" aria-label={clock.party}>
      <h3>{clock.party}</h3>
      <ControllerClockCard entry={entry} clock={clock} now={appNow().toISOString()} />
      {notices.length ? (
        <ul className="plain-list" data-testid="informed">
          {notices.map((n, i) => (
            <li key={i}>
              {t('breachRole.informedLine', {
                date: formatLocal(n.sentAt, entry.doc.zone, language),
                means: n.means || '–',
                reference: n.reference ? ` – ${t('breachRole.refShort', { reference: n.reference })}` : '',
              })}
              {n.phase === 'complementary' ? ` (${t('breach.phase.complementary').toLowerCase()})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('breachRole.notInformed')}</p>
      )}
      <details open={!clock.informed}>
        <summary>{clock.informed ? t('breachRole.recordComplementary') : t('breachRole.recordTitle')}</summary>
        <div className="form-grid">
          {input('sentAt', t('breachRole.sentAt'), 'datetime-local', true)}
          {input('means', t('breachRole.means'))}
          {input('reference', t('breachRole.reference'))}
          {input('delayReason', t('breachRole.delayReason'))}
        </div>
        <button type="button" className="button" disabled={disabled || busy} onClick={() => void record()}>
          {clock.informed ? t('breachRole.recordComplementary') : t('breachRole.record')}
        </button>
      </details>
      <div className="actions-row">
        <button type="button" className="button" disabled={disabled || busy} onClick={() => void download()}>
          {t('breachRole.notice', { party: clock.party })}
        </button>
      </div>
    </div>
  );
}

/** A local time of the incident, written by the one formatter of incident times (zone offset, repeated hour). */
function formatLocal(local: string, zone: string, lang: 'fr' | 'en'): string {
  const r = toInstant({ local, zone });
  return r.ok ? formatZonedTime(lang, r.utc, zone) : local;
}
