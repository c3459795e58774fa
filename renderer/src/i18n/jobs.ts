/**
 * Issue 16: the progress of the long tasks (the import, the backup, the restore) and their
 * Cancel. French first; a non-breaking space (\u00a0) before « : » in French only.
 */
export const jobsUiFr = {
  jobs: {
    noCancel: 'Cette dernière étape ne peut plus être annulée\u00a0: l’interrompre laisserait le travail à moitié fait.',
    import: {
      label: 'Avancement de l’import',
      starting: 'Lecture du fichier…',
      check: 'Vérification des fiches\u00a0: {{done}} / {{total}}',
      write: 'Écriture des fiches et transferts\u00a0: {{done}} / {{total}}',
      cancel: 'Annuler l’import',
      note: 'Annuler défait tout\u00a0: rien de ce fichier n’est écrit dans le registre.',
      cancelled: 'Import annulé\u00a0: le registre n’a pas changé.',
      cancelDryRun: 'Arrêter l’essai à blanc',
      dryRunNote: 'L’essai à blanc n’écrit rien\u00a0: vous pouvez l’arrêter à tout moment.',
      dryRunCancelled: 'Essai à blanc arrêté\u00a0: rien n’a été écrit.',
    },
    backup: {
      label: 'Avancement de la sauvegarde',
      starting: 'Démarrage de la sauvegarde…',
      copy: 'Copie du registre\u00a0: {{done}} / {{total}} pages',
      pack: 'Création de l’archive…',
      write: 'Écriture du fichier…',
      cancel: 'Annuler la sauvegarde',
      note: 'Annuler supprime la copie en cours\u00a0: aucun fichier n’est laissé.',
      cancelled: 'Sauvegarde annulée\u00a0: aucun fichier n’a été écrit.',
    },
    restore: {
      label: 'Avancement de la restauration',
      starting: 'Démarrage de la restauration…',
      check: 'Vérification de la sauvegarde\u00a0: étape {{done}} sur {{total}}',
      save: 'Sauvegarde préalable du registre actuel\u00a0: {{done}} / {{total}} pages',
      replace: 'Remplacement du registre…',
      cancel: 'Annuler la restauration',
      note: 'Vous pouvez annuler jusqu’au remplacement du registre, qui ne peut pas être interrompu\u00a0: le registre n’est jamais à moitié restauré.',
      cancelled: 'Restauration annulée\u00a0: le registre n’a pas changé.',
    },
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const jobsUiEn: Widen<typeof jobsUiFr> = {
  jobs: {
    noCancel: 'This last step can no longer be cancelled: stopping it would leave the work half done.',
    import: {
      label: 'Import progress',
      starting: 'Reading the file…',
      check: 'Checking the records: {{done}} / {{total}}',
      write: 'Writing the records and transfers: {{done}} / {{total}}',
      cancel: 'Cancel the import',
      note: 'Cancel undoes everything: nothing of this file is written into the register.',
      cancelled: 'Import cancelled: the register is unchanged.',
      cancelDryRun: 'Stop the dry run',
      dryRunNote: 'The dry run writes nothing: you can stop it at any time.',
      dryRunCancelled: 'Dry run stopped: nothing was written.',
    },
    backup: {
      label: 'Backup progress',
      starting: 'Starting the backup…',
      copy: 'Copying the register: {{done}} / {{total}} pages',
      pack: 'Packing the archive…',
      write: 'Writing the file…',
      cancel: 'Cancel the backup',
      note: 'Cancel deletes the copy being made: no file is left behind.',
      cancelled: 'Backup cancelled: no file was written.',
    },
    restore: {
      label: 'Restore progress',
      starting: 'Starting the restore…',
      check: 'Checking the backup: step {{done}} of {{total}}',
      save: 'Backing up the current register first: {{done}} / {{total}} pages',
      replace: 'Replacing the register…',
      cancel: 'Cancel the restore',
      note: 'You can cancel until the register is replaced; that step cannot be interrupted, so the register is never half restored.',
      cancelled: 'Restore cancelled: the register is unchanged.',
    },
  },
};
