import listsJson from '../../../resources/reference/lists.json';
import transfersJson from '../../../resources/reference/transfers.json';
import { emptyControllerDoc, emptyRetention, type ControllerDoc, type Party, type Retention } from '../../../shared/domain/register';
import { emptyOrganisation, type Organisation } from '../../../shared/domain/organisation';
import { countryReader, foldName, mapRecordTransfer, type TransferToConvert } from '../../../shared/domain/record-transfers';
import { INVALID_SAFEGUARDS, SPECIAL_CATEGORIES, type RecipientType, type Safeguard, type SpecialCategory } from '../../../shared/domain/enums';
import { emptyTransferDoc, type Mechanism, type TransferDoc } from '../../../shared/domain/transfer';
import { countryName } from '../../../shared/domain/countries';
import type { ReferenceListName, ReferenceLists } from '../../../shared/domain/reference-lists';
import { cellAddress, valueText } from './read';
import { cellDate, cellValue } from './cells';
import { isOwnCnil, MORE_KEYS, ownCnilReader, type OwnCnil } from './cnil-own';
import type {
  Cell,
  CnilActors,
  CnilContact,
  CnilDetection,
  CnilImport,
  CnilOptions,
  CnilRecord,
  CnilTransfer,
  ImportNote,
  ImportNoteKey,
  Row,
  Sheet,
  Workbook,
} from './types';

/**
 * The CNIL's register model (registre-traitement-simplifie.ods, shared/fixtures/README.md) read
 * into the app's register: each tab laid out as a record sheet (the template, its copies under
 * any name, the example when asked) becomes a draft controller record, read by the labels in
 * column A (users insert and delete rows, so no row number is trusted); the organisation header
 * of "2 - Liste des traitements" becomes an organisation profile proposal, and its rows without
 * a sheet become draft records. Nothing is dropped: a value the lists do not know is kept as
 * text and reported; a cell that cannot be read is reported with its address.
 */

// ---------------------------------------------------------------------------------------------
// Vocabulary of the model

type Lists = ReferenceLists | Readonly<Record<ReferenceListName, ReadonlyArray<{ code: string; labelFr: string; labelEn: string }>>>;

/** The CNIL's drop-down values (tab 5) and usual variants, folded, onto the app's list codes. */
const SUBJECT_ALIASES: Readonly<Record<string, string>> = {
  salaries: 'EMPLOYEES',
  salarie: 'EMPLOYEES',
  agents: 'EMPLOYEES',
  personnel: 'EMPLOYEES',
  employes: 'EMPLOYEES',
  employees: 'EMPLOYEES',
  // The CNIL's list offers "Services Internes" among the data subjects: the staff of the services.
  servicesinternes: 'EMPLOYEES',
  clients: 'CUSTOMERS',
  usagers: 'CUSTOMERS',
  fournisseurs: 'SUPPLIERS',
  prestataires: 'CONTRACTORS',
  prospects: 'PROSPECTS',
  candidats: 'APPLICANTS',
  autrespreciser: 'OTHER',
  autrepreciser: 'OTHER',
  autres: 'OTHER',
  autre: 'OTHER',
};
const CATEGORY_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['etatcivil', 'IDENTITY'],
  ['identite', 'IDENTITY'],
  ['viepersonnelle', 'PERSONAL_LIFE'],
  ['vieprofessionnelle', 'PROFESSIONAL_LIFE'],
  ['informationsdordreeconomique', 'ECONOMIC'],
  ['donneesdeconnexion', 'CONNECTION'],
  ['donneesdelocalisation', 'LOCATION'],
  ['coordonnees', 'CONTACT'],
  ['internet', 'INTERNET'],
];
/**
 * Sensitive data (Art. 9, Art. 10) and the French NIR, which the CNIL model lists with ordinary
 * data but which has its own regime (loi Informatique et Libertés art. 30, décret « cadre NIR »
 * n° 2019-341; Art. 87 GDPR; shared/domain.md 1.5): the app keeps it with the special categories.
 */
const SPECIAL_ALIASES: ReadonlyArray<readonly [string, SpecialCategory]> = [
  ['numerodesecuritesociale', 'NIR'],
  ['nir', 'NIR'],
  ['donneesrevelantloriginerac', 'RACIAL_ETHNIC'],
  ['origineraciale', 'RACIAL_ETHNIC'],
  ['donneesrevelantlesopinionspolitiques', 'POLITICAL'],
  ['opinionspolitiques', 'POLITICAL'],
  ['donneesrevelantlesconvictions', 'RELIGIOUS'],
  ['convictionsreligieuses', 'RELIGIOUS'],
  ['donneesrevelantlappartenancesyndicale', 'TRADE_UNION'],
  ['appartenancesyndicale', 'TRADE_UNION'],
  ['donneesgenetiques', 'GENETIC'],
  ['donneesbiometriques', 'BIOMETRIC'],
  ['donneesconcernantlasante', 'HEALTH'],
  ['sante', 'HEALTH'],
  ['donneesconcernantlaviesexuelle', 'SEX_LIFE'],
  ['donneesrelativesadescondamnations', 'CRIMINAL'],
  ['condamnationspenales', 'CRIMINAL'],
  ['infractions', 'CRIMINAL'],
];
const RECIPIENT_ALIASES: Readonly<Record<string, { type: RecipientType; category: string }>> = {
  serviceinternequitraitelesdonnees: { type: 'INTERNAL', category: 'INTERNAL_DEPT' },
  serviceinterne: { type: 'INTERNAL', category: 'INTERNAL_DEPT' },
  soustraitants: { type: 'PROCESSOR', category: '' },
  soustraitant: { type: 'PROCESSOR', category: '' },
  destinatairesdansdespaystiersouorganisationsinternationales: { type: 'EXTERNAL_BODY', category: '' },
  partenairesinstitutionnelsoucommerciaux: { type: 'EXTERNAL_BODY', category: 'PARTNERS' },
  autrepreciser: { type: 'EXTERNAL_BODY', category: '' },
  autre: { type: 'EXTERNAL_BODY', category: '' },
};
const SECURITY_ALIASES: Readonly<Record<string, string>> = {
  mesuresdetracabilite: 'TRACEABILITY',
  mesuresdeprotectiondeslogiciels: 'SOFTWARE_PROTECTION',
  sauvegardedesdonnees: 'BACKUP',
  chiffrementdesdonnees: 'ENCRYPTION',
  controledaccesdesutilisateurs: 'ACCESS_CONTROL',
  controledessoustraitants: 'PROCESSOR_CONTROL',
  autresmesuresapreciser: 'OTHER',
  autresmesures: 'OTHER',
};
/**
 * The model's "Type de garanties" (tab 5): the register-level safeguard and the transfer ground.
 * The list predates CJEU C-311/18 Schrems II (16 July 2020), which invalidated the Privacy Shield:
 * it stays that invalidated ground (flagged in the report and by the transfer register), never
 * silently turned into the Data Privacy Framework.
 */
const SAFEGUARD_ALIASES: ReadonlyArray<readonly [string, Safeguard, Mechanism | '']> = [
  ['clausescontractuellestypes', 'SCC_2021', 'SCC_2021'],
  ['cct', 'SCC_2021', 'SCC_2021'],
  ['scc', 'SCC_2021', 'SCC_2021'],
  ['standardcontractualclauses', 'SCC_2021', 'SCC_2021'],
  ['reglesdentreprisecontraignantes', 'BCR', 'BCR'],
  ['bcr', 'BCR', 'BCR'],
  ['paysadequat', 'ADEQUACY', 'ADEQUACY'],
  ['adequation', 'ADEQUACY', 'ADEQUACY'],
  ['decisiondadequation', 'ADEQUACY', 'ADEQUACY'],
  ['privacyshield', 'LEGACY_PRIVACY_SHIELD', 'LEGACY_PRIVACY_SHIELD'],
  ['safeharbor', 'LEGACY_SAFE_HARBOR', 'LEGACY_SAFE_HARBOR'],
  ['dataprivacyframework', 'DPF', 'DPF'],
  ['dpf', 'DPF', 'DPF'],
  ['codedeconduite', 'OTHER', 'CODE_CERTIFICATION'],
  ['certification', 'OTHER', 'CODE_CERTIFICATION'],
  ['derogation', 'DEROGATION_49', 'DEROGATION_49'],
];
/** Country names of the CNIL's list (tab 5) that the CLDR names do not give. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  hongkong: 'HK',
  macedoine: 'MK',
  swaziland: 'SZ',
  birmanie: 'MM',
  repdemducongo: 'CD',
  republiquedemocratiqueducongo: 'CD',
  congo: 'CG',
  coreedunord: 'KP',
  iraq: 'IQ',
  palestine: 'PS',
  marshall: 'MH',
  salomon: 'SB',
  micronesie: 'FM',
  timororiental: 'TL',
  iledeman: 'IM',
  ilesferoe: 'FO',
  feroe: 'FO',
  vatican: 'VA',
  saintsiege: 'VA',
  taiwan: 'TW',
  russie: 'RU',
  capvert: 'CV',
  macao: 'MO',
  kosovo: 'XK',
};

/** Field limits of the register schemas (shared/domain/register.ts), for reporting instead of cutting. */
const MAX = { name: 200, ref: 40, long: 20_000, short: 500, details: 2000, email: 200, phone: 50, country: 100 } as const;

// ---------------------------------------------------------------------------------------------
// Reading cells into a report

type Ctx = { sheet: string; notes: ImportNote[]; record?: string };

function note(ctx: Ctx, cell: string, key: ImportNoteKey, params: Record<string, string | number> = {}, severity: 'info' | 'warning' = 'warning') {
  ctx.notes.push({ sheet: ctx.sheet, cell, severity, key, params, ...(ctx.record ? { record: ctx.record } : {}) });
}

const cellAt = (row: Row | undefined, col: number): Cell | undefined => row?.cells.find((c) => c.col === col);

/** The text of a cell, or null for nothing (empty, "N/A", the drop-down prompt); reports formulas and error cells. */
function read(ctx: Ctx, row: Row | undefined, col: number): string | null {
  if (!row) return null;
  const { text, notes } = cellValue(cellAt(row, col), { sheet: ctx.sheet, row: row.index, ...(ctx.record ? { record: ctx.record } : {}) });
  ctx.notes.push(...notes);
  return text;
}

/** A value within the field's limit, or '' with a report (never cut silently). */
function fit(ctx: Ctx, at: string, field: string, value: string | null, max: number): string {
  if (value === null) return '';
  if (value.length > max) {
    note(ctx, at, 'tooLong', { field, max, length: value.length });
    return '';
  }
  return value;
}

/** A date cell, a serial number, or a text date (26/05/2018, 05/26/2018 when the day is second, 2018-05-26). */
function readDate(ctx: Ctx, row: Row | undefined, col: number, field: string): string {
  if (!row) return '';
  const { date, notes } = cellDate(cellAt(row, col), { sheet: ctx.sheet, row: row.index, ...(ctx.record ? { record: ctx.record } : {}) }, field);
  ctx.notes.push(...notes);
  return date;
}

// ---------------------------------------------------------------------------------------------
// Matching values onto the app's lists

type ListItem = { code: string; labelFr: string; labelEn: string };

/** A list value by its label (French or English, whole, before its parenthesis, or one of its "/" parts) or code. */
function matchList(items: ReadonlyArray<ListItem>, value: string): string | undefined {
  const f = foldName(value);
  if (f === '') return undefined;
  for (const it of items) {
    const names = [it.labelFr, it.labelEn].flatMap((l) => [l, l.replace(/\s*\(.*$/, ''), ...l.split('/')]);
    if (foldName(it.code) === f || names.some((n) => foldName(n) === f)) return it.code;
  }
  return undefined;
}

function listHas(items: ReadonlyArray<ListItem>, code: string): boolean {
  return items.some((i) => i.code === code);
}

// ---------------------------------------------------------------------------------------------
// Sheets

type Labelled = { row: Row; label: string; key: string };

function labelled(sheet: Sheet): Labelled[] {
  return sheet.rows.map((row) => {
    const a = cellAt(row, 0);
    const label = a ? valueText(a.value).trim() : '';
    return { row, label, key: foldName(label) };
  });
}

const hasKey = (rows: ReadonlyArray<Labelled>, pred: (k: string) => boolean) => rows.some((r) => pred(r.key));

function isRecordSheet(rows: ReadonlyArray<Labelled>): boolean {
  return hasKey(rows, (k) => k === 'nomdutraitement') && (hasKey(rows, (k) => k === 'finaliteprincipale') || (hasKey(rows, (k) => k === 'acteurs') && hasKey(rows, (k) => k === 'destinataires')));
}

function isListSheet(sheet: Sheet, rows: ReadonlyArray<Labelled>): boolean {
  return rows.some((r) => r.key === 'nomdutraitement' && /^n.*ref/.test(foldName(valueText(cellAt(r.row, 1)?.value ?? { kind: 'text', text: '' }))));
}

/**
 * The CNIL's own example: its reference "1 - Exemple", or its title row with its "Gestion de la
 * paie" name. A copy of tab 4 that a user filled with a processing of their own is a record sheet
 * like any other, whatever its tab's name.
 */
function isExampleSheet(_sheet: Sheet, rows: ReadonlyArray<Labelled>): boolean {
  const b = (key: string) => {
    const r = rows.find((x) => x.key === key);
    const c = r && cellAt(r.row, 1);
    return c ? foldName(valueText(c.value)) : '';
  };
  const ref = b('nref');
  if (ref === '1exemple') return true;
  return (rows[0]?.key.startsWith('exempledefiche') ?? false) && ref === '' && b('nomdutraitement') === 'gestiondelapaie';
}

export function detectCnil(wb: Workbook): CnilDetection {
  const recordSheets: string[] = [];
  let listSheet: string | null = null;
  let exampleSheet: string | null = null;
  for (const sheet of wb.sheets) {
    const rows = labelled(sheet);
    if (isRecordSheet(rows)) {
      if (isExampleSheet(sheet, rows)) exampleSheet ??= sheet.name;
      else recordSheets.push(sheet.name);
    } else if (!listSheet && isListSheet(sheet, rows)) listSheet = sheet.name;
  }
  return { isCnil: recordSheets.length > 0 || listSheet !== null || exampleSheet !== null, recordSheets, listSheet, exampleSheet };
}

type Section = 'head' | 'top' | 'actors' | 'purposes' | 'categories' | 'special' | 'subjects' | 'recipients' | 'security' | 'transfers' | 'more';

function sectionOf(key: string): Section | null {
  if (key.startsWith('descriptiondutraitement')) return 'top';
  if (key === 'acteurs') return 'actors';
  if (key.startsWith('finalitesdutraitement') || key.startsWith('finalitedutraitement')) return 'purposes';
  if (key.startsWith('categoriesdedonnees')) return 'categories';
  if (key === 'donneessensibles') return 'special';
  if (key.startsWith('categoriesdepersonnes')) return 'subjects';
  if (key === 'destinataires') return 'recipients';
  if (key === 'mesuresdesecurite') return 'security';
  if (key.startsWith('transfertshors') || key.startsWith('transfertsendehors')) return 'transfers';
  // Our own extra block (a CNIL model DPO Desk wrote).
  if (MORE_KEYS.includes(key)) return 'more';
  return null;
}

/** The labels of the enumerated rows of a section (folded prefixes). */
const ROW_LABELS: Partial<Record<Section, ReadonlyArray<string>>> = {
  subjects: ['categorie', 'personne'],
  recipients: ['destinataire'],
  security: ['mesure'],
  transfers: ['organisme', 'destinataire', 'transfert'],
};

/** The column of the header cell whose folded text starts with one of the prefixes, else the default. */
function headerCol(header: Row, prefixes: ReadonlyArray<string>, fallback: number): number {
  for (const c of header.cells) {
    if (c.col === 0) continue;
    const k = foldName(valueText(c.value));
    if (prefixes.some((p) => k.startsWith(p))) return c.col;
  }
  return fallback;
}

/** "5 ans à compter du versement de la paie": 5 years from that event; anything else is the starting point as written. */
export function parseRetention(text: string): { retention: Retention; hasDuration: boolean } {
  const r = emptyRetention();
  const m = /^\s*(\d{1,4})\s*(ans?|années?|annees?|years?|yrs?|mois|months?|jours?|days?|semaines?|weeks?)\b\.?\s*(.*)$/i.exec(text);
  if (!m) return { retention: { ...r, criterion: text }, hasDuration: false };
  const n = Number(m[1]);
  const u = foldName(m[2]!);
  const unit: Retention['unit'] = /^(an|annee|year|yr)/.test(u) ? 'years' : /^(mois|month)/.test(u) ? 'months' : 'days';
  const duration = /^(semaine|week)/.test(u) ? n * 7 : n;
  if (duration < 1 || duration > 1000) return { retention: { ...r, criterion: text }, hasDuration: false };
  return { retention: { ...r, duration, unit, criterion: m[3]!.trim().replace(/^[,;:–—-]\s*/, '') }, hasDuration: true };
}

const joinText = (...parts: Array<string | null | undefined>) => parts.filter((p): p is string => !!p && p.trim() !== '').join(' — ');

function contactOf(ctx: Ctx, r: Labelled, cols: Readonly<Record<keyof CnilContact, number>>, field: string): CnilContact | null {
  const c: Record<keyof CnilContact, string> = { name: '', address: '', postcode: '', city: '', country: '', phone: '', email: '' };
  let any = false;
  for (const k of Object.keys(cols) as Array<keyof CnilContact>) {
    const v = read(ctx, r.row, cols[k]);
    if (v !== null) any = true;
    const max = k === 'name' || k === 'email' ? 200 : k === 'phone' ? MAX.phone : k === 'address' ? MAX.short : MAX.country;
    c[k] = fit(ctx, cellAddress(r.row.index, cols[k]), `${field} (${k})`, v, max);
  }
  return any ? c : null;
}

const contactLine = (c: CnilContact) => [c.name, [c.address, [c.postcode, c.city].filter(Boolean).join(' '), c.country].filter(Boolean).join(', '), c.phone, c.email].filter(Boolean).join(' ; ');

function partyOf(c: CnilContact): Party {
  return { name: c.name, address: [c.address, [c.postcode, c.city].filter(Boolean).join(' '), c.country].filter(Boolean).join(', ').slice(0, MAX.short), email: c.email, phone: c.phone, details: '' };
}

type Env = {
  lists: Lists;
  country: (name: string) => string | undefined;
  /** The controller's name in the organisation header, to tell a sheet that names another. */
  orgController: string;
  orgDpo: string;
  /** A CNIL model we wrote: its texts split back into fields, its extra block read (cnil-own.ts). */
  own: OwnCnil | null;
};

/** One record sheet into a draft record; null for a blank template. */
function readRecordSheet(sheet: Sheet, env: Env, notes: ImportNote[], example: boolean): CnilRecord | null {
  const rows = labelled(sheet);
  const ctx: Ctx = { sheet: sheet.name, notes: [] };
  const doc: ControllerDoc = { ...emptyControllerDoc(), purposes: [] };
  const actors: { controller: CnilContact | null; dpo: CnilContact | null; dpoCompany: CnilContact | null; representative: CnilContact | null; jointControllers: Party[] } = {
    controller: null,
    dpo: null,
    dpoCompany: null,
    representative: null,
    jointControllers: [],
  };
  const transfers: CnilTransfer[] = [];
  const extra: string[] = [];
  let createdOn = '';
  let updatedOn = '';
  let name: string | null = null;
  let nameAt = '';
  let ref: string | null = null;
  let refAt = '';
  const own = env.own?.start(sheet.name) ?? null;

  // The reference and the name first, so that every note names its record.
  for (const r of rows) {
    if (r.key === 'nomdutraitement' && name === null) {
      name = read({ ...ctx, notes: [] }, r.row, 1);
      nameAt = cellAddress(r.row.index, 1);
    }
    if ((r.key === 'nref' || r.key === 'ref' || r.key === 'reference' || r.key === 'nreference') && ref === null) {
      ref = read({ ...ctx, notes: [] }, r.row, 1);
      refAt = cellAddress(r.row.index, 1);
    }
  }
  ctx.record = ref ?? name ?? sheet.name;

  let section: Section = 'head';
  let header: Row | null = null;
  const lists = env.lists;
  for (const r of rows) {
    const s = sectionOf(r.key);
    if (s) {
      section = s;
      header = r.row;
      continue;
    }
    // The identification rows and the purposes are known by their labels wherever they stand
    // (a user may have deleted the section's title row); any other row before the first section is the sheet's title.
    const top = isTopKey(r.key);
    const purpose = r.key.startsWith('finaliteprincipale') || r.key.startsWith('sousfinalite');
    if ((section === 'head' && !top && !purpose) || (r.key === '' && r.row.cells.every((c) => c.col === 0 || c.col >= 8))) continue;
    const label = r.label;
    const at = (col: number) => cellAddress(r.row.index, col);
    // The enumerated rows ("Destinataire 3"…) are known by their label; another label in those
    // sections (a remark added below the table) is kept in the notes, not read as an entry.
    const rowPrefixes = ROW_LABELS[section];
    if (!top && !purpose && rowPrefixes && r.key !== '' && !rowPrefixes.some((p) => r.key.startsWith(p))) {
      unknownRow(r);
      continue;
    }
    if (section === 'more') {
      if (!own?.row(r.row, label)) unknownRow(r);
      continue;
    }
    switch (top ? 'top' : purpose ? 'purposes' : section) {
      case 'top': {
        if (r.key === 'nomdutraitement') doc.name = fit(ctx, nameAt, label, read(ctx, r.row, 1), MAX.name);
        else if (r.key === 'nref' || r.key === 'ref' || r.key === 'reference' || r.key === 'nreference') doc.ref = fit(ctx, refAt, label, read(ctx, r.row, 1), MAX.ref);
        else if (r.key.startsWith('datedecreation')) createdOn = readDate(ctx, r.row, 1, label);
        else if (r.key.startsWith('miseajour') || r.key.startsWith('dernieremiseajour') || r.key.startsWith('datedemiseajour') || r.key.startsWith('datedeladernieremiseajour')) updatedOn = readDate(ctx, r.row, 1, label);
        else unknownRow(r);
        break;
      }
      case 'actors': {
        const h = header!;
        const cols = {
          name: headerCol(h, ['nom'], 1),
          address: 2,
          postcode: headerCol(h, ['codepostal', 'cp', 'postcode'], 3),
          city: headerCol(h, ['ville', 'city'], 4),
          country: headerCol(h, ['pays', 'country'], 5),
          phone: headerCol(h, ['telephone', 'tel', 'phone'], 6),
          email: headerCol(h, ['adressemel', 'mel', 'email', 'courriel', 'adresseelectronique'], 7),
        };
        // "Adresse" also prefixes "Adresse mél": take the first header that is exactly the address.
        cols.address = h.cells.find((c) => c.col > 0 && foldName(valueText(c.value)) === 'adresse')?.col ?? 2;
        const contact = contactOf(ctx, r, cols, label);
        if (!contact) break;
        if (r.key.startsWith('responsabledutraitement') || r.key === 'responsabledetraitement') actors.controller = contact;
        else if (r.key.startsWith('societedudpo') || r.key.startsWith('societedudelegue')) actors.dpoCompany = contact;
        else if (r.key.startsWith('delegue') || r.key === 'dpo') actors.dpo = contact;
        else if (r.key.startsWith('representant')) actors.representative = contact;
        else if (r.key.includes('conjoint')) {
          if (contact.name === '') note(ctx, at(cols.name), 'unreadable', { field: label, value: contactLine(contact) });
          else actors.jointControllers.push(partyOf(contact));
        } else unknownRow(r);
        break;
      }
      case 'purposes': {
        const text = read(ctx, r.row, 1);
        if (text === null) break;
        if (r.key.startsWith('finalite') || r.key.startsWith('sousfinalite') || r.key === '') {
          const t = fit(ctx, at(1), label, text, MAX.long);
          if (t !== '') doc.purposes.push({ text: t, bases: [], review: false });
        } else unknownRow(r);
        break;
      }
      case 'categories':
      case 'special': {
        const h = header!;
        const dCol = headerCol(h, ['description'], 1);
        const rCol = headerCol(h, ['dureedeconservation', 'conservation', 'retention'], 4);
        const desc = read(ctx, r.row, dCol);
        const ret = read(ctx, r.row, rCol);
        if (desc === null && ret === null) break;
        const description = fit(ctx, at(dCol), label, desc, MAX.long);
        let retention = emptyRetention();
        if (ret !== null) {
          const parsed = parseRetention(ret);
          // (ours: the retention is read phase by phase from our extra block; its words here are for the reader)
          if (!parsed.hasDuration && !env.own) note(ctx, at(rCol), 'retentionAsText', { value: ret }, 'info');
          if (parsed.retention.criterion.length > MAX.short) note(ctx, at(rCol), 'tooLong', { field: label, max: MAX.short, length: parsed.retention.criterion.length });
          else retention = parsed.retention;
        }
        const special = SPECIAL_ALIASES.find(([k]) => r.key.startsWith(k))?.[1] ?? (section === 'special' ? matchSpecial(r.label) : undefined);
        if (special) {
          const existing = doc.specialCategories.find((c) => c.category === special);
          if (existing) existing.description = joinText(existing.description, description);
          else doc.specialCategories.push({ category: special, description, retention });
          break;
        }
        // Ours: the row of every category of the record ("Toutes les catégories de données du traitement") too.
        const code = env.own?.category(r.label) ?? matchCategory(lists.dataCategories, r.label);
        if (code) doc.dataCategories.push({ category: code, description, retention });
        else {
          if (r.label !== '') note(ctx, at(0), 'unknownValue', { field: section === 'special' ? 'Données sensibles' : 'Catégories de données', value: r.label });
          doc.dataCategories.push({ category: listHas(lists.dataCategories, 'OTHER') ? 'OTHER' : (lists.dataCategories[0]?.code ?? 'OTHER'), description: fit(ctx, at(dCol), r.label, joinText(r.label, description), MAX.long), retention });
        }
        break;
      }
      case 'subjects': {
        // A category of persons and its details; several in one cell are split; the same category twice is one row.
        readCodedRows(ctx, r, header!, label, ['description', 'categorie'], (v) => SUBJECT_ALIASES[foldName(v)] ?? matchList(lists.dataSubjects, v), lists.dataSubjects, MAX.details, doc.dataSubjects, (code, details) => ({ category: code, details }), (x) => x.category, (x, more) => (x.details = joinText(x.details, more).slice(0, MAX.details)));
        break;
      }
      case 'recipients': {
        const h = header!;
        const tCol = headerCol(h, ['typede', 'type'], 1);
        const pCol = headerCol(h, ['precisions', 'details'], 4);
        const value = read(ctx, r.row, tCol);
        const precision = read(ctx, r.row, pCol);
        if (value === null && precision === null) break;
        const alias = value === null ? undefined : RECIPIENT_ALIASES[foldName(value)];
        const category = value === null ? undefined : matchList(lists.recipients, value);
        const known = alias ?? (category ? { type: 'EXTERNAL_BODY' as RecipientType, category } : undefined);
        if (value !== null && !known) note(ctx, at(tCol), 'unknownValue', { field: label, value });
        // The precision names the recipient ("Organismes sociaux"); a long one is its details.
        const asName = precision !== null && precision.length <= MAX.name && !precision.includes('\n');
        if (env.own && precision !== null) {
          // Ours: "Catégorie — Nom : précisions" gives its three fields back.
          const parts = env.own.recipient(precision);
          doc.recipients.push({ type: known?.type ?? 'EXTERNAL_BODY', category: parts.category, name: fit(ctx, at(pCol), label, parts.name, MAX.name), details: fit(ctx, at(pCol), label, parts.details, MAX.details) });
          break;
        }
        doc.recipients.push({
          type: known?.type ?? 'EXTERNAL_BODY',
          category: known && listHas(lists.recipients, known.category) ? known.category : '',
          name: asName ? precision! : known || value === null ? '' : fit(ctx, at(tCol), label, value, MAX.name),
          details: fit(ctx, at(pCol), label, joinText(!known && asName ? value : null, asName ? null : precision), MAX.details),
        });
        break;
      }
      case 'security': {
        readCodedRows(ctx, r, header!, label, ['typede', 'type'], (v) => SECURITY_ALIASES[foldName(v)] ?? matchList(lists.securityMeasures, v), lists.securityMeasures, MAX.long, doc.securityMeasures, (code, details) => ({ type: code, details }), (x) => x.type, (x, more) => (x.details = joinText(x.details, more)));
        break;
      }
      case 'transfers': {
        const h = header!;
        const rCol = headerCol(h, ['destinataire', 'recipient', 'organisme'], 1);
        const cCol = headerCol(h, ['pays', 'country'], 2);
        const gCol = headerCol(h, ['typedegarantie', 'garantie', 'safeguard'], 3);
        const dCol = headerCol(h, ['liens', 'documentation', 'lien'], 5);
        const recipient = read(ctx, r.row, rCol);
        const country = read(ctx, r.row, cCol);
        const safeguard = read(ctx, r.row, gCol);
        const document = read(ctx, r.row, dCol);
        if (recipient === null && country === null && safeguard === null && document === null) break;
        const countryCode = country === null ? '' : (env.country(country) ?? '');
        if (country !== null && countryCode === '') note(ctx, at(cCol), 'unknownCountry', { value: country });
        const sg = safeguard === null ? undefined : SAFEGUARD_ALIASES.find(([k]) => foldName(safeguard).startsWith(k));
        if (safeguard !== null && !sg) note(ctx, at(gCol), 'unknownValue', { field: label, value: safeguard });
        const safeguardCode: Safeguard | '' = sg ? sg[1] : safeguard === null ? '' : 'OTHER';
        const invalidated = safeguardCode !== '' && INVALID_SAFEGUARDS.includes(safeguardCode);
        if (invalidated) note(ctx, at(gCol), 'invalidatedGround', { ground: safeguard! });
        // Ours: the documentation cell holds the transfer's title, module and access countries, or the document of one still to convert.
        const docs = env.own && document !== null ? env.own.transferDocs(document) : null;
        transfers.push({
          ...(docs ? { title: docs.title, module: docs.module, accessCountries: docs.accessCountries, toConvert: docs.toConvert } : {}),
          ...(docs?.toConvert && safeguard !== null ? { ownSafeguard: env.own!.safeguard(safeguard) } : {}),
          recipient: fit(ctx, at(rCol), label, recipient, MAX.name),
          country: fit(ctx, at(cCol), label, country, MAX.country),
          countryCode,
          safeguard: fit(ctx, at(gCol), label, safeguard, MAX.country),
          safeguardCode,
          mechanism: sg ? sg[2] : '',
          invalidated,
          document: docs ? (docs.toConvert ? docs.title : '') : fit(ctx, at(dCol), label, document, MAX.short),
          cell: at(rCol),
        });
        break;
      }
    }
  }

  function unknownRow(r: Labelled) {
    const values = r.row.cells.filter((c) => c.col > 0 && c.col < 8).map((c) => read(ctx, r.row, c.col)).filter((v): v is string => v !== null);
    if (values.length === 0) return;
    note(ctx, cellAddress(r.row.index, 0), 'unknownLabel', { label: r.label || cellAddress(r.row.index, 0) }, 'info');
    extra.push(`${r.label || cellAddress(r.row.index, 0)} : ${values.join(' ; ')}`);
  }

  if (doc.name === '' && doc.purposes.length === 0 && doc.dataCategories.length === 0 && doc.specialCategories.length === 0 && doc.dataSubjects.length === 0) {
    notes.push({ sheet: sheet.name, cell: '', severity: 'info', key: 'emptySheet', params: {} });
    return null;
  }
  if (doc.name === '') doc.name = sheet.name.slice(0, MAX.name);
  doc.jointControllers = actors.jointControllers.slice(0, 20);

  // The controller and the DPO belong to the organisation profile; a sheet that names others keeps them in its notes.
  const differs = (c: CnilContact | null, org: string, field: string) => {
    if (!c || c.name === '' || org === '' || foldName(c.name) === foldName(org)) return;
    note(ctx, '', 'actorDiffers', { name: c.name, field }, 'info');
    extra.push(`${field} : ${contactLine(c)}`);
  };
  if (own) {
    // Ours: the actors are the organisation profile's (the list's header proposes it); the extra block fills the fields.
    own.finish(doc);
    doc.notes = [doc.notes, ...own.unread, ...extra].filter(Boolean).join('\n');
  } else {
    differs(actors.controller, env.orgController, 'Responsable du traitement');
    differs(actors.dpo, env.orgDpo, 'Délégué à la protection des données');
    if (actors.representative) extra.push(`Représentant : ${contactLine(actors.representative)}`);
    if (actors.dpoCompany) extra.push(`Société du DPO : ${contactLine(actors.dpoCompany)}`);
    doc.notes = extra.join('\n');
  }
  notes.push(...ctx.notes);
  return { source: { sheet: sheet.name, kind: 'sheet', example }, doc, actors, createdOn, updatedOn, transfers, notes: ctx.notes, ...(own ? { own: true } : {}) };
}

function isTopKey(k: string): boolean {
  return (
    k === 'nomdutraitement' ||
    k === 'nref' ||
    k === 'ref' ||
    k === 'reference' ||
    k === 'nreference' ||
    k.startsWith('datedecreation') ||
    k.startsWith('miseajour') ||
    k.startsWith('dernieremiseajour') ||
    k.startsWith('datedemiseajour') ||
    k.startsWith('datedeladernieremiseajour')
  );
}

function matchCategory(items: ReadonlyArray<ListItem>, label: string): string | undefined {
  const k = foldName(label);
  const alias = CATEGORY_ALIASES.find(([p]) => k.startsWith(p))?.[1];
  if (alias && listHas(items, alias)) return alias;
  return matchList(items, label);
}

function matchSpecial(label: string): SpecialCategory | undefined {
  const k = foldName(label);
  return SPECIAL_CATEGORIES.find((c) => foldName(c) === k);
}

/** One cell's value(s): the whole value if a list knows it, else each part of "a, b; c" if they all are known, else the whole as "other". */
function splitValues(value: string, match: (v: string) => string | undefined, items: ReadonlyArray<ListItem>): Array<{ code: string; known: boolean; part: string }> {
  const other = listHas(items, 'OTHER') ? 'OTHER' : (items[items.length - 1]?.code ?? 'OTHER');
  if (value === '') return [{ code: other, known: true, part: '' }];
  const whole = match(value);
  if (whole && listHas(items, whole)) return [{ code: whole, known: true, part: value }];
  const parts = value.split(/\s*(?:[\n;,]|\s\/\s)\s*/).filter((p) => p.trim() !== '');
  if (parts.length > 1) {
    const codes = parts.map(match);
    if (codes.every((c) => c && listHas(items, c))) return parts.map((part, i) => ({ code: codes[i]!, known: true, part }));
  }
  return [{ code: other, known: false, part: value }];
}

/**
 * A block row of a coded value and its details (data subjects, security measures): the value's
 * column (by its header, else B) and the details' (E); several values in one cell are split;
 * a value no list knows is reported and kept in the details; the same code twice is one entry.
 */
function readCodedRows<T>(
  ctx: Ctx,
  r: Readonly<{ row: Row }>,
  header: Row,
  label: string,
  valueHeaders: ReadonlyArray<string>,
  match: (v: string) => string | undefined,
  items: ReadonlyArray<ListItem>,
  max: number,
  into: T[],
  make: (code: string, details: string) => T,
  codeOf: (x: T) => string,
  append: (x: T, details: string) => void,
): void {
  const vCol = headerCol(header, valueHeaders, 1);
  const pCol = headerCol(header, ['precisions', 'details'], 4);
  const value = read(ctx, r.row, vCol);
  const precision = read(ctx, r.row, pCol);
  if (value === null && precision === null) return;
  for (const { code, known, part } of splitValues(value ?? '', match, items)) {
    if (!known) note(ctx, cellAddress(r.row.index, vCol), 'unknownValue', { field: label, value: part });
    const details = fit(ctx, cellAddress(r.row.index, pCol), label, joinText(known ? null : part, precision), max);
    const existing = into.find((x) => codeOf(x) === code);
    if (existing) append(existing, details);
    else into.push(make(code, details));
  }
}

// ---------------------------------------------------------------------------------------------
// Tab 2: the organisation header and the list

type ListRow = { row: Row; name: string; ref: string; createdOn: string; updatedOn: string; purpose: string; sensitive: string; example: boolean };

function readListSheet(sheet: Sheet, ctx: Ctx): { organisation: Organisation | null; fields: string[]; rows: ListRow[] } {
  const org = emptyOrganisation();
  const fields: string[] = [];
  const rows = labelled(sheet);
  let block: 'controller' | 'representative' | 'dpo' | null = null;
  let headerAt = -1;
  const set = (path: string, value: string, max: number, at: string) => {
    const v = fit(ctx, at, path, value, max);
    if (v === '') return;
    const [a, b] = path.split('.') as [string, string | undefined];
    if (b) ((org as unknown as Record<string, Record<string, string>>)[a]!)[b] = v;
    else (org as unknown as Record<string, string>)[a] = v;
    if (!fields.includes(path)) fields.push(path);
  };
  const town: Record<string, { postcode: string; city: string }> = { controller: { postcode: '', city: '' }, representative: { postcode: '', city: '' }, dpo: { postcode: '', city: '' } };
  const person: Record<string, { first: string; last: string }> = { controller: { first: '', last: '' }, representative: { first: '', last: '' }, dpo: { first: '', last: '' } };

  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.key === 'nomdutraitement') {
      headerAt = i;
      break;
    }
    if (r.key.startsWith('coordonneesduresponsable')) block = 'controller';
    else if (r.key.startsWith('coordonneesdurepresentant')) block = 'representative';
    else if (r.key.startsWith('coordonneesdudelegue') || r.key.includes('dpo')) block = 'dpo';
    else if (r.key !== '') block = null;
    if (!block) continue;
    // "Label :" cells, each followed by its value in the next column.
    for (const c of r.row.cells) {
      if (c.col === 0 || c.value.kind !== 'text' || !c.value.text.trim().endsWith(':')) continue;
      const k = foldName(c.value.text);
      const value = read(ctx, r.row, c.col + 1);
      if (value === null || value.trim().endsWith(':')) continue;
      const at = cellAddress(r.row.index, c.col + 1);
      const target = block === 'controller' ? 'representative' : block === 'representative' ? 'euRepresentative' : 'dpo';
      if (k === 'nom') person[block]!.last = value;
      else if (k === 'prenom') person[block]!.first = value;
      else if (k.startsWith('societe')) set(`${target}.company`, value, 200, at);
      else if (k.startsWith('adressemel') || k.startsWith('email') || k.startsWith('courriel')) {
        set(`${target}.email`, value, 200, at);
        if (block === 'controller') set('email', value, 200, at);
      } else if (k.startsWith('adresse')) {
        set(`${target}.address`, value, 500, at);
        if (block === 'controller') set('address', value, 500, at);
      } else if (k.startsWith('codepostal')) {
        if (block === 'controller') set('postcode', value, 20, at);
        town[block]!.postcode = value;
      } else if (k.startsWith('ville')) {
        if (block === 'controller') set('city', value, 100, at);
        town[block]!.city = value;
      } else if (k.startsWith('telephone')) {
        set(`${target}.phone`, value, 50, at);
        if (block === 'controller') set('phone', value, 50, at);
      }
    }
  }
  // The contacts' addresses take their postcode and town ("3 rue du Port, 13002 Marseille").
  for (const [block, tw] of Object.entries(town)) {
    const target = block === 'controller' ? 'representative' : block === 'representative' ? 'euRepresentative' : 'dpo';
    const line = [tw.postcode, tw.city].filter(Boolean).join(' ');
    if (line === '') continue;
    const contact = (org as unknown as Record<string, Record<string, string>>)[target]!;
    set(`${target}.address`, [contact.address, line].filter(Boolean).join(', '), 500, '');
  }
  for (const [block, p] of Object.entries(person)) {
    const full = [p.first, p.last].filter(Boolean).join(' ');
    if (full === '') continue;
    const target = block === 'controller' ? 'representative' : block === 'representative' ? 'euRepresentative' : 'dpo';
    set(`${target}.name`, full, 200, '');
  }
  if (org.representative.name !== '' && org.representative.role === '') org.representative.role = 'Responsable de l’organisme';

  const list: ListRow[] = [];
  if (headerAt >= 0) {
    const header = rows[headerAt]!.row;
    const above = headerAt > 0 ? rows[headerAt - 1]!.row : header;
    const colOf = (prefixes: string[], fallback: number) => {
      const inHeader = headerCol(header, prefixes, -1);
      return inHeader >= 0 ? inHeader : headerCol(above, prefixes, fallback);
    };
    const cRef = headerCol(header, ['nref', 'ref', 'reference'], 1);
    const cCreated = headerCol(header, ['datedecreation'], 2);
    const cUpdated = headerCol(header, ['dernieremiseajour', 'miseajour', 'datedemiseajour'], 3);
    const cPurpose = colOf(['finalite'], 4);
    const cSensitive = colOf(['ouinon', 'donneessensibles'], 7);
    for (const r of rows.slice(headerAt + 1)) {
      const nameRaw = read({ ...ctx, notes: [] }, r.row, 0);
      const refRaw = read({ ...ctx, notes: [] }, r.row, cRef);
      if (nameRaw === null && refRaw === null) continue;
      const example = /^\(?exemple\)?/i.test(nameRaw ?? '') || foldName(refRaw ?? '') === '1exemple';
      list.push({
        row: r.row,
        name: nameRaw ?? '',
        ref: refRaw ?? '',
        createdOn: cCreated >= 0 ? readDate(ctx, r.row, cCreated, 'Date de création') : '',
        updatedOn: cUpdated >= 0 ? readDate(ctx, r.row, cUpdated, 'Dernière mise à jour') : '',
        purpose: read(ctx, r.row, cPurpose) ?? '',
        sensitive: read(ctx, r.row, cSensitive) ?? '',
        example,
      });
    }
  }
  return { organisation: fields.length ? org : null, fields, rows: list };
}


/** The organisation profile a record sheet's actors propose (controller: the organisation's contact details and its head; the DPO and the DPO's company). */
function organisationFromActors(a: CnilActors): { organisation: Organisation | null; fields: string[] } {
  const org = emptyOrganisation();
  const fields: string[] = [];
  const put = (path: string, value: string) => {
    if (value === '') return;
    const [x, y] = path.split('.') as [string, string | undefined];
    if (y) ((org as unknown as Record<string, Record<string, string>>)[x]!)[y] = value;
    else (org as unknown as Record<string, string>)[x] = value;
    fields.push(path);
  };
  const street = (c: CnilContact) => [c.address, [c.postcode, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ').slice(0, MAX.short);
  if (a.controller) {
    const c = a.controller;
    put('address', c.address);
    put('postcode', c.postcode.slice(0, 20));
    put('city', c.city);
    put('country', c.country);
    put('phone', c.phone);
    put('email', c.email);
    put('representative.name', c.name);
    put('representative.address', street(c));
    put('representative.email', c.email);
    put('representative.phone', c.phone);
  }
  if (a.dpo) {
    put('dpo.name', a.dpo.name);
    put('dpo.address', street(a.dpo));
    put('dpo.email', a.dpo.email);
    put('dpo.phone', a.dpo.phone);
  }
  if (a.dpoCompany) put('dpo.company', a.dpoCompany.name);
  if (a.representative) {
    put('euRepresentative.name', a.representative.name);
    put('euRepresentative.address', street(a.representative));
    put('euRepresentative.email', a.representative.email);
    put('euRepresentative.phone', a.representative.phone);
  }
  return { organisation: fields.length ? org : null, fields };
}

// ---------------------------------------------------------------------------------------------

/** The model read into an organisation proposal, records (one per record sheet), drafts (list rows without a sheet) and a report. */
export function interpretCnil(wb: Workbook, opts: CnilOptions = {}): CnilImport {
  const notes: ImportNote[] = [];
  const lists: Lists = opts.lists ?? (listsJson.lists as unknown as Lists);
  const base = countryReader(opts.countries ?? transfersJson.countries);
  const country = (name: string) => base(name) ?? COUNTRY_ALIASES[foldName(name)];

  // Tab 2 first: its header names the organisation the sheets are compared with.
  let organisation: Organisation | null = null;
  let organisationFields: ReadonlyArray<string> = [];
  let listRows: ListRow[] = [];
  let listSheetName = '';
  const sheets = wb.sheets.map((sheet) => ({ sheet, rows: labelled(sheet) }));
  const list = sheets.find(({ sheet, rows }) => !isRecordSheet(rows) && isListSheet(sheet, rows));
  if (list) {
    listSheetName = list.sheet.name;
    const ctx: Ctx = { sheet: list.sheet.name, notes: [] };
    const read2 = readListSheet(list.sheet, ctx);
    organisation = read2.organisation;
    organisationFields = read2.fields;
    listRows = read2.rows;
    notes.push(...ctx.notes);
  }

  const own = isOwnCnil(wb) ? ownCnilReader(wb, lists, opts.countries ?? transfersJson.countries, country) : null;
  const env: Env = { lists, country, orgController: organisation?.representative.name ?? '', orgDpo: organisation?.dpo.name ?? '', own };
  const records: CnilRecord[] = [];
  for (const { sheet, rows } of sheets) {
    if (!isRecordSheet(rows)) continue;
    const example = isExampleSheet(sheet, rows);
    if (example && !opts.includeExample) {
      notes.push({ sheet: sheet.name, cell: '', severity: 'info', key: 'exampleSkipped', params: {} });
      continue;
    }
    const rec = readRecordSheet(sheet, env, notes, example);
    if (rec) records.push(rec);
  }

  // Without an organisation header, the first sheet that names its controller or DPO proposes the profile.
  if (!organisation) {
    const withActors = records.find((r) => r.actors.controller || r.actors.dpo);
    if (withActors) ({ organisation, fields: organisationFields } = organisationFromActors(withActors.actors));
  }

  // Rows of the list that no sheet matches (by reference, else by name) become drafts.
  const refs = new Set(records.map((r) => foldName(r.doc.ref)).filter(Boolean));
  const names = new Set(records.map((r) => foldName(r.doc.name)).filter(Boolean));
  const drafts: CnilRecord[] = [];
  for (const lr of listRows) {
    const at = cellAddress(lr.row.index, 0);
    if (lr.example && !opts.includeExample) {
      notes.push({ sheet: listSheetName, cell: at, severity: 'info', key: 'exampleSkipped', params: {} });
      continue;
    }
    const name = lr.name.replace(/^\(exemple\)\s*/i, '');
    if ((lr.ref !== '' && refs.has(foldName(lr.ref))) || (name !== '' && names.has(foldName(name)))) continue;
    const ctx: Ctx = { sheet: listSheetName, notes: [], record: lr.ref || name };
    const doc: ControllerDoc = { ...emptyControllerDoc(), purposes: [] };
    doc.name = fit(ctx, at, 'Nom du traitement', name || lr.ref, MAX.name);
    doc.ref = fit(ctx, cellAddress(lr.row.index, 1), 'N° / RÉF', lr.ref || null, MAX.ref);
    if (lr.purpose !== '') doc.purposes.push({ text: fit(ctx, at, 'Finalité du traitement', lr.purpose, MAX.long), bases: [], review: false });
    if (lr.sensitive !== '' && foldName(lr.sensitive) !== 'non' && foldName(lr.sensitive) !== 'no') doc.notes = `Données sensibles : ${lr.sensitive}`;
    note(ctx, at, 'draftFromList', {}, 'info');
    notes.push(...ctx.notes);
    drafts.push({
      source: { sheet: listSheetName, kind: 'list', row: lr.row.index, example: lr.example },
      doc,
      actors: { controller: null, dpo: null, dpoCompany: null, representative: null, jointControllers: [] },
      createdOn: lr.createdOn,
      updatedOn: lr.updatedOn,
      transfers: [],
      notes: ctx.notes,
    });
  }
  return { organisation, organisationFields, records, drafts, notes };
}

export type { CnilActors };

/** A declared transfer as a transfer-register entry, or what the record keeps "to convert" (no recipient, a country no code matches). */
export type CnilTransferEntry = Readonly<{ ok: true; doc: TransferDoc; importerKey: string }> | Readonly<{ ok: false; item: TransferToConvert }>;

/**
 * One transfer a CNIL record sheet declares, as the transfer register keeps it (since migration
 * 0080 transfers live there, linked to records by `activityIds`): the recipient matched to a
 * supplier of the same name (else a named importer), the ISO country, the ground (the Privacy
 * Shield stays the invalidated ground, which the transfer register flags), linked to the
 * imported record; the same shape migration 0080 gives a record's old transfers. `importerKey`
 * lets the apply add the record to an entry of the same importer and country instead.
 */
export function cnilTransferEntry(
  t: CnilTransfer,
  ctx: Readonly<{ recordId: string; suppliers: ReadonlyArray<Readonly<{ id: string; name: string }>>; source: string; countries?: ReadonlyArray<string> }>,
): CnilTransferEntry {
  const reader = countryReader(ctx.countries ?? transfersJson.countries);
  const m = mapRecordTransfer({ recipient: t.recipient, country: t.countryCode || t.country, safeguard: t.safeguardCode, document: t.document }, { suppliers: ctx.suppliers, country: reader });
  if (!m.ok) return { ok: false, item: { ...m.item, safeguard: m.item.safeguard.slice(0, 100), document: m.item.document.slice(0, 500) } };
  const importer = m.importerSupplierId ? (ctx.suppliers.find((s) => s.id === m.importerSupplierId)?.name ?? t.recipient) : m.importerName;
  const origin = [`${ctx.source}`, t.safeguard && `garantie / safeguard : ${t.safeguard}`, t.document && `documentation : ${t.document}`].filter(Boolean).join(' ; ');
  return {
    ok: true,
    importerKey: m.importerKey,
    doc: {
      ...emptyTransferDoc(),
      title: `${importer} – ${countryName('fr', m.importerCountry)}`.slice(0, 200),
      importerSupplierId: m.importerSupplierId,
      importerName: m.importerName,
      importerCountry: m.importerCountry,
      exporterRole: 'controller',
      activityIds: [ctx.recordId],
      // "Code de conduite" and "Certification" name a ground the register-level safeguards lack.
      mechanism: t.mechanism || m.mechanism,
      notes: origin,
    },
  };
}
