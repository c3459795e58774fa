import { useEffect, useState } from 'react';
import { ActivityPicker } from '../../components/ActivityPicker';
import { FormProvider, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  ART34_EXCEPTIONS,
  BREACH_CAUSES,
  BREACH_HARMS,
  BREACH_NATURES,
  BREACH_ORIGINS,
  BREACH_ROLES,
  BREACH_STATUSES,
  BreachDocSchema,
  EXPOSURES,
  IDENTIFIABILITIES,
  LOSSES,
  NOTIFICATION_TARGETS,
  PHASES,
  RISK_LEVELS,
  SENSITIVITIES,
  SEVERITIES,
  breachClocks,
  riskInputOf,
  type BreachDoc,
  type BreachEntry,
} from '../../../../shared/domain/breach';
import { obligationsFor, suggestRisk } from '../../../../shared/domain/breach-risk';
import { informsControllers, notificationTargetsFor, notifiesAuthority } from '../../../../shared/domain/breach-role';
import { FOLDS, localOf, repeatedOffsets, type Fold } from '../../../../shared/domain/breach-clock';
import { appNow } from '../../lib/clock';
import { EEA_STATES, OTHER_NOTIFICATION_KINDS, type FoldableTime } from '../../../../shared/domain/breach-trail';
import { countryName } from '../../../../shared/domain/countries';
import { SPECIAL_CATEGORIES } from '../../../../shared/domain/enums';
import { call } from '../../lib/api';
import { navigate, routeHash } from '../../lib/router';
import { useEditor } from '../../lib/useEditor';
import { useSupplierOptions, useZoneOptions } from '../../lib/options';
import { EditorHeader } from '../../components/EditorHeader';
import { TabBar } from '../../components/TabBar';
import { Badge, FormNotices, Section } from '../../components/ui';
import { useApp } from '../../store/app';
import { HistoryTab } from '../register/HistoryTab';
import { ArrayEditor, Checkbox, CheckboxGroup, NumberInput, SelectInput, TextArea, TextInput, useEnumOptions, useListOptions } from '../register/formParts';
import { ClockCard, clockId, useNow } from './Clock';
import { RegimesSection, TelecomCompleteness, useRegimes } from './BreachRegimes';
import { telecomAdverseEffect, TELECOM_EXEMPTIONS } from '../../../../shared/domain/breach-telecom';
import { ChecklistPanel, DocumentsPanel } from './BreachPanels';
import { ControllerClockCard, ControllersPanel } from './ControllersPanel';

type Tab = 'facts' | 'risk' | 'notifications' | 'controllers' | 'checklist' | 'documents' | 'history';

/** Which tab shows a field, so that a tab can say how many of its fields need fixing. */
const TAB_OF: Record<string, Tab> = { risk: 'risk', decision: 'risk', notifications: 'notifications', regimes: 'notifications', crossBorder: 'notifications', letter: 'documents' };

export function BreachPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [entry, setEntry] = useState<BreachEntry | 'missing' | null>(null);
  const [fresh, setFresh] = useState<BreachDoc | null>(null);
  useEffect(() => {
    if (id === 'new') call('breach:new', {}).then(setFresh, () => setEntry('missing'));
    else call('breach:get', { id }).then(setEntry, () => setEntry('missing'));
  }, [id]);
  if (entry === 'missing') {
    return (
      <div className="page">
        <p className="notice notice-warn">{t('breaches.notFound')}</p>
        <a href={routeHash({ page: 'breaches' })}>{t('breaches.back')}</a>
      </div>
    );
  }
  if (id === 'new' ? !fresh : !entry) return <p className="muted">{t('register.loading')}</p>;
  return <BreachEditor entry={entry} initial={entry?.doc ?? fresh!} onSaved={setEntry} />;
}

function BreachEditor(props: { entry: BreachEntry | null; initial: BreachDoc; onSaved: (e: BreachEntry) => void }) {
  const { entry } = props;
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const language = useApp((s) => s.language);
  const now = useNow();
  const [tab, setTab] = useState<Tab>('facts');
  const regimes = useRegimes();
  const { form, dirty, busy, banner, act, onSubmit } = useEditor<BreachDoc>(BreachDocSchema, props.initial, async (doc) => {
    const saved = entry ? await call('breach:update', { id: entry.id, version: entry.version, doc }) : await call('breach:create', { doc });
    form.reset(saved.doc);
    props.onSaved(saved);
    toast(t('breaches.saved'));
    if (!entry) navigate({ page: 'breach', id: saved.id });
  });
  const values = useWatch({ control: form.control }) as BreachDoc;
  const inTrash = !!entry?.deletedAt;

  const errorCount = (which: Tab) =>
    Object.keys(form.formState.errors).filter((k) => (TAB_OF[k] ?? 'facts') === which).length;

  const remove = () =>
    act(async () => {
      if (!window.confirm(t('breaches.confirmDelete'))) return;
      await call('breach:delete', { id: entry!.id });
      toast(t('record.deleted'));
      navigate({ page: 'breaches' });
    });
  const restore = () =>
    act(async () => {
      const e = await call('breach:restore', { id: entry!.id });
      props.onSaved(e);
      form.reset(e.doc);
      toast(t('trash.restored'));
    });

  // Issue 12: the processor's tab (one card per client controller) where the stored incident informs controllers.
  const tabs: Tab[] = entry
    ? ['facts', 'risk', 'notifications', ...(informsControllers(entry.doc.role) ? (['controllers'] as const) : []), 'checklist', 'documents', 'history']
    : ['facts', 'risk', 'notifications'];
  const afterInform = (e: BreachEntry) => {
    props.onSaved(e);
    form.reset(e.doc);
  };
  return (
    <FormProvider {...form}>
      <form className="page page-record" onSubmit={onSubmit} noValidate>
        <EditorHeader
          back={{ href: routeHash({ page: 'breaches' }), label: t('breaches.title') }}
          title={
            <>
              {entry ? <span className="ref">{entry.ref}</span> : null} {values.title || t('breaches.newTitle')}
            </>
          }
          times={entry ?? undefined}
          note={
            entry
              ? entry.processorTemplateVersion
                ? t('breachRole.templateVersions', { controller: entry.templateVersion, processor: entry.processorTemplateVersion })
                : t('breaches.templateVersion', { version: entry.templateVersion })
              : undefined
          }
          dirty={dirty}
          busy={busy}
          inTrash={inTrash}
          onCancel={() => form.reset(props.initial)}
          onRestore={() => void restore()}
          onDelete={entry ? () => void remove() : undefined}
        />
        <FormNotices inTrash={inTrash} banner={banner} />
        {!entry ? <PreviewClocks values={values} now={now} /> : null}
        {entry && entry.clocks.length + entry.controllerClocks.length > 0 ? (
          <div className="clocks" aria-label={t('breaches.clocks')}>
            {entry.clocks
              .filter((c) => c.kind !== 'controllerNotice')
              .map((c) => (
                <ClockCard key={`${clockId(c)}-${c.party ?? ''}`} clock={c} now={now} />
              ))}
            {entry.controllerClocks.map((c) => (
              <ControllerClockCard key={`controller-${c.party}`} entry={entry} clock={c} now={now} />
            ))}
          </div>
        ) : null}
        <TabBar tabs={tabs} current={tab} onChange={setTab} label={(k) => (k === 'controllers' ? t('breachRole.controllersTab') : t(`breaches.tabs.${k}`))} errors={errorCount} />
        <fieldset className="plain" disabled={inTrash}>
          {tab === 'facts' ? <FactsTab /> : null}
          {tab === 'risk' ? <RiskTab /> : null}
          {tab === 'notifications' ? <NotificationsTab /> : null}
          {tab === 'notifications' ? <RegimesSection info={regimes} clocks={entry?.clocks ?? []} /> : null}
        </fieldset>
        {tab === 'controllers' && entry ? <ControllersPanel entry={entry} dirty={dirty} disabled={inTrash} onChanged={afterInform} /> : null}
        {tab === 'checklist' && entry ? <ChecklistPanel entry={entry} onChanged={props.onSaved} disabled={inTrash} /> : null}
        {tab === 'documents' && entry ? <DocumentsPanel entry={entry} dirty={dirty} regimes={regimes} /> : null}
        {tab === 'history' && entry ? <HistoryTab id={entry.id} version={entry.version + entry.steps.length + entry.journal.length} channel="breach:history" labels="breach.fields" zone={entry.doc.zone} names={Object.fromEntries(entry.steps.map((s) => [s.id, language === 'fr' ? s.labelFr : s.labelEn]))} /> : null}
      </form>
    </FormProvider>
  );
}

/** The incident's times: a change to one checks the order of the others again. */
const TIMES = ['occurredAt', 'endedAt', 'discoveredAt', 'awareAt'];

/** "Now" beside a time (issue 16): the present minute in the incident's zone, the order of the times checked again. */
function NowButton({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation();
  const { setValue, trigger } = useFormContext();
  const zone = useWatch({ name: 'zone' }) as string;
  const set = () => {
    const local = localOf(appNow().toISOString(), zone || 'UTC')?.local;
    if (!local) return;
    setValue(name, local, { shouldDirty: true, shouldValidate: true });
    void trigger(TIMES);
  };
  return (
    <button type="button" className="button small" onClick={set} aria-label={t('quick.nowFor', { field: label })}>
      {t('quick.now')}
    </button>
  );
}

/**
 * A new incident shows its clocks before the first save (issue 16): computed here from the times
 * typed, with the same rules as the core (shared/domain/breach.ts); the other regimes' clocks
 * (NIS2…) appear once it is saved, when the incident's answers to them are known.
 */
function PreviewClocks({ values, now }: { values: BreachDoc; now: string }) {
  const { t } = useTranslation();
  let clocks: ReturnType<typeof breachClocks> = [];
  try {
    clocks = breachClocks(values).filter((c) => c.kind !== 'controllerNotice');
  } catch {
    clocks = []; // times still being typed
  }
  if (clocks.length === 0) return null;
  return (
    <div className="clocks" aria-label={t('breaches.clocks')} data-testid="preview-clocks">
      {clocks.map((c) => (
        <ClockCard key={`${clockId(c)}-${c.party ?? ''}`} clock={c} now={now} />
      ))}
      <p className="muted small">{t('quick.previewClocks')}</p>
    </div>
  );
}

/**
 * Issue 12: a time typed in the hour that occurs twice when clocks go back (02:30 on the last
 * Sunday of October in Paris) designates two instants; the form asks which, offering the two
 * offsets, and stores the answer in the incident (`folds`). The first is taken until then.
 */
function FoldChoice({ name }: { name: FoldableTime }) {
  const { t } = useTranslation();
  const { setValue, trigger } = useFormContext<BreachDoc>();
  const [local, zone, fold] = useWatch<BreachDoc>({ name: [name, 'zone', `folds.${name}`] }) as [string, string, Fold | undefined];
  const offsets = repeatedOffsets(local ?? '', zone ?? '');
  if (!offsets) return null;
  const choose = (f: Fold) => {
    setValue(`folds.${name}`, f, { shouldDirty: true });
    void trigger(TIMES as Array<keyof BreachDoc>);
  };
  return (
    <fieldset className="fold-choice field-wide" data-testid={`fold-${name}`}>
      <legend>{t('breachTrail.foldQuestion')}</legend>
      {FOLDS.map((f, i) => (
        <label key={f}>
          <input type="radio" name={`fold-${name}`} value={f} checked={(fold ?? 'first') === f} onChange={() => choose(f)} /> {t('breachTrail.foldOption', { offset: `UTC${offsets[i]}`, which: t(`zonedTime.${f}`) })}
        </label>
      ))}
    </fieldset>
  );
}


function FactsTab() {
  const { t } = useTranslation();
  const values = useWatch() as BreachDoc;
  const roles = useEnumOptions('breach.role', BREACH_ROLES);
  const statuses = useEnumOptions('breach.status', BREACH_STATUSES);
  const natures = useEnumOptions('breach.nature', BREACH_NATURES);
  const origins = useEnumOptions('breach.origin', BREACH_ORIGINS);
  const causes = useEnumOptions('breach.cause', BREACH_CAUSES);
  const harms = useEnumOptions('breach.harm', BREACH_HARMS);
  const special = useEnumOptions('enums.special', SPECIAL_CATEGORIES);
  const dataCategories = useListOptions('dataCategories', values.dataCategories ?? []);
  const subjects = useListOptions('dataSubjects', values.subjectCategories ?? []);
  const zones = useZoneOptions(values.zone);
  const suppliers = useSupplierOptions();
  const [defaultHours, setDefaultHours] = useState(48);
  useEffect(() => {
    call('breach:settings', {}).then((st) => setDefaultHours(st.controllerHours), () => undefined);
  }, []);
  const f = (k: string) => t(`breach.fields.${k}`);
  return (
    <>
      <Section title={t('breaches.sections.incident')}>
        <div className="form-grid">
          <TextInput name="title" label={f('title')} required wide />
          <SelectInput name="role" label={f('role')} options={roles} allowEmpty={false} />
          <SelectInput name="status" label={f('status')} options={statuses} allowEmpty={false} />
          {values.status === 'closed' ? <TextInput name="closedOn" label={f('closedOn')} type="date" required /> : null}
          <Checkbox name="telecom" label={f('telecom')} />
        </div>
        {values.role === 'both' ? <p className="muted small">{t('breachRole.bothHelp')}</p> : null}
        {informsControllers(values.role) ? (
          <ArrayEditor name="controllers" label={f('controllers')} required max={50} empty={() => ({ name: '', hours: defaultHours })}>
            {(p) => (
              <>
                <TextInput name={`${p}.name`} label={f('controllerName')} required wide />
                <NumberInput name={`${p}.hours`} label={f('hours')} min={1} max={720} hint={t('breachRole.hoursHelp')} />
              </>
            )}
          </ArrayEditor>
        ) : null}
      </Section>
      <Section title={t('breaches.sections.dates')}>
        <p className="muted small">{t('breaches.datesHelp')}</p>
        <div className="form-grid">
          <SelectInput name="zone" label={f('zone')} options={zones} allowEmpty={false} />
          <TextInput name="occurredAt" label={f('occurredAt')} type="datetime-local" deps={TIMES.filter((x) => x !== 'occurredAt')} after={<NowButton name="occurredAt" label={f('occurredAt')} />} />
          <FoldChoice name="occurredAt" />
          <TextInput name="endedAt" label={f('endedAt')} type="datetime-local" deps={TIMES.filter((x) => x !== 'endedAt')} after={<NowButton name="endedAt" label={f('endedAt')} />} />
          <FoldChoice name="endedAt" />
          <Checkbox name="ongoing" label={f('ongoing')} />
          <TextInput name="discoveredAt" label={f('discoveredAt')} type="datetime-local" deps={TIMES.filter((x) => x !== 'discoveredAt')} after={<NowButton name="discoveredAt" label={f('discoveredAt')} />} required />
          <FoldChoice name="discoveredAt" />
          <TextInput name="awareAt" label={f('awareAt')} type="datetime-local" deps={TIMES.filter((x) => x !== 'awareAt')} after={<NowButton name="awareAt" label={f('awareAt')} />} required />
          <FoldChoice name="awareAt" />
          <TextInput name="reporter" label={f('reporter')} />
          <TextArea name="circumstances" label={f('circumstances')} rows={2} />
        </div>
      </Section>
      <Section title={t('breaches.sections.nature')}>
        <CheckboxGroup name="nature" label={f('nature')} options={natures} required />
        <CheckboxGroup name="origins" label={f('origins')} options={origins} columns />
        <div className="form-grid">
          <SelectInput name="cause" label={f('cause')} options={causes} />
        </div>
        <TextArea name="description" label={f('description')} required rows={4} />
      </Section>
      <Section title={t('breaches.sections.scope')}>
        <CheckboxGroup name="dataCategories" label={f('dataCategories')} options={dataCategories} columns />
        <CheckboxGroup name="specialCategories" label={f('specialCategories')} options={special} columns />
        <CheckboxGroup name="subjectCategories" label={f('subjectCategories')} options={subjects} columns />
        <div className="form-grid">
          <Checkbox name="vulnerableSubjects" label={f('vulnerableSubjects')} />
          <NumberInput name="personsApprox" label={f('personsApprox')} min={0} />
          <NumberInput name="recordsApprox" label={f('recordsApprox')} min={0} />
        </div>
        <ActivityPicker name="activityIds" label={f('activityIds')} hint={t('breaches.activitiesHelp')} />
        <CheckboxGroup name="supplierIds" label={f('supplierIds')} options={suppliers} columns hint={t('breaches.suppliersHelp')} />
        <ArrayEditor name="subProcessors" label={f('subProcessors')} max={50} empty={() => ({ name: '' })}>
          {(p) => <TextInput name={`${p}.name`} label={t('fields.name')} required wide />}
        </ArrayEditor>
      </Section>
      <Section title={t('breaches.sections.consequences')}>
        <TextArea name="priorMeasures" label={f('priorMeasures')} rows={2} />
        <TextArea name="consequences" label={f('consequences')} rows={3} />
        <CheckboxGroup name="harms" label={f('harms')} options={harms} columns />
        <TextArea name="measuresTaken" label={f('measuresTaken')} rows={3} />
        <TextArea name="measuresProposed" label={f('measuresProposed')} rows={2} />
      </Section>
      <Section title={f('contact')}>
        <div className="form-grid">
          <TextInput name="contact.name" label={f('contactName')} required />
          <TextInput name="contact.role" label={f('contactRole')} />
          <TextInput name="contact.email" label={f('email')} type="email" />
          <TextInput name="contact.phone" label={f('phone')} />
        </div>
      </Section>
      <Section title={f('lessons')}>
        <TextArea name="lessons" label={f('lessons')} rows={3} />
      </Section>
    </>
  );
}



const LEVEL_TONE = { none: 'ok', risk: 'warn', high: 'bad' } as const;

function RiskTab() {
  const { t } = useTranslation();
  const values = useWatch() as BreachDoc;
  const f = (k: string) => t(`breach.fields.${k}`);
  const suggestion = suggestRisk(riskInputOf(values));
  const level = values.risk.level || suggestion.level;
  const duty = obligationsFor(level);
  // Reg. 611/2013 Art. 3-4: a telecom breach has its own test for telling subscribers, and one exemption only.
  const adverse = values.telecom ? telecomAdverseEffect(values) : null;
  const exceptionValues = values.telecom ? TELECOM_EXEMPTIONS : ART34_EXCEPTIONS;
  const has = (n: string) => (values.nature ?? []).includes(n as never);
  const o = {
    sensitivity: useEnumOptions('breach.sensitivity', SENSITIVITIES),
    identifiability: useEnumOptions('breach.identifiability', IDENTIFIABILITIES),
    exposure: useEnumOptions('breach.exposure', EXPOSURES),
    loss: useEnumOptions('breach.loss', LOSSES),
    level: useEnumOptions('breach.level', RISK_LEVELS),
    severity: useEnumOptions('breach.severity', SEVERITIES),
    authority: useEnumOptions('breach.authority', ['notify', 'noNotify']),
    subjects: useEnumOptions('breach.subjects', ['inform', 'noInform']),
    exception: useEnumOptions('breach.exception', exceptionValues).map(([v, label]) => [v, values.telecom && v === 'UNINTELLIGIBLE' ? t('telecom.exemption') : label] as [string, string]),
  };
  return (
    <>
      <Section title={t('breaches.sections.risk')}>
        <p className="muted small">{t('breaches.riskHelp')}</p>
        <div className="form-grid">
          <SelectInput name="risk.sensitivity" label={f('sensitivity')} options={o.sensitivity} allowEmpty={false} />
          <SelectInput name="risk.identifiability" label={f('identifiability')} options={o.identifiability} allowEmpty={false} />
          {has('CONFIDENTIALITY') ? <SelectInput name="risk.confidentiality" label={f('confidentiality')} options={o.exposure} allowEmpty={false} /> : null}
          {has('INTEGRITY') ? <SelectInput name="risk.integrity" label={f('integrity')} options={o.loss} allowEmpty={false} /> : null}
          {has('AVAILABILITY') ? <SelectInput name="risk.availability" label={f('availability')} options={o.loss} allowEmpty={false} /> : null}
        </div>
        <p className="muted small">{t('breaches.riskFromFacts')}</p>
        <div className="suggestion" data-testid="risk-suggestion">
          <strong>{t('breaches.suggestion')}</strong>
          <Badge tone={LEVEL_TONE[suggestion.level]}>{t(`breach.level.${suggestion.level}`)}</Badge>
          <span className="muted small">{t('breaches.score', { score: suggestion.score })}</span>
        </div>
        <p className="small" data-testid="risk-conclusion">
          {t(suggestion.conclusion)}
        </p>
        <ul className="reasons">
          {suggestion.reasons.map((r) => (
            <li key={r.key}>
              {t(r.key)} {r.points ? <span className="muted">(+{r.points})</span> : null}
            </li>
          ))}
        </ul>
        <div className="form-grid">
          <SelectInput name="risk.level" label={f('level')} options={o.level} hint={t('breaches.levelHelp')} />
          <SelectInput name="risk.severity" label={f('severity')} options={o.severity} />
        </div>
        <TextArea name="risk.justification" label={f('justification')} rows={2} required={!!values.risk.level && values.risk.level !== suggestion.level} />
      </Section>
      {!notifiesAuthority(values.role) ? (
        <Section title={t('breaches.sections.decision')}>
          <p className="notice notice-info" data-testid="obligations">
            {t('breachRole.noDecision')}
          </p>
        </Section>
      ) : (
        <Section title={t('breaches.sections.decision')}>
          <p className="notice notice-info" data-testid="obligations">
            {values.telecom ? t('breaches.duty.telecom') : t(`breaches.duty.${level}`)}
          </p>
          {adverse ? (
            <div className={`notice ${adverse.likely ? 'notice-warn' : 'notice-info'}`} data-testid="telecom-subjects">
              <p>{t(adverse.likely ? 'telecom.likely' : 'telecom.unlikely')}</p>
              {adverse.reasons.length ? (
                <ul className="reasons">
                  {adverse.reasons.map((r) => (
                    <li key={r}>{t(r)}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <div className="form-grid">
            <SelectInput name="decision.authority" label={f('authority')} options={o.authority} hint={duty.authority ? t('breaches.suggestNotify') : undefined} />
          </div>
          <TextArea name="decision.authorityReason" label={f('authorityReason')} rows={2} required={!!values.decision.authority} />
          <div className="form-grid">
            <SelectInput name="decision.subjects" label={f('subjects')} options={o.subjects} hint={(adverse ? adverse.likely : duty.dataSubjects) ? t('breaches.suggestInform') : undefined} />
            {values.decision.subjects === 'noInform' ? (
              <SelectInput
                name="decision.subjectsException"
                label={values.telecom ? t('breaches.telecomExemption') : f('subjectsException')}
                options={o.exception}
                required={adverse ? adverse.likely : level === 'high'}
                wide
              />
            ) : null}
          </div>
          <TextArea name="decision.subjectsReason" label={f('subjectsReason')} rows={2} required={!!values.decision.subjects} />
        </Section>
      )}
    </>
  );
}

function NotificationsTab() {
  const { t } = useTranslation();
  const values = useWatch() as BreachDoc;
  const language = useApp((s) => s.language);
  const f = (k: string) => t(`breach.fields.${k}`);
  const allowed = notificationTargetsFor(values.role);
  const targets = useEnumOptions('breach.to', NOTIFICATION_TARGETS).filter(([v]) => allowed.includes(v as never));
  const phases = useEnumOptions('breach.phase', PHASES);
  const kinds = useEnumOptions('breachTrail.kind', OTHER_NOTIFICATION_KINDS);
  const eea = EEA_STATES.map((c) => [c, countryName(language, c)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1], language));
  const controllers = (values.controllers ?? []).map((c) => [c.name, c.name] as [string, string]);
  return (
    <>
      <Section title={f('notifications')}>
        <p className="muted small">{t('breaches.notificationsHelp')}</p>
        <ArrayEditor name="notifications" label={f('notifications')} max={100} empty={() => ({ to: allowed[0] ?? 'authority', party: '', phase: 'initial', sentAt: '', reference: '', means: '', delayReason: '', completeness: '' })}>
          {(p, i) => (
            <>
              <SelectInput name={`${p}.to`} label={f('to')} options={targets} allowEmpty={false} />
              {values.notifications?.[i]?.to === 'controller' ? <SelectInput name={`${p}.party`} label={f('party')} options={controllers} required /> : <TextInput name={`${p}.party`} label={f('party')} />}
              <SelectInput name={`${p}.phase`} label={f('phase')} options={phases} allowEmpty={false} />
              {values.telecom && values.notifications?.[i]?.to === 'authority' && values.notifications?.[i]?.phase === 'initial' ? <TelecomCompleteness name={`${p}.completeness`} /> : null}
              <TextInput name={`${p}.sentAt`} label={f('sentAt')} type="datetime-local" required after={<NowButton name={`${p}.sentAt`} label={f('sentAt')} />} />
              <TextInput name={`${p}.reference`} label={f('reference')} />
              <TextInput name={`${p}.means`} label={f('means')} />
              <TextArea name={`${p}.delayReason`} label={f('delayReason')} rows={2} hint={t('breaches.delayHelp')} />
            </>
          )}
        </ArrayEditor>
      </Section>
      {/* Issue 12: the CNIL form's last block; a processor alone sends no CNIL notification (Art. 33(2)), so it has none. */}
      {notifiesAuthority(values.role) ? (
        <Section title={f('crossBorder')}>
          <p className="muted small">{t('breachTrail.crossBorderHelp')}</p>
          {values.telecom ? <p className="notice notice-info">{t('breachTrail.telecomIncluded')}</p> : null}
          {Object.values(values.regimes ?? {}).some((a) => a.significant === 'yes') ? <p className="notice notice-info">{t('breachTrail.regimesIncluded')}</p> : null}
          <CheckboxGroup name="crossBorder.otherAuthorities" label={f('otherAuthorities')} options={eea} columns />
          <div className="form-grid">
            <SelectInput name="crossBorder.lead" label={f('lead')} options={eea} />
          </div>
          <ArrayEditor name="crossBorder.otherNotifications" label={f('otherNotifications')} max={20} empty={() => ({ kind: 'NIS2', body: '', sentAt: '', reference: '' })}>
            {(p) => (
              <>
                <SelectInput name={`${p}.kind`} label={f('kind')} options={kinds} allowEmpty={false} />
                <TextInput name={`${p}.body`} label={f('body')} />
                <TextInput name={`${p}.sentAt`} label={f('sentAt')} type="datetime-local" after={<NowButton name={`${p}.sentAt`} label={f('sentAt')} />} />
                <TextInput name={`${p}.reference`} label={f('reference')} />
              </>
            )}
          </ArrayEditor>
        </Section>
      ) : null}
    </>
  );
}
