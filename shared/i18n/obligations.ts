/**
 * Titles of the dated obligations (issue 16): the "This week" panel, the reminders, the desktop
 * notifications and the .ics calendar read these. French typography in French only.
 */
export const obligationsFr = {
  obligation: {
    kind: {
      breachClock: 'Échéance d’une violation',
      review: 'Revue d’un traitement',
      auditDue: 'Audit d’un sous-traitant',
      questionnaireDue: 'Questionnaire d’audit attendu',
      actionDue: 'Action corrective',
      certificationExpiry: 'Certification qui expire',
      dpfRecheck: 'Certification DPF à revérifier',
      tiaReview: 'Analyse d’impact de transfert à réévaluer',
    },
    title: {
      breachClock: '{{ref}} – {{clock}} : {{name}}',
      review: 'Revoir le traitement {{ref}} – {{name}}',
      auditDue: 'Auditer le sous-traitant {{name}}',
      questionnaireDue: 'Réponse attendue au questionnaire d’audit de {{name}}',
      actionDue: 'Action corrective chez {{ref}} : {{name}}',
      certificationExpiry: 'Fin de validité de la certification {{name}} de {{ref}}',
      dpfRecheck: 'Revérifier la certification DPF de l’importateur – {{name}}',
      tiaReview: 'Réévaluer l’analyse d’impact du transfert – {{name}}',
    },
    notify: {
      clockTitle: 'Violation : une échéance tombe dans {{hours}} h',
      dayTitle: 'DPO Desk : {{count}} échéance(s) aujourd’hui ou en retard',
      more: 'et {{count}} autre(s)',
    },
    calendar: {
      name: 'DPO Desk – échéances',
      reference: 'Référence : {{ref}}',
      kind: 'Type : {{kind}}',
      source: 'Exporté de DPO Desk le {{date}}. Mettre à jour le registre, puis exporter à nouveau : les événements sont remplacés, pas dupliqués.',
    },
  },
};

export const obligationsEn: typeof obligationsFr = {
  obligation: {
    kind: {
      breachClock: 'Breach deadline',
      review: 'Processing review',
      auditDue: 'Supplier audit',
      questionnaireDue: 'Audit questionnaire due',
      actionDue: 'Corrective action',
      certificationExpiry: 'Certification expiring',
      dpfRecheck: 'DPF certification to re-check',
      tiaReview: 'Transfer impact assessment to re-evaluate',
    },
    title: {
      breachClock: '{{ref}} – {{clock}}: {{name}}',
      review: 'Review processing {{ref}} – {{name}}',
      auditDue: 'Audit the supplier {{name}}',
      questionnaireDue: 'Audit questionnaire answer due from {{name}}',
      actionDue: 'Corrective action at {{ref}}: {{name}}',
      certificationExpiry: '{{name}} certification of {{ref}} expires',
      dpfRecheck: 'Re-check the importer’s DPF certification – {{name}}',
      tiaReview: 'Re-evaluate the transfer impact assessment – {{name}}',
    },
    notify: {
      clockTitle: 'Breach: a deadline falls in {{hours}} h',
      dayTitle: 'DPO Desk: {{count}} item(s) due today or late',
      more: 'and {{count}} more',
    },
    calendar: {
      name: 'DPO Desk – deadlines',
      reference: 'Reference: {{ref}}',
      kind: 'Type: {{kind}}',
      source: 'Exported from DPO Desk on {{date}}. Update the register, then export again: events are replaced, not duplicated.',
    },
  },
};
