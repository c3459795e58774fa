/**
 * Messages of the register import (issue 13), French and English: why a file is refused (merged
 * into `errors`, so that a refusal on the 'file' field reads like any other) and the notes of the
 * import report (`importNotes`, one per cell that needs the DPO's eye).
 */
export const importErrorsFr = {
  importEmpty: 'Le fichier ne contient aucune donnée : rien n’a été importé.',
  importUnsupported: 'Format non pris en charge (.{{ext}}) : importez un classeur .xlsx ou .ods, ou un fichier .csv.',
  importWrongType: 'Ce fichier porte l’extension .{{ext}}, mais son contenu est d’un autre type ({{actual}}) : rien n’a été importé. Ouvrez-le dans votre tableur et enregistrez-le au format voulu.',
  importNotSpreadsheet: 'Ce fichier porte l’extension .{{ext}}, mais ce n’est pas un classeur ni un fichier CSV : rien n’a été importé.',
  importEncrypted: 'Ce classeur est protégé par un mot de passe : rien n’a été importé. Ouvrez-le dans votre tableur, retirez le mot de passe, enregistrez-le, puis importez-le à nouveau.',
  importFileTooBig: 'Fichier trop volumineux : {{max}} Mo au plus. Rien n’a été importé.',
  importUnreadable: 'Ce fichier est endommagé ou illisible : rien n’a été importé.',
};

export const importErrorsEn: typeof importErrorsFr = {
  importEmpty: 'The file holds no data: nothing was imported.',
  importUnsupported: 'Unsupported format (.{{ext}}): import an .xlsx or .ods workbook, or a .csv file.',
  importWrongType: 'This file has the .{{ext}} extension, but its content is of another type ({{actual}}): nothing was imported. Open it in your spreadsheet application and save it in the right format.',
  importNotSpreadsheet: 'This file has the .{{ext}} extension, but it is neither a workbook nor a CSV file: nothing was imported.',
  importEncrypted: 'This workbook is password-protected: nothing was imported. Open it in your spreadsheet application, remove the password, save it, then import it again.',
  importFileTooBig: 'File too large: {{max}} MB at most. Nothing was imported.',
  importUnreadable: 'This file is damaged or unreadable: nothing was imported.',
};

export const importNotesFr = {
  importNotes: {
    unknownValue: '« {{value}} » ne figure pas dans les listes ({{field}}) : valeur conservée telle quelle, en texte.',
    formulaCached: 'Formule : sa dernière valeur calculée, « {{value}} », a été reprise.',
    noCachedValue: 'Formule sans valeur calculée : rien n’a été repris. Ouvrez le fichier dans votre tableur, recalculez-le et enregistrez-le.',
    errorValue: 'Cellule en erreur ({{error}}) : rien n’a été repris.',
    invalidatedGround: 'Transfert fondé sur « {{ground}} », une garantie invalidée : à régulariser dans le registre des transferts.',
    unknownCountry: 'Pays « {{value}} » non reconnu : le transfert est conservé sur la fiche, à convertir.',
    tooLong: '{{field}} : {{length}} caractères, plus que les {{max}} permis. Valeur non importée (elle n’a pas été tronquée) : reprenez-la à la main.',
    unreadable: '{{field}} : « {{value}} » est illisible. Valeur non reprise.',
    unknownLabel: 'Ligne « {{label}} » absente du modèle de la CNIL : son contenu est conservé dans les notes de la fiche.',
    retentionAsText: 'Durée de conservation « {{value}} » sans durée chiffrée : reprise comme point de départ, à vérifier.',
    actorDiffers: 'Cette fiche nomme « {{name}} » ({{field}}), différent de la fiche organisme : conservé dans les notes de la fiche.',
    exampleSkipped: 'Exemple de la CNIL laissé de côté.',
    draftFromList: 'Traitement de la liste sans fiche : créé en brouillon avec ce qu’indique la ligne.',
    emptySheet: 'Fiche vierge (aucun nom, aucune finalité) : laissée de côté.',
  },
};

export const importNotesEn: typeof importNotesFr = {
  importNotes: {
    unknownValue: '“{{value}}” is in none of the lists ({{field}}): kept as written, as text.',
    formulaCached: 'Formula: its last computed value, “{{value}}”, was used.',
    noCachedValue: 'Formula without a computed value: nothing was taken. Open the file in your spreadsheet application, recalculate and save it.',
    errorValue: 'Cell in error ({{error}}): nothing was taken.',
    invalidatedGround: 'Transfer based on “{{ground}}”, an invalidated safeguard: to be regularised in the transfer register.',
    unknownCountry: 'Country “{{value}}” not recognised: the transfer is kept on the record, to convert.',
    tooLong: '{{field}}: {{length}} characters, more than the {{max}} allowed. Not imported (it was not cut): enter it by hand.',
    unreadable: '{{field}}: “{{value}}” cannot be read. Not taken.',
    unknownLabel: 'Row “{{label}}” is not in the CNIL model: its content is kept in the record’s notes.',
    retentionAsText: 'Retention “{{value}}” has no duration in figures: taken as its starting point, to check.',
    actorDiffers: 'This sheet names “{{name}}” ({{field}}), not the one of the organisation profile: kept in the record’s notes.',
    exampleSkipped: 'The CNIL’s example was left out.',
    draftFromList: 'A processing of the list without a record sheet: created as a draft with what the row says.',
    emptySheet: 'Blank record sheet (no name, no purpose): left out.',
  },
};
