/**
 * Labels of the register import's report (issue 13B): what the dry run says of a row, and the
 * record fields a spreadsheet's column can fill. Merged into shared/i18n/fr.ts and en.ts; the
 * readers' cell notes are under `importNotes` (issue 13A).
 */
export const importReportFr = {
  importReport: {
    refAssigned: 'Pas de référence : la fiche recevra {{ref}}.',
    duplicateRef: 'La référence {{ref}} figure déjà plus haut dans le fichier : ligne non importée.',
    noName: 'Pas de nom de traitement : ligne non importée.',
    becomesDraft: 'La fiche active mise à jour ne serait plus complète : elle repasse en brouillon.',
    notATransfer: '« {{value}} » est dans l’EEE : ce n’est pas un transfert hors UE, rien n’est créé au registre des transferts.',
    action: { create: 'Créée', update: 'Mise à jour', skip: 'Non importée' },
    level: { error: 'Erreur', warning: 'À vérifier', info: 'Information' },
  },
  importCli: {
    row: 'ligne',
    counts: '{{create}} fiche(s) à créer, {{update}} à mettre à jour, {{skip}} ligne(s) non importée(s), {{transfers}} transfert(s) ; {{problems}} remarque(s).',
    missing: 'Brouillon, il manque :',
    dryRun: 'Essai à blanc : rien n’a été écrit.',
    done: 'Import terminé : {{created}} créée(s), {{updated}} mise(s) à jour, {{skipped}} non importée(s). Pour l’annuler, utilisez « Annuler cet import » dans l’application (import {{id}}).',
  },
  importFields: {
    ref: 'Référence',
    name: 'Nom du traitement',
    department: 'Service',
    software: 'Logiciel',
    purpose: 'Finalité principale',
    subPurposes: 'Sous-finalités',
    legalBasis: 'Base légale',
    legalBasisDetail: 'Précision sur la base légale',
    dataSubjects: 'Personnes concernées',
    dataCategories: 'Catégories de données',
    specialCategories: 'Données sensibles',
    retention: 'Durée de conservation',
    recipients: 'Destinataires',
    sources: 'Source des données',
    securityMeasures: 'Mesures de sécurité',
    transferRecipient: 'Destinataire hors UE',
    transferCountry: 'Pays hors UE',
    transferSafeguard: 'Garanties du transfert',
    transferDocument: 'Documentation du transfert',
    dpiaNeeded: 'AIPD requise',
    nextReview: 'Prochaine revue',
    notes: 'Notes',
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const importReportEn: Widen<typeof importReportFr> = {
  importReport: {
    refAssigned: 'No reference: the record will get {{ref}}.',
    duplicateRef: 'Reference {{ref}} is already used higher up in the file: row not imported.',
    noName: 'No processing name: row not imported.',
    becomesDraft: 'The updated active record would no longer be complete: it goes back to draft.',
    notATransfer: '“{{value}}” is in the EEA: not a transfer outside the EU, nothing is added to the transfer register.',
    action: { create: 'Created', update: 'Updated', skip: 'Not imported' },
    level: { error: 'Error', warning: 'To check', info: 'Note' },
  },
  importCli: {
    row: 'row',
    counts: '{{create}} record(s) to create, {{update}} to update, {{skip}} row(s) not imported, {{transfers}} transfer(s); {{problems}} note(s).',
    missing: 'Draft, missing:',
    dryRun: 'Dry run: nothing was written.',
    done: 'Import done: {{created}} created, {{updated}} updated, {{skipped}} not imported. To undo it, use “Undo this import” in the app (import {{id}}).',
  },
  importFields: {
    ref: 'Reference',
    name: 'Processing name',
    department: 'Department',
    software: 'Software',
    purpose: 'Main purpose',
    subPurposes: 'Sub-purposes',
    legalBasis: 'Legal basis',
    legalBasisDetail: 'Legal basis detail',
    dataSubjects: 'Data subjects',
    dataCategories: 'Data categories',
    specialCategories: 'Special categories',
    retention: 'Retention period',
    recipients: 'Recipients',
    sources: 'Data source',
    securityMeasures: 'Security measures',
    transferRecipient: 'Recipient outside the EU',
    transferCountry: 'Country outside the EU',
    transferSafeguard: 'Transfer safeguards',
    transferDocument: 'Transfer documentation',
    dpiaNeeded: 'DPIA needed',
    nextReview: 'Next review',
    notes: 'Notes',
  },
};
