/**
 * Issue 12 (a trail that tells the truth; documents): the words for a time in the repeated
 * hour, the letter to the data subjects, the cross-border block, the chronology of the log.
 * Merged into shared/i18n/fr.ts and en.ts beside breach.ts.
 */
export const breachTrailFr = {
  zonedTime: { first: 'premier passage', second: 'second passage' },
  breachTrail: {
    sCrossBorder: 'Notifications transfrontalières et autres',
    otherAuthorities: 'Autres autorités de contrôle concernées (États de l’EEE)',
    lead: 'Autorité de contrôle chef de file',
    leadValue: 'Autorité de contrôle – {{country}}',
    noLead: 'Aucune (traitement non transfrontalier)',
    otherNotifications: 'Autres notifications effectuées (NIS 2, télécom, police, autres)',
    telecomLine: 'Communications électroniques (règlement 611/2013) – CNIL – {{date}}',
    telecomThis: 'la présente notification',
    telecomComplementaryLine: 'Communications électroniques (règlement 611/2013) – CNIL – notification complémentaire du {{date}} (réf. {{ref}})',
    kind: {
      NIS2: 'NIS 2 (ANSSI / CSIRT)',
      TELECOM: 'Communications électroniques (règlement 611/2013)',
      POLICE: 'Police ou gendarmerie (plainte)',
      OTHER: 'Autre',
    },
    refShort: 'réf. {{ref}}',
    chronology: 'Chronologie : étapes et journal',
    chronologyHelp: 'Chaque étape et chaque entrée du journal à l’heure où elle a été faite ; l’heure d’enregistrement est indiquée quand elle diffère.',
    stepLine: 'Étape « {{label}} » ({{actor}})',
    recordedOn: 'enregistré le {{date}}',
    noChronology: 'Aucune étape cochée ni entrée de journal.',
    subjectsMeaning: 'Ce que cela signifie pour vous',
    subjectsComplaint: 'Vous pouvez aussi adresser une réclamation à la CNIL (www.cnil.fr).',
    draft: {
      what: 'Le {{date}}, nous avons constaté un incident de sécurité qui concerne vos données personnelles.',
      CONFIDENTIALITY: 'Des personnes qui n’auraient pas dû y avoir accès ont pu voir certaines de vos données.',
      INTEGRITY: 'Certaines de vos données ont pu être modifiées.',
      AVAILABILITY: 'Certaines de vos données ont été inaccessibles pendant un temps.',
      contact: 'Notre délégué à la protection des données, {{contact}}, répond à vos questions.',
    },
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const breachTrailEn: Widen<typeof breachTrailFr> = {
  zonedTime: { first: 'first', second: 'second' },
  breachTrail: {
    sCrossBorder: 'Cross-border and other notifications',
    otherAuthorities: 'Other supervisory authorities concerned (EEA states)',
    lead: 'Lead supervisory authority',
    leadValue: 'Supervisory authority – {{country}}',
    noLead: 'None (not cross-border processing)',
    otherNotifications: 'Other notifications made (NIS2, telecom, police, other)',
    telecomLine: 'Electronic communications (Regulation 611/2013) – CNIL – {{date}}',
    telecomThis: 'this notification',
    telecomComplementaryLine: 'Electronic communications (Regulation 611/2013) – CNIL – second notification of {{date}} (ref. {{ref}})',
    kind: {
      NIS2: 'NIS2 (national CSIRT or authority)',
      TELECOM: 'Electronic communications (Regulation 611/2013)',
      POLICE: 'Police (complaint)',
      OTHER: 'Other',
    },
    refShort: 'ref. {{ref}}',
    chronology: 'Chronology: steps and journal',
    chronologyHelp: 'Each step and journal entry at the time it was done; the time it was recorded is given where it differs.',
    stepLine: 'Step “{{label}}” ({{actor}})',
    recordedOn: 'recorded on {{date}}',
    noChronology: 'No step ticked and no journal entry.',
    subjectsMeaning: 'What this means for you',
    subjectsComplaint: 'You may also lodge a complaint with the supervisory authority (in France, the CNIL: www.cnil.fr).',
    draft: {
      what: 'On {{date}}, we found a security incident involving your personal data.',
      CONFIDENTIALITY: 'People who should not have had access may have seen some of your data.',
      INTEGRITY: 'Some of your data may have been altered.',
      AVAILABILITY: 'Some of your data could not be reached for a time.',
      contact: 'Our data protection officer, {{contact}}, will answer your questions.',
    },
  },
};
