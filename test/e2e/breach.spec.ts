import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { docxParagraphs } from '../docx-text';
import { expect, test, typed } from './fixtures';

test.use({ locale: 'fr-FR' });

/** A local time in Paris, `hours` before now (the core refuses times in the future). */
const parisAgo = (hours: number) => DateTime.now().setZone('Europe/Paris').minus({ hours }).toFormat("yyyy-MM-dd'T'HH:mm");

test('a breach: open it, see the clock, tick steps, record the decision, export the authority notification', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/breaches`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Violations de données');
  await page.getByRole('link', { name: '+ Nouvelle violation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Nouvelle violation');

  // The facts, with awareness typed before the breach started: refused next to the field.
  await page.getByLabel('Intitulé').fill('Perte d’un ordinateur portable non chiffré');
  await page.getByLabel('Début de la violation', { exact: true }).fill(typed(parisAgo(5)));
  await page.getByLabel('Découverte', { exact: true }).fill(typed(parisAgo(9.5)));
  await page.getByLabel('Prise de connaissance (départ du délai de 72 h)', { exact: true }).fill(typed(parisAgo(9)));
  await page.getByLabel('Perte de la confidentialité', { exact: true }).check();
  await page.getByLabel('Équipement perdu ou volé').check();
  await page.getByLabel('Descriptif détaillé (comment c’est arrivé)').fill('Ordinateur d’un commercial volé dans un train ; disque non chiffré.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('La prise de connaissance ne peut pas précéder le début de la violation.')).toBeVisible();
  await expect(page.getByText('La découverte ne peut pas précéder le début de la violation.')).toBeVisible();
  await expect(page.getByText('Corrigez les champs signalés avant d’enregistrer.')).toBeVisible();
  await expect(page).toHaveURL(/#\/breach\/new$/); // nothing written

  await page.getByLabel('Début de la violation', { exact: true }).fill(typed(parisAgo(10)));
  await expect(page.getByText('La prise de connaissance ne peut pas précéder le début de la violation.')).toHaveCount(0);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(/#\/breach\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/VIOL-\d{4}-\d{3}/);

  // The 72-hour clock runs from awareness: about 63 hours left.
  const clock = page.getByTestId('clock-authority');
  await expect(clock).toHaveAttribute('data-state', 'running');
  await expect(clock).toContainText(/Reste (62|63) h \d\d min/);

  // Tick two steps and write in the journal: each is timed by the app.
  await page.getByRole('tab', { name: 'Étapes et journal' }).click();
  await page.getByRole('checkbox', { name: /Contenir la violation/ }).check();
  await expect(page.locator('[data-step="contain"]')).toContainText(/Fait le .* par /);
  await page.getByRole('checkbox', { name: /Préserver les preuves/ }).check();
  await expect(page.getByRole('heading', { name: 'Étapes (2/9)' })).toBeVisible();
  await page.getByLabel('Nouvelle entrée').fill('Plainte déposée au commissariat.');
  await page.getByRole('button', { name: 'Ajouter au journal' }).click();
  await expect(page.getByTestId('journal')).toContainText('Plainte déposée au commissariat.');

  // Risk: customer contact data, identifiable, stolen: a risk; the DPO records the decision and its reasons.
  await page.getByRole('tab', { name: 'Risque et décision' }).click();
  await page.getByLabel('Perte de confidentialité', { exact: true }).selectOption('unknown');
  await expect(page.getByTestId('risk-suggestion')).toContainText('Risque');
  await page.getByLabel('Notifier l’autorité de contrôle ?').selectOption('notify');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Consignez les motifs de cette décision.')).toBeVisible();
  await page.getByLabel('Motifs de la décision').first().fill('Données clients lisibles sur un appareil volé.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Violation enregistrée' }).last()).toBeVisible();
  await expect(page.getByText('Modifications non enregistrées')).toHaveCount(0);

  // The notification to the authority, as a Word document with the CNIL form's sections.
  await page.getByRole('tab', { name: 'Documents' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Notification à l’autorité (initiale)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^VIOL-\d{4}-\d{3}-notification-autorite-initial\.docx$/);
  const paragraphs = await docxParagraphs(readFileSync(await download.path()));
  const headings = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
  for (const h of ['Type de notification', 'Personne à contacter', 'Dates', 'Nature de la violation', 'Nature des données', 'Volumes', 'Conséquences et préjudices potentiels', 'Mesures prises suite à la violation']) {
    expect(headings).toContain(h);
  }
  const text = paragraphs.map((p) => p.text).join('\n');
  expect(text).toContain('Perte d’un ordinateur portable non chiffré');
  expect(text).toContain('Julien Moreau'); // the organisation's DPO, filled in as contact point

  // The history keeps the ticks and the decision; the dashboard shows the running clock.
  await page.getByRole('tab', { name: 'Historique' }).click();
  await expect(page.locator('.history-entry')).toHaveCount(5);
  await page.goto(`${demoHarness.url}#/`);
  await expect(page.getByTestId('breach-clocks')).toContainText('Perte d’un ordinateur portable non chiffré');
});

test('the checklist template is edited in Settings: new incidents get the new version, open ones keep theirs', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/settings`);
  // One list per role (issue 12): the controller's is version 1, the processor's version 2; step codes never show.
  const tpl = page.getByTestId('checklist-template-controller');
  await expect(tpl).toContainText('Version 1');
  await expect(page.getByTestId('checklist-template-processor')).toContainText('Version 2');
  await expect(page.getByTestId('checklist-template-processor').getByRole('textbox').first()).toHaveValue('Contenir la violation (isoler, couper les accès, changer les secrets)');
  await expect(page.getByText('tellControllers')).toHaveCount(0);
  await expect(page.getByLabel('Code', { exact: true })).toHaveCount(0);
  await tpl.getByRole('button', { name: '+ Ajouter' }).click();
  const rows = tpl.locator('.array-item');
  const last = rows.last();
  await last.getByLabel('Libellé français').fill('Prévenir l’assureur cyber');
  await last.getByLabel('Libellé anglais').fill('Tell the cyber insurer');
  await tpl.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
  await expect(tpl).toContainText('Version 3');

  // The demo's open incident keeps version 1; a new one starts with version 3 and its 10 steps.
  await page.goto(`${demoHarness.url}#/breaches`);
  await page.getByRole('row').filter({ hasText: 'Consultation illicite du détail des appels' }).getByRole('link', { name: /^VIOL-/ }).click();
  await expect(page.getByText('liste d’étapes v1')).toBeVisible();
  await page.goto(`${demoHarness.url}#/breach/new`);
  const ago = (h: number) => new Date(Date.now() - h * 3600_000).toLocaleString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 16).replace(' ', 'T');
  // The demo company is a telecom operator (Settings): a new incident starts in the 24-hour regime, the DPO as contact.
  await expect(page.getByLabel(/Violation liée à un service de communications électroniques/)).toBeChecked();
  await expect(page.getByLabel('Nom', { exact: true })).toHaveValue('Julien Moreau');
  await page.getByLabel('Intitulé').fill('Clé USB perdue');
  await page.getByLabel('Découverte', { exact: true }).fill(typed(ago(3)));
  await page.getByLabel('Prise de connaissance (départ du délai de 72 h)', { exact: true }).fill(typed(ago(2)));
  await page.getByLabel('Perte de la confidentialité', { exact: true }).check();
  await page.getByLabel('Descriptif détaillé (comment c’est arrivé)').fill('Clé USB non chiffrée perdue lors d’un salon.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('liste d’étapes v3')).toBeVisible();
  await expect(page.getByTestId('clock-telecomInitial')).toHaveAttribute('data-state', 'running');
  await page.getByRole('tab', { name: 'Étapes et journal' }).click();
  await expect(page.getByRole('heading', { name: 'Étapes (0/10)' })).toBeVisible();
  await expect(page.getByTestId('steps')).toContainText('Prévenir l’assureur cyber');
});

test('a processor incident: two client controllers, each informed and recorded, and the notice to each in Word', async ({ page, demoHarness }) => {
  test.slow(); // two documents and four saves on a machine shared by several runs
  await page.goto(`${demoHarness.url}#/breach/new`);
  await page.getByLabel('Intitulé').fill('Base de tickets exposée chez un client');
  await page.getByLabel('Rôle de l’organisme').selectOption('processor');
  const controllers = page.locator('fieldset[data-field="controllers"]');
  await controllers.getByRole('button', { name: '+ Ajouter' }).click();
  await controllers.getByRole('button', { name: '+ Ajouter' }).click();
  const [first, second] = [controllers.locator('.array-item').nth(0), controllers.locator('.array-item').nth(1)];
  await first.getByLabel('Responsable de traitement').fill('Boutique Alpha SARL');
  await first.getByLabel('Délai contractuel (heures)').fill('24');
  await second.getByLabel('Responsable de traitement').fill('Clinique Beta SAS');
  await second.getByLabel('Délai contractuel (heures)').fill(''); // the contract sets none: without undue delay
  await page.getByLabel('Découverte', { exact: true }).fill(typed(parisAgo(4)));
  await page.getByLabel('Prise de connaissance (départ du délai de 72 h)', { exact: true }).fill(typed(parisAgo(3)));
  await page.getByLabel('Perte de la confidentialité', { exact: true }).check();
  await page.getByLabel('Descriptif détaillé (comment c’est arrivé)').fill('Export de tickets de support laissé en accès public sur un partage.');
  await page.getByLabel('Nombre approximatif de personnes').fill('350');
  await page.getByLabel('Conséquences probables').fill('Coordonnées et motifs de contact des clients finaux exposés.');
  await page.getByLabel('Mesures prises').fill('Partage fermé, journaux d’accès analysés.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(/#\/breach\/[0-9a-f-]{36}$/);

  // No 72-hour authority clock: one clock per controller, the contract's 24 hours or the time since awareness.
  await expect(page.getByTestId('clock-authority')).toHaveCount(0);
  await expect(page.getByTestId('clock-controllerNotice')).toContainText(/Reste (20|21) h \d\d min/);
  await expect(page.getByTestId('clock-controllerElapsed')).toContainText(/Depuis la prise de connaissance\u00a0: (2|3) h \d\d min/);
  await expect(page.getByTestId('clock-controllerElapsed')).toContainText('Sans délai contractuel');

  // The decision to notify is the controllers': the risk tab says so instead of asking it.
  await page.getByRole('tab', { name: 'Risque et décision' }).click();
  await expect(page.getByTestId('obligations')).toContainText('la décision de notifier la CNIL et d’informer les personnes appartient à chaque responsable de traitement');
  await expect(page.getByLabel('Notifier l’autorité de contrôle ?')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Documents' }).click();
  await expect(page.getByTestId('processor-documents')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Notification à l’autorité (initiale)' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Information des personnes concernées' })).toHaveCount(0);

  // Each controller informed: when, by what means, under which reference.
  await page.getByRole('tab', { name: 'Responsables clients' }).click();
  const alpha = page.getByRole('group', { name: 'Boutique Alpha SARL' });
  await alpha.getByLabel('Informé le').fill(typed(parisAgo(2)));
  await alpha.getByLabel('Moyen (e-mail, courrier, portail…)').fill('E-mail au DPO');
  await alpha.getByLabel('Référence (numéro de ticket, de courrier…)').fill('ALPHA-17');
  await alpha.getByRole('button', { name: 'Enregistrer comme informé' }).click();
  await expect(alpha.getByTestId('informed')).toContainText('E-mail au DPO – réf. ALPHA-17');
  await expect(alpha.getByTestId('clock-controllerNotice')).toHaveAttribute('data-state', 'done');
  const beta = page.getByRole('group', { name: 'Clinique Beta SAS' });
  await beta.getByLabel('Informé le').fill(typed(parisAgo(1)));
  await beta.getByLabel('Moyen (e-mail, courrier, portail…)').fill('Portail client');
  await beta.getByLabel('Référence (numéro de ticket, de courrier…)').fill('BETA-3');
  await beta.getByRole('button', { name: 'Enregistrer comme informé' }).click();
  await expect(beta.getByTestId('informed')).toContainText('Portail client – réf. BETA-3');
  await expect(beta.getByTestId('clock-controllerElapsed')).toContainText(/Informé après 2 h \d\d min/);

  // The notice to each controller, with what Art. 33(3) asks.
  const notice = async (group: typeof alpha, party: string) => {
    const downloading = page.waitForEvent('download');
    await group.getByRole('button', { name: `Notification à ${party} (Word)` }).click();
    const download = await downloading;
    return { name: download.suggestedFilename(), text: (await docxParagraphs(readFileSync(await download.path()))).map((p) => p.text).join('\n') };
  };
  const a = await notice(alpha, 'Boutique Alpha SARL');
  expect(a.name).toMatch(/^VIOL-\d{4}-\d{3}-notification-client-boutique-alpha-sarl\.docx$/);
  expect(a.text).toContain('Destinataire\nBoutique Alpha SARL');
  expect(a.text).toMatch(/24 heures, soit au plus tard le/);
  expect(a.text).toMatch(/Informé le .*\(E-mail au DPO\), référence ALPHA-17/);
  for (const s of ['a) Nature de la violation, personnes et enregistrements concernés', 'Export de tickets de support laissé en accès public', '350', 'b) Point de contact', 'Julien Moreau', 'c) Conséquences probables', 'Coordonnées et motifs de contact', 'd) Mesures prises ou proposées', 'Partage fermé']) expect(a.text).toContain(s);
  const b = await notice(beta, 'Clinique Beta SAS');
  expect(b.name).toMatch(/-notification-client-clinique-beta-sas\.docx$/);
  expect(b.text).toContain('Destinataire\nClinique Beta SAS');
  expect(b.text).toContain('Aucun délai fixé par le contrat\u00a0: dans les meilleurs délais (art. 33.2)');
  expect(b.text).toMatch(/\(Portail client\), référence BETA-3/);
  expect(b.text).not.toContain('Boutique Alpha SARL');

  // The history keeps each notice; the checklist is the processor's.
  await page.getByRole('tab', { name: 'Historique' }).click();
  await expect(page.locator('.history-entry')).toHaveCount(3);
  await page.getByRole('tab', { name: 'Étapes et journal' }).click();
  await expect(page.getByTestId('steps')).toContainText('Informer chaque responsable de traitement client dans les meilleurs délais (art. 33.2)');
  await expect(page.getByTestId('steps')).not.toContainText('Notifier l’autorité de contrôle');
});
