import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { BreachClock, BreachDoc } from '../../../../shared/domain/breach';
import { isRegimeClock, type RegimeDef, type RegimesInfo } from '../../../../shared/domain/breach-regimes';
import { TELECOM_COMPLETENESS } from '../../../../shared/domain/breach-telecom';
import { call } from '../../lib/api';
import { Section } from '../../components/ui';
import { useApp } from '../../store/app';
import { SelectInput, TextArea, TextInput, useEnumOptions } from '../register/formParts';
import { ClockCard, useNow } from './Clock';

/** The reporting regimes (resources/reference/regimes.json) and those Settings make apply; null while loading. */
export function useRegimes(): RegimesInfo | null {
  const [info, setInfo] = useState<RegimesInfo | null>(null);
  useEffect(() => {
    call('breach:regimes', {}).then(setInfo, () => setInfo({ file: { settings: [], regimes: [] }, applicable: [] }));
  }, []);
  return info;
}

/** The regimes an incident shows: those that apply, and those it answered before Settings changed. */
export function shownRegimes(info: RegimesInfo | null, doc: Pick<BreachDoc, 'regimes'>): RegimeDef[] {
  if (!info) return [];
  return info.file.regimes.filter((r) => info.applicable.includes(r.id) || (doc.regimes?.[r.id]?.significant ?? '') !== '');
}

/** Telecom: the initial notification to the authority is complete, or initial with the rest within 3 days (Reg. 611/2013 Art. 2(3)). */
export function TelecomCompleteness({ name }: { name: string }) {
  const { t } = useTranslation();
  const options = useEnumOptions('telecom.completeness', TELECOM_COMPLETENESS);
  return <SelectInput name={name} label={t('breach.fields.completeness')} options={options} required wide />;
}

/** For each regime that applies: is the incident significant under it, and when was each step sent (with its clock and its reference). */
export function RegimesSection({ info, clocks }: { info: RegimesInfo | null; clocks: ReadonlyArray<BreachClock> }) {
  const { t } = useTranslation();
  const values = useWatch() as BreachDoc;
  const regimes = shownRegimes(info, values);
  if (regimes.length === 0) return null;
  return (
    <>
      {regimes.map((r) => (
        <RegimeCard key={r.id} regime={r} clocks={clocks.filter((c) => isRegimeClock(c) && c.regime === r.id)} answer={values.regimes?.[r.id]} />
      ))}
      <p className="muted small">{t('breaches.regimesHelp')}</p>
    </>
  );
}

function RegimeCard({ regime, clocks, answer }: { regime: RegimeDef; clocks: ReadonlyArray<BreachClock>; answer: NonNullable<BreachDoc['regimes']>[string] | undefined }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const now = useNow();
  const l = (fr: string, en: string) => (language === 'fr' ? fr : en);
  const significant = useEnumOptions('regime.significant', ['yes', 'no']);
  const base = `regimes.${regime.id}`;
  return (
    <Section title={l(regime.nameFr, regime.nameEn)}>
      <div data-testid={`regime-${regime.id}`}>
        <p className="muted small">
          {l(regime.sourceFr, regime.sourceEn)} · {t('breaches.regimeAuthority', { authority: l(regime.authorityFr, regime.authorityEn) })}
        </p>
        <p className="small">{l(regime.triggerFr, regime.triggerEn)}</p>
        {(answer?.significant ?? '') === '' ? (
          <p className="notice notice-warn" role="status">
            {t('breaches.regimeUndecided', { regime: l(regime.nameFr, regime.nameEn) })}
          </p>
        ) : null}
        <div className="form-grid">
          <SelectInput name={`${base}.significant`} label={t('breaches.regimeSignificant')} options={significant} deps={[`${base}.reason`]} />
        </div>
        <TextArea name={`${base}.reason`} label={t('breaches.regimeReason')} rows={2} required={answer?.significant === 'no'} />
        {answer?.significant === 'yes' ? (
          <ol className="regime-steps">
            {regime.steps.map((s) => {
              const clock = clocks.find((c) => isRegimeClock(c) && c.step === s.id);
              return (
                <li key={s.id} data-step={s.id}>
                  <div className="regime-step-head">
                    <strong>{l(s.nameFr, s.nameEn)}</strong>
                    <span className="muted small">{l(s.sourceFr ?? '', s.sourceEn ?? '')}</span>
                  </div>
                  {clock ? <ClockCard clock={clock} now={now} compact /> : <span className="muted small">{s.onRequest ? t('regime.onRequest') : t('breaches.regimeWaitsFor')}</span>}
                  <div className="form-grid">
                    <TextInput name={`${base}.steps.${s.id}.sentAt`} label={t('breaches.regimeSentAt')} type="datetime-local" />
                    <TextInput name={`${base}.steps.${s.id}.reference`} label={t('breaches.regimeReference')} />
                  </div>
                </li>
              );
            })}
          </ol>
        ) : null}
      </div>
    </Section>
  );
}
