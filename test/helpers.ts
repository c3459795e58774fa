import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, closeCore, type Core } from '../electron/core/core';
import { dispatch } from '../electron/core/dispatch';
import type { Args, Channel, JobStatus, Results } from '../shared/contract';
import { AppError, type Result } from '../shared/errors';
import { emptyControllerDoc, emptyProcessorDoc, emptyRetention, type ControllerDoc, type ProcessorDoc } from '../shared/domain/register';
import { emptyBreachDoc, type BreachDoc } from '../shared/domain/breach';
import { emptySupplierDoc, type SupplierDoc } from '../shared/domain/supplier';

export function tempDir(prefix = 'dpo-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fixed, advancing clock: each call is one second after the previous one. */
export function fakeClock(start = '2026-11-24T09:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

export function testCore(file?: string): { core: Core; dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  const core = openCore(file ?? path.join(dir, 'register.sqlite'), { actor: 'tester', now: fakeClock() });
  return {
    core,
    dir,
    cleanup: () => {
      closeCore(core);
      cleanup();
    },
  };
}

/** Calls the core exactly as the UI does: through dispatch, with raw (unvalidated) arguments. */
export async function call<C extends Channel>(core: Core, channel: C, args: Args<C> | Record<string, unknown>): Promise<Results[C]> {
  const result = (await dispatch(core, channel, args, { error: () => {}, warn: () => {} })) as Result<Results[C]>;
  if (!result.ok) throw new AppError(result.error);
  return result.value;
}

export async function callResult(core: Core, channel: string, args: unknown): Promise<Result<unknown>> {
  return dispatch(core, channel, args, { error: () => {}, warn: () => {} });
}

/** A controller record with every field filled, valid as "active". */
export function fullControllerDoc(overrides: Partial<ControllerDoc> = {}): ControllerDoc {
  return {
    ...emptyControllerDoc(),
    ref: 'T-001',
    name: 'Enregistrement des appels',
    status: 'active',
    department: 'CUSTOMER_SUPPORT',
    software: 'Logiciel d’enregistrement',
    jointControllers: [{ name: 'Partenaire SAS', address: '1 rue de Paris', email: 'dpo@partenaire.test', phone: '0102030405', details: 'Accord art. 26' }],
    purposes: [
      { text: 'Former les conseillers', bases: [{ basis: 'LEGITIMATE_INTEREST', detail: 'Intérêt légitime à améliorer le service' }], review: false },
      {
        text: 'Preuve des engagements',
        bases: [
          { basis: 'CONTRACT', detail: 'Contrat d’abonnement' },
          { basis: 'LEGAL_OBLIGATION', detail: 'Code de la consommation, art. L.221-16' },
        ],
        review: false,
      },
    ],
    dataSubjects: [{ category: 'CUSTOMERS', details: 'Appelants' }],
    dataCategories: [{ category: 'COMM_CONTENT', description: 'Enregistrement audio', retention: { ...emptyRetention(), duration: 90, unit: 'days', criterion: 'après l’appel' } }],
    specialCategories: [{ category: 'HEALTH', description: 'Mentions de santé', retention: { ...emptyRetention(), duration: 1, unit: 'years', criterion: '' } }],
    art9Condition: 'A_EXPLICIT_CONSENT',
    art9Detail: 'Consentement recueilli',
    art10Basis: '',
    sources: 'Plateforme téléphonique',
    recipients: [{ type: 'INTERNAL', category: 'INTERNAL_DEPT', name: 'Support', details: 'Responsables' }],
    securityMeasures: [{ type: 'ENCRYPTION', details: 'TLS et SRTP' }],
    dpia: { needed: 'yes', done: true, date: '2026-01-15', reason: 'Deux critères WP248' },
    nextReview: '2027-01-31',
    notes: 'Notes libres',
    ...overrides,
  };
}

export function fullProcessorDoc(overrides: Partial<ProcessorDoc> = {}): ProcessorDoc {
  return {
    ...emptyProcessorDoc(),
    ref: 'P-001',
    name: 'Call tracking',
    status: 'active',
    client: { name: 'Client SA', address: '2 rue de Lyon', contactName: 'Mme Client', email: 'client@exemple.test', phone: '01', dpo: 'DPO Client' },
    representative: '',
    processingCategories: [{ text: 'Attribution de numéros' }],
    dataCategories: [{ category: 'TRAFFIC', description: 'Numéro appelant, horodatage' }],
    dataSubjects: [{ category: 'CALLERS', details: '' }],
    retention: 'Durée du contrat puis un mois',
    endOfContract: 'returnThenDelete',
    breachNoticeHours: 48,
    subProcessors: [{ name: 'Opérateur', service: 'Numéros', country: 'France' }],
    securityMeasures: [{ type: 'ACCESS_CONTROL', details: 'Comptes nominatifs' }],
    nextReview: '2027-03-31',
    notes: '',
    ...overrides,
  };
}

/** An incident with every field filled: a ransomware attack on a telecom operator's billing, as processor for one client. */
export function fullBreachDoc(overrides: Partial<BreachDoc> = {}): BreachDoc {
  return {
    ...emptyBreachDoc(),
    title: 'Rançongiciel sur la facturation',
    role: 'controller',
    controllers: [],
    zone: 'Europe/Paris',
    occurredAt: '2026-03-28T20:00',
    endedAt: '2026-03-29T06:00',
    ongoing: false,
    discoveredAt: '2026-03-28T21:15',
    awareAt: '2026-03-28T22:30',
    reporter: 'SOC (astreinte)',
    circumstances: 'Alerte de l’EDR sur le serveur de facturation',
    nature: ['CONFIDENTIALITY', 'AVAILABILITY'],
    origins: ['HACKING_MALWARE_PHISHING'],
    cause: 'EXTERNAL_MALICIOUS',
    description: 'Chiffrement des serveurs de facturation & exfiltration <partielle> d’un export "clients".',
    dataCategories: ['IDENTITY', 'ECONOMIC'],
    specialCategories: [],
    subjectCategories: ['CUSTOMERS'],
    vulnerableSubjects: false,
    personsApprox: 12000,
    recordsApprox: 48000,
    activityIds: [],
    subProcessors: [{ name: 'Hébergeur SAS' }],
    priorMeasures: 'Sauvegardes hors ligne, EDR, MFA administrateurs',
    consequences: 'Hameçonnage ciblé des clients, fraude au prélèvement',
    harms: ['FRAUD', 'LOSS_OF_CONTROL'],
    measuresTaken: 'Isolement des serveurs, restauration depuis les sauvegardes, plainte déposée',
    measuresProposed: 'Vigilance sur les messages demandant des coordonnées bancaires',
    contact: { name: 'Claire Martin', role: 'DPO', email: 'dpo@example.test', phone: '+33 1 02 03 04 05' },
    status: 'open',
    closedOn: '',
    telecom: false,
    risk: { sensitivity: 'financial', identifiability: 'maximum', confidentiality: 'unknown', integrity: 'none', availability: 'temporary', level: '', justification: '', severity: 'SIGNIFICANT' },
    decision: { authority: 'notify', authorityReason: 'Risque pour les personnes : données financières exfiltrées', subjects: '', subjectsException: '', subjectsReason: '' },
    notifications: [],
    lessons: '',
    ...overrides,
  };
}

/** A processor with every field filled: a cloud telephony provider outside the EU, as in seed 002. */
export function fullSupplierDoc(overrides: Partial<SupplierDoc> = {}): SupplierDoc {
  return {
    ...emptySupplierDoc(),
    name: 'Twilio Ireland Limited',
    tradeName: 'Twilio',
    role: 'processor',
    status: 'active',
    address: '25-28 North Wall Quay, Dublin 1',
    country: 'Irlande',
    contact: { name: 'Account team', email: 'privacy@twilio.test', phone: '+353 1 000 0000' },
    dpoContact: 'dpo@twilio.test',
    services: 'Routage des appels et SMS, numéros virtuels',
    dataCategories: ['CONTACT', 'TRAFFIC'],
    activityIds: [],
    storageCountries: ['IE', 'US'],
    accessCountries: ['US'],
    subProcessors: [{ name: 'Amazon Web Services', service: 'Hébergement', country: 'États-Unis' }],
    subProcessorsListDate: '2026-06-01',
    certifications: [{ type: 'ISO27001', label: '', expires: '2027-03-31' }, { type: 'SOC2', label: 'Type II', expires: '2026-12-15' }],
    dpa: {
      signed: true,
      signedOn: '2025-02-01',
      version: 'DPA v4 + CCT 2021 module 3',
      clauses: { a: 'present', b: 'present', c: 'present', d: 'present', e: 'present', f: 'present', g: 'present', h: 'missing', subAuthorisation: 'present', subFlowDown: 'present' },
      breachNoticeHours: 48,
      auditNoticeDays: 30,
      endOfContract: 'delete',
    },
    riskTier: 'high',
    nextAuditOn: '2026-12-01',
    notes: '',
    ...overrides,
  };
}

/**
 * Follows a job as the app's screens do (job:get between its batches) until `until` says stop or
 * it is over; every status seen, in order (issue 16's import, backup and restore jobs).
 */
export async function followJob(core: Core, id: string, until: (s: JobStatus) => boolean = () => false): Promise<JobStatus[]> {
  const seen: JobStatus[] = [];
  for (;;) {
    const s = await call(core, 'job:get', { id });
    seen.push(s);
    if (s.state !== 'running' || until(s)) return seen;
    await new Promise((r) => setImmediate(r));
  }
}
