import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { docxParagraphs } from '../docx-text';
import { SHOTS, expect, test, typed } from './fixtures';

/** A local time in Paris, `hours` before now (the core refuses times in the future). */
const parisAgo = (hours: number) => DateTime.now().setZone('Europe/Paris').minus({ hours }).toFormat("yyyy-MM-dd'T'HH:mm");

// Long flows on a shared machine: more time than the default minute, and each wait a little longer.
test.describe.configure({ timeout: 300_000 });
test.use({ actionTimeout: 30_000 });

test.describe('telecom and NIS2 (fr)', () => {
  test.use({ locale: 'fr-FR' });

  test('a telecom initial notification complete or to be completed; a NIS2 significant incident runs its clocks, is sent and drafted', async ({ page, demoHarness }) => {
    // The demo company is an essential entity under NIS2 (Settings).
    await page.goto(`${demoHarness.url}#/settings`);
    await expect(page.getByTestId('regime-settings').getByLabel('Entité au sens de la directive NIS 2 (UE) 2022/2555')).toHaveValue('essential');
    await page.getByTestId('regime-settings').screenshot({ path: path.join(SHOTS, 'fr-12b-settings-regimes.png') });

    // The demo telecom breach: its initial notification was "to be completed", so the 3-day clock ran and was answered.
    await page.goto(`${demoHarness.url}#/breaches`);
    await page.getByRole('row').filter({ hasText: 'Consultation illicite du détail des appels' }).getByRole('link', { name: /^VIOL-/ }).click();
    await expect(page.getByTestId('clock-telecomComplementary')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('clock-regime-nis2-finalReport')).toHaveAttribute('data-state', 'done');
    await page.getByRole('tab', { name: 'Notifications' }).click();
    const completeness = page.getByLabel('Notification complète ou à compléter (règlement 611/2013, art. 2.3)');
    await expect(completeness).toHaveCount(1);
    await expect(completeness).toHaveValue('toComplete');
    await page.screenshot({ path: path.join(SHOTS, 'fr-12b-telecom-nis2-notifications.png'), fullPage: true });
    // Marked complete: no second notification is due, the 3-day clock goes.
    await completeness.selectOption('complete');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Violation enregistrée' }).last()).toBeVisible();
    await expect(page.getByTestId('clock-telecomComplementary')).toHaveCount(0);
    await expect(page.getByTestId('clock-telecomInitial')).toHaveAttribute('data-state', 'done');

    // Telecom: the subscribers' test is "likely to adversely affect", and the only exemption is unintelligible data.
    await page.getByRole('tab', { name: 'Risque et décision' }).click();
    await expect(page.getByTestId('telecom-subjects')).toContainText('susceptible de porter atteinte aux données personnelles ou à la vie privée');
    await page.getByLabel('Informer les personnes concernées ?').selectOption('noInform');
    const exemption = page.getByLabel('Dispense d’avertir les abonnés (règlement 611/2013, art. 4)');
    await expect(exemption.locator('option')).toHaveText(['— Choisir —', 'Données rendues incompréhensibles par des mesures de protection technologiques, démontré à la CNIL (règlement 611/2013, art. 4)']);
    await page.screenshot({ path: path.join(SHOTS, 'fr-12b-telecom-risk.png'), fullPage: true });
    await page.getByRole('button', { name: 'Annuler' }).click();

    // A new incident outside the telecom service (HR files): NIS2 asks whether it is significant.
    await page.goto(`${demoHarness.url}#/breach/new`);
    await page.getByLabel('Intitulé').fill('Chiffrement des serveurs RH par un rançongiciel');
    await page.getByLabel(/Violation liée à un service de communications électroniques/).uncheck();
    await page.getByLabel('Découverte', { exact: true }).fill(typed(parisAgo(3)));
    await page.getByLabel('Prise de connaissance (départ du délai de 72 h)', { exact: true }).fill(typed(parisAgo(2)));
    await page.getByLabel('Perte de la disponibilité', { exact: true }).check();
    await page.getByLabel('Cause de l’incident').selectOption('EXTERNAL_MALICIOUS');
    await page.getByLabel('Descriptif détaillé (comment c’est arrivé)').fill('Rançongiciel sur les serveurs de paie ; restauration depuis les sauvegardes en cours.');
    await page.getByRole('tab', { name: 'Notifications' }).click();
    const nis2 = page.getByTestId('regime-nis2');
    await expect(nis2).toContainText('Dites si cet incident est un incident important');
    await nis2.getByLabel('Incident important au sens de ce régime ?').selectOption('yes');
    await nis2.getByLabel('Motifs').fill('Paie indisponible pour 1 200 salariés : perturbation opérationnelle grave.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page).toHaveURL(/#\/breach\/[0-9a-f-]{36}$/);

    // The NIS2 clocks run beside the GDPR one: early warning 24 hours, notification 72 hours from awareness.
    const early = page.getByTestId('clock-regime-nis2-earlyWarning').first();
    await expect(early).toHaveAttribute('data-state', 'running');
    await expect(early).toContainText(/Reste (21|22) h \d\d min/);
    await expect(page.getByTestId('clock-regime-nis2-notification').first()).toContainText(/Reste (69|70) h/);
    await expect(page.getByTestId('clock-authority')).toBeVisible();

    // The list's next clock is the early warning.
    await page.goto(`${demoHarness.url}#/breaches`);
    await expect(page.getByRole('row').filter({ hasText: 'Chiffrement des serveurs RH' })).toContainText('NIS 2 – incident important : Alerte précoce');
    await page.screenshot({ path: path.join(SHOTS, 'fr-12b-breach-list.png') });
    await page.getByRole('row').filter({ hasText: 'Chiffrement des serveurs RH' }).getByRole('link', { name: /^VIOL-/ }).click();

    // The early warning is sent: recorded with its time and reference, its clock stops.
    await page.getByRole('tab', { name: 'Notifications' }).click();
    const step = page.locator('[data-step="earlyWarning"]');
    await step.getByLabel('Envoyée le', { exact: true }).fill(typed(parisAgo(1)));
    await step.getByLabel('Référence (n° de signalement…)').fill('CERT-FR 2026-0999');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Violation enregistrée' }).last()).toBeVisible();
    await expect(page.getByTestId('clock-regime-nis2-earlyWarning').first()).toHaveAttribute('data-state', 'done');
    await page.screenshot({ path: path.join(SHOTS, 'fr-12b-nis2-incident.png'), fullPage: true });

    // Its Word draft asks what Art. 23(4)(a) asks.
    await page.getByRole('tab', { name: 'Documents' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('regime-docs-nis2').getByRole('button', { name: 'Alerte précoce' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^VIOL-\d{4}-\d{3}-nis2-alerte-precoce\.docx$/);
    const text = (await docxParagraphs(readFileSync(await download.path()))).map((p) => p.text).join('\n');
    expect(text).toContain('NIS 2 – incident important – Alerte précoce');
    expect(text).toContain('ANSSI (CERT-FR)');
    expect(text).toContain('Incident causé par des actes illicites ou malveillants ?');
    expect(text).toContain('Oui, suspecté (Acte externe malveillant)');
    expect(text).toContain('CERT-FR 2026-0999');

    // The history keeps the answer and the sending.
    await page.getByRole('tab', { name: 'Historique' }).click();
    await expect(page.locator('.history-entry')).toHaveCount(2);
    await expect(page.locator('.history-entry').first()).toContainText('Autres régimes de notification (NIS 2…)');
  });
});

test.describe('telecom and NIS2 (en)', () => {
  test.use({ locale: 'en-GB' });

  test('the demo incidents show their NIS2 clocks and the risk conclusion in English', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/settings`);
    await page.getByTestId('regime-settings').screenshot({ path: path.join(SHOTS, 'en-12b-settings-regimes.png') });
    await page.goto(`${demoHarness.url}#/breaches`);
    await page.getByRole('row').filter({ hasText: 'Consultation illicite du détail des appels' }).getByRole('link', { name: /^VIOL-/ }).click();
    await expect(page.getByTestId('clock-regime-nis2-earlyWarning')).toContainText('NIS2 – significant incident: Early warning');
    await page.getByRole('tab', { name: 'Notifications' }).click();
    await expect(page.getByTestId('regime-nis2')).toContainText('ANSSI (CERT-FR), the national CSIRT');
    await page.screenshot({ path: path.join(SHOTS, 'en-12b-telecom-nis2-notifications.png'), fullPage: true });
    await page.getByRole('tab', { name: 'Risk and decision' }).click();
    await expect(page.getByTestId('risk-conclusion')).toContainText('likely to result in');
    await expect(page.getByTestId('telecom-subjects')).toContainText('likely to adversely affect the personal data or privacy');
    await page.screenshot({ path: path.join(SHOTS, 'en-12b-telecom-risk.png'), fullPage: true });
    // The open processor incident: NIS2 significant, nothing sent yet, the early warning runs.
    await page.goto(`${demoHarness.url}#/breaches`);
    await page.getByRole('row').filter({ hasText: 'Enregistrements d’appels exposés' }).getByRole('link', { name: /^VIOL-/ }).click();
    await expect(page.getByTestId('clock-regime-nis2-earlyWarning').first()).toHaveAttribute('data-state', /running|soon/);
    await page.screenshot({ path: path.join(SHOTS, 'en-12b-nis2-open-incident.png') });
  });
});
