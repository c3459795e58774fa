/**
 * Issue 12 (roles): the words of the processor's flow, on screen and in the notice to a client
 * controller (Art. 33(2)), French and English, merged into shared/i18n/fr.ts and en.ts under
 * `breachRole`. Kept apart from breach.ts so that the other parts of the issue merge cleanly.
 */
export const breachRoleFr = {
  breachRole: {
    // Screen
    controllersTab: 'Responsables clients',
    controllersHelp:
      'En tant que sous-traitant, l’organisme ne notifie pas la CNIL et n’informe pas les personnes : il informe chaque responsable de traitement concerné dans les meilleurs délais (art. 33.2 du RGPD), dans le délai du contrat s’il en fixe un. C’est le responsable de traitement qui notifie ensuite.',
    hoursHelp: 'Laissez vide si le contrat ne fixe pas de délai : « dans les meilleurs délais ».',
    noDelay: 'Sans délai contractuel : dans les meilleurs délais',
    elapsed: 'Depuis la prise de connaissance : {{duration}}',
    informedAfter: 'Informé après {{duration}}',
    informedLine: 'Informé le {{date}} – {{means}}{{reference}}',
    notInformed: 'Pas encore informé',
    toInform: 'Responsables à informer : {{count}}',
    refShort: 'réf. {{reference}}',
    clockTitle: 'Information du client {{party}}',
        recordTitle: 'Enregistrer l’information de ce responsable',
    sentAt: 'Informé le',
    means: 'Moyen (e-mail, courrier, portail…)',
    reference: 'Référence (numéro de ticket, de courrier…)',
    delayReason: 'Motifs du retard (si après le délai)',
    record: 'Enregistrer comme informé',
    recordComplementary: 'Enregistrer une information complémentaire',
    recorded: '{{party}} : information enregistrée',
    notice: 'Notification à {{party}} (Word)',
    gaps: 'À compléter pour que le responsable puisse notifier (art. 33.3) : {{items}}.',
    gapsNone: 'La notification contient tout ce que demande l’article 33.3.',
    item: {
      nature: 'nature de la violation',
      subjectCategories: 'catégories de personnes',
      personsApprox: 'nombre approximatif de personnes',
      dataCategories: 'catégories de données',
      recordsApprox: 'nombre approximatif d’enregistrements',
      contact: 'point de contact',
      consequences: 'conséquences probables',
      measures: 'mesures prises ou envisagées',
    },
    noAuthorityDocs:
      'Sous-traitant pour cet incident : la notification à la CNIL et le courrier aux personnes reviennent aux responsables de traitement. Préparez ici la notification à chacun d’eux (art. 33.2).',
    noDecision:
      'Sous-traitant pour cet incident : la décision de notifier la CNIL et d’informer les personnes appartient à chaque responsable de traitement. L’évaluation du risque ci-dessus l’y aide ; elle figure dans la notification qui lui est adressée.',
    bothHelp:
      'Responsable de traitement pour ses propres données et sous-traitant pour celles de ses clients : les deux démarches vont de pair (notification à la CNIL et information des personnes pour ses données, information de chaque client pour les leurs).',
    checklistController: 'Étapes – responsable de traitement',
    checklistProcessor: 'Étapes – sous-traitant',
    checklistControllerHelp: 'Suivies quand l’organisme est responsable de traitement de l’incident.',
    checklistProcessorHelp: 'Suivies quand l’organisme est sous-traitant de l’incident. Un incident où il est les deux reçoit les étapes des deux listes.',
    templateVersions: 'listes d’étapes v{{controller}} et v{{processor}}',
    // The notice (document)
    docIntro:
      'En application de l’article 33.2 du RGPD et de notre contrat, nous vous informons d’une violation de données personnelles que nous traitons pour votre compte. Vous trouverez ci-dessous les informations prévues à l’article 33.3, pour vous permettre d’évaluer le risque et, le cas échéant, de notifier l’autorité de contrôle et d’informer les personnes concernées.',
    docPhases: 'Les informations qui ne sont pas encore connues sont signalées « À compléter » et vous seront communiquées dès que possible (art. 33.4).',
    docNoDelay: 'Aucun délai fixé par le contrat : dans les meilleurs délais (art. 33.2)',
    docInformed: 'Informé le {{date}} ({{means}}), référence {{reference}}',
    docNotYet: 'Non encore enregistrée',
    docInformedLine: 'Information enregistrée',
    docAware: 'Prise de connaissance par le sous-traitant',
    sA: 'a) Nature de la violation, personnes et enregistrements concernés',
    sB: 'b) Point de contact',
    sC: 'c) Conséquences probables',
    sD: 'd) Mesures prises ou proposées',
    riskAssessment: 'Évaluation du risque par le sous-traitant (à titre indicatif)',
    logControllers: 'Responsables informés',
    logForControllers: 'Sans objet : revient aux responsables de traitement',
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const breachRoleEn: Widen<typeof breachRoleFr> = {
  breachRole: {
    controllersTab: 'Client controllers',
    controllersHelp:
      'As a processor, the organisation does not notify the supervisory authority or inform the data subjects: it informs each controller concerned without undue delay (Art. 33(2) GDPR), within the delay the contract sets, if any. The controller then notifies.',
    hoursHelp: 'Leave empty if the contract sets no delay: “without undue delay”.',
    noDelay: 'No contractual delay: without undue delay',
    elapsed: 'Since awareness: {{duration}}',
    informedAfter: 'Informed after {{duration}}',
    informedLine: 'Informed on {{date}} – {{means}}{{reference}}',
    notInformed: 'Not informed yet',
    toInform: 'Controllers to inform: {{count}}',
    refShort: 'ref. {{reference}}',
    clockTitle: 'Notice to client {{party}}',
        recordTitle: 'Record that this controller was informed',
    sentAt: 'Informed on',
    means: 'Means (email, letter, portal…)',
    reference: 'Reference (ticket number, letter…)',
    delayReason: 'Reasons for the delay (if late)',
    record: 'Record as informed',
    recordComplementary: 'Record further information',
    recorded: '{{party}}: information recorded',
    notice: 'Notice to {{party}} (Word)',
    gaps: 'To complete so that the controller can notify (Art. 33(3)): {{items}}.',
    gapsNone: 'The notice holds everything Article 33(3) asks for.',
    item: {
      nature: 'nature of the breach',
      subjectCategories: 'categories of data subjects',
      personsApprox: 'approximate number of data subjects',
      dataCategories: 'categories of data',
      recordsApprox: 'approximate number of records',
      contact: 'contact point',
      consequences: 'likely consequences',
      measures: 'measures taken or proposed',
    },
    noAuthorityDocs:
      'Processor for this incident: the notification to the supervisory authority and the letter to data subjects are for the controllers. Prepare the notice to each of them here (Art. 33(2)).',
    noDecision:
      'Processor for this incident: whether to notify the supervisory authority and inform the data subjects is each controller’s decision. The risk assessment above helps them; it is part of the notice sent to them.',
    bothHelp:
      'Controller for its own data and processor for its clients’ data: both flows run side by side (notification to the authority and information of data subjects for its own data, notice to each client for theirs).',
    checklistController: 'Steps – controller',
    checklistProcessor: 'Steps – processor',
    checklistControllerHelp: 'Followed when the organisation is the controller in the incident.',
    checklistProcessorHelp: 'Followed when the organisation is a processor in the incident. An incident where it is both gets the steps of both lists.',
    templateVersions: 'step lists v{{controller}} and v{{processor}}',
    docIntro:
      'Under Article 33(2) GDPR and our contract, we inform you of a personal data breach affecting data we process on your behalf. Below is the information Article 33(3) provides for, so that you can assess the risk and, where required, notify the supervisory authority and inform the data subjects.',
    docPhases: 'Information not yet known is marked “To be completed” and will be sent to you as soon as possible (Art. 33(4)).',
    docNoDelay: 'No delay set by the contract: without undue delay (Art. 33(2))',
    docInformed: 'Informed on {{date}} ({{means}}), reference {{reference}}',
    docNotYet: 'Not recorded yet',
    docInformedLine: 'Notice recorded',
    docAware: 'The processor became aware',
    sA: '(a) Nature of the breach, data subjects and records concerned',
    sB: '(b) Contact point',
    sC: '(c) Likely consequences',
    sD: '(d) Measures taken or proposed',
    riskAssessment: 'The processor’s risk assessment (for information)',
    logControllers: 'Controllers informed',
    logForControllers: 'Not applicable: for the controllers',
  },
};
