import { CODED_FIELDS, IMPORT_FIELDS, type CodedField, type ImportField, type ImportMapping } from '../../../shared/domain/import';
import { LEGAL_BASES, SPECIAL_CATEGORIES } from '../../../shared/domain/enums';
import { MECHANISMS } from '../../../shared/domain/transfer';
import { countryReader, foldName } from '../../../shared/domain/record-transfers';
import type { ReferenceLists } from '../../../shared/domain/reference-lists';
import { countryName } from '../../../shared/domain/countries';
import { translate } from '../../../shared/i18n';

/**
 * Suggestions for the mapping screen: which column fills which field (from the header's words in
 * French and English, case and accents folded), and which code a value of a coded column stands
 * for (the app's labels in both languages, the usual wordings of registers). The DPO confirms
 * or corrects every suggestion; nothing is imported on a guess without being shown.
 */

export const fold = foldName;

/** Header words per field, folded. The first ones are exact names; any of them contained in a longer header counts too. */
const HEADERS: Readonly<Record<ImportField, ReadonlyArray<string>>> = {
  ref: ['reference', 'ref', 'refdutraitement', 'numero', 'no', 'n', 'id', 'identifiant', 'code', 'reference du traitement'],
  name: ['nomdutraitement', 'nom', 'traitement', 'intitule', 'libelle', 'activitedetraitement', 'name', 'processingactivity', 'processing', 'activity', 'title', 'titre', 'designation'],
  department: ['service', 'direction', 'departement', 'department', 'servicemetier', 'businessunit', 'entite', 'pole'],
  software: ['logiciel', 'application', 'outil', 'software', 'tool', 'system', 'systeme', 'applicatif'],
  purpose: ['finaliteprincipale', 'finalite', 'finalites', 'purpose', 'mainpurpose', 'purposes', 'objectif'],
  subPurposes: ['sousfinalites', 'sousfinalite', 'subpurposes', 'otherpurposes', 'finalitessecondaires', 'autresfinalites'],
  legalBasis: ['baselegale', 'basejuridique', 'fondementjuridique', 'fondementlegal', 'legalbasis', 'lawfulbasis', 'liceite', 'basedeliceite'],
  legalBasisDetail: ['precisionbaselegale', 'detailbaselegale', 'legalbasisdetail', 'interetlegitimepoursuivi', 'justificationbaselegale', 'textedeloi'],
  dataSubjects: ['personnesconcernees', 'categoriesdepersonnesconcernees', 'categoriesdepersonnes', 'datasubjects', 'categoriesofdatasubjects', 'personnes', 'concernees'],
  dataCategories: ['categoriesdedonnees', 'donneestraitees', 'donneespersonnelles', 'donnees', 'datacategories', 'categoriesofpersonaldata', 'personaldata', 'categoriesofdata', 'data'],
  specialCategories: ['donneessensibles', 'categoriesparticulieres', 'specialcategories', 'sensitivedata', 'sensibles'],
  retention: ['dureedeconservation', 'dureesdeconservation', 'conservation', 'retention', 'retentionperiod', 'storageperiod', 'duree'],
  recipients: ['destinataires', 'categoriesdedestinataires', 'recipients', 'categoriesofrecipients', 'destinataire'],
  sources: ['sourcedesdonnees', 'originedesdonnees', 'sources', 'source', 'datasource', 'collecte'],
  securityMeasures: ['mesuresdesecurite', 'securite', 'securitymeasures', 'security', 'mesurestechniquesetorganisationnelles', 'mesures'],
  transferRecipient: ['destinatairehorsue', 'destinatairehorseee', 'recipientoutsideeea', 'destinatairedutransfert', 'importateur', 'transferrecipient', 'importer', 'recipientoutsideeu'],
  transferCountry: ['payshorsue', 'payshorseee', 'countryoutsideeea', 'paysdestinataire', 'paysdetransfert', 'pays', 'transfertpays', 'country', 'countries', 'transfercountry', 'destinationcountry', 'transfertshorsue', 'transfers', 'transferts'],
  transferSafeguard: ['typedegaranties', 'typedegarantie', 'garanties', 'garantie', 'encadrement', 'safeguard', 'safeguards', 'transfermechanism', 'mecanismedetransfert', 'outildetransfert'],
  transferDocument: ['lienversladocumentation', 'documentation', 'document', 'transferdocument', 'documentationdutransfert'],
  dpiaNeeded: ['aipd', 'aipdrequise', 'aipdnecessaire', 'dpia', 'dpianeeded', 'analysedimpact', 'pia'],
  nextReview: ['prochainerevue', 'datederevue', 'dateprochainerevue', 'nextreview', 'reviewdate', 'revue'],
  notes: ['notes', 'remarques', 'commentaires', 'observations', 'comments', 'remarks', 'note', 'commentaire'],
};

/**
 * The suggested column for each field: an exact header name first, then a header that contains
 * a field's word (five letters or more); each header fills one field at most.
 */
export function suggestColumns(headers: ReadonlyArray<string>): ImportMapping['columns'] {
  const folded = headers.map((h) => fold(h));
  const taken = new Set<number>();
  const out: Partial<Record<ImportField, string>> = {};
  for (const pass of ['exact', 'contains'] as const) {
    for (const field of IMPORT_FIELDS) {
      if (out[field] !== undefined) continue;
      for (const word of HEADERS[field].map(fold)) {
        const i = folded.findIndex((h, j) => !taken.has(j) && h !== '' && (pass === 'exact' ? h === word : word.length >= 5 && h.includes(word)));
        if (i >= 0) {
          out[field] = headers[i]!;
          taken.add(i);
          break;
        }
      }
    }
  }
  return out;
}

/** Usual wordings of registers for the app's closed vocabularies (folded), beside the app's own labels. */
const SYNONYMS: Readonly<Partial<Record<CodedField, Readonly<Record<string, ReadonlyArray<string>>>>>> = {
  legalBasis: {
    CONSENT: ['consentement', 'consent', '61a', 'art61a', 'article61a', '6a'],
    CONTRACT: ['contrat', 'executiondecontrat', 'executionducontrat', 'executiondunecontrat', 'contract', 'performanceofacontract', 'mesuresprecontractuelles', '61b', 'art61b', '6b'],
    LEGAL_OBLIGATION: ['obligationlegale', 'obligationslegales', 'legalobligation', 'obligationreglementaire', '61c', 'art61c', '6c'],
    VITAL_INTEREST: ['interetsvitaux', 'interetvital', 'sauvegardedesinteretsvitaux', 'vitalinterest', 'vitalinterests', '61d', 'art61d', '6d'],
    PUBLIC_TASK: ['missiondinteretpublic', 'interetpublic', 'missionpublique', 'publictask', 'publicinterest', 'autoritepublique', '61e', 'art61e', '6e'],
    LEGITIMATE_INTEREST: ['interetlegitime', 'interetslegitimes', 'legitimateinterest', 'legitimateinterests', '61f', 'art61f', '6f'],
  },
  specialCategories: {
    HEALTH: ['sante', 'health', 'donneesdesante', 'medical', 'medicales'],
    BIOMETRIC: ['biometrie', 'biometrique', 'biometriques', 'biometric'],
    GENETIC: ['genetique', 'genetiques', 'genetic'],
    RACIAL_ETHNIC: ['origineraciale', 'origineethnique', 'racial', 'ethnic'],
    POLITICAL: ['opinionspolitiques', 'politique', 'political'],
    RELIGIOUS: ['religion', 'religieuses', 'convictions', 'religious', 'philosophical'],
    TRADE_UNION: ['syndicale', 'syndical', 'tradeunion'],
    SEX_LIFE: ['viesexuelle', 'orientationsexuelle', 'sexlife', 'sexualorientation'],
    CRIMINAL: ['infractions', 'condamnations', 'penal', 'penales', 'criminal', 'offences'],
    NIR: ['nir', 'numerodesecuritesociale', 'securitesociale', 'socialsecuritynumber'],
  },
  transferSafeguard: {
    SCC_2021: ['clausescontractuellestypes', 'cct', 'ccts', 'scc', 'sccs', 'standardcontractualclauses', 'clausestypes'],
    BCR: ['bcr', 'reglesdentreprisecontraignantes', 'bindingcorporaterules'],
    ADEQUACY: ['adequation', 'decisiondadequation', 'adequacy', 'adequacydecision', 'paysadequat'],
    DPF: ['dataprivacyframework', 'dpf', 'euusdataprivacyframework'],
    LEGACY_PRIVACY_SHIELD: ['privacyshield', 'bouclierdeprotection'],
    LEGACY_SAFE_HARBOR: ['safeharbor', 'safeharbour', 'sphereDeSecurite'],
    DEROGATION_49: ['derogation', 'article49', 'art49', 'derogations'],
    UK_IDTA: ['idta', 'ukidta'],
    UK_ADDENDUM: ['ukaddendum', 'addendum'],
  },
  dpiaNeeded: { yes: ['oui', 'yes', 'true', 'vrai', 'x', '1', 'requise', 'necessaire', 'faite', 'realisee'], no: ['non', 'no', 'false', 'faux', '0', 'nonrequise', 'nonnecessaire'] },
};

export type Choice = Readonly<{ code: string; labelFr: string; labelEn: string }>;

const LIST_OF: Readonly<Partial<Record<CodedField, keyof ReferenceLists>>> = {
  department: 'departments',
  dataSubjects: 'dataSubjects',
  dataCategories: 'dataCategories',
  recipients: 'recipients',
  securityMeasures: 'securityMeasures',
};

/** The codes a coded field can take, with their labels, for the value-mapping screen. */
export function choicesFor(field: CodedField, lists: ReferenceLists, countries: ReadonlyArray<string>): Choice[] {
  const list = LIST_OF[field];
  if (list) return lists[list].filter((i) => !i.archived).map((i) => ({ code: i.code, labelFr: i.labelFr, labelEn: i.labelEn }));
  const enumChoices = (codes: ReadonlyArray<string>, key: string) => codes.map((c) => ({ code: c, labelFr: translate('fr', `${key}.${c}`), labelEn: translate('en', `${key}.${c}`) }));
  switch (field) {
    case 'legalBasis':
      return enumChoices(LEGAL_BASES, 'enums.legalBasis');
    case 'specialCategories':
      return enumChoices(SPECIAL_CATEGORIES, 'enums.special');
    case 'transferSafeguard':
      return enumChoices(MECHANISMS, 'transfer.mechanism');
    case 'dpiaNeeded':
      return enumChoices(['yes', 'no', 'unknown'], 'enums.dpiaNeeded');
    case 'transferCountry':
      return countries.map((c) => ({ code: c, labelFr: countryName('fr', c), labelEn: countryName('en', c) }));
    default:
      return [];
  }
}

export type ValueSuggester = (field: CodedField, value: string) => string;

/**
 * A suggester for the values of coded columns: the code itself, a label (French or English) of
 * the app, or a usual wording, compared folded; then a label or wording contained in the value
 * (or the value in a label, for values of five letters or more). '' when nothing fits.
 */
export function valueSuggester(lists: ReferenceLists, countries: ReadonlyArray<string>): ValueSuggester {
  const country = countryReader(countries);
  const tables = new Map<CodedField, Array<readonly [string, string]>>();
  for (const field of CODED_FIELDS) {
    if (field === 'transferCountry') continue;
    const words: Array<readonly [string, string]> = [];
    for (const c of choicesFor(field, lists, countries)) {
      for (const w of [c.code, c.labelFr, c.labelEn, c.labelFr.replace(/\(.*\)/, ''), c.labelEn.replace(/\(.*\)/, '')]) if (fold(w)) words.push([fold(w), c.code]);
    }
    for (const [code, list] of Object.entries(SYNONYMS[field] ?? {})) for (const w of list) words.push([fold(w), code]);
    tables.set(field, words);
  }
  return (field, value) => {
    const v = fold(value);
    if (v === '') return '';
    if (field === 'transferCountry') return country(value) ?? '';
    const words = tables.get(field) ?? [];
    const exact = words.find(([w]) => w === v);
    if (exact) return exact[1];
    const inside = words.filter(([w]) => w.length >= 4 && v.includes(w)).sort((a, b) => b[0].length - a[0].length)[0];
    if (inside) return inside[1];
    const around = v.length >= 5 ? words.find(([w]) => w.includes(v)) : undefined;
    return around?.[1] ?? '';
  };
}
