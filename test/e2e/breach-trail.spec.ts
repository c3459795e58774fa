import path from 'node:path';
import { DateTime } from 'luxon';
import { SHOTS, expect, test, typed } from './fixtures';

/** A local time in Paris, `hours` before now (negative: ahead of now). */
const parisAgo = (hours: number) => DateTime.now().setZone('Europe/Paris').minus({ hours }).toFormat("yyyy-MM-dd'T'HH:mm");
const hhmm = (local: string) => local.slice(11, 16);

for (const lang of ['fr', 'en'] as const) {
  const fr = lang === 'fr';
  test.describe(`a trail that tells the truth (${lang})`, () => {
    test.use({ locale: fr ? 'fr-FR' : 'en-GB' });
    test.setTimeout(120_000);

    test(`a step ticked after the fact shows when it was done and when it was recorded, in the journal and the history (${lang})`, async ({ page, demoHarness }) => {
      await page.goto(`${demoHarness.url}#/breaches`);
      await page.getByRole('row').filter({ hasText: 'Enregistrements d’appels exposés' }).getByRole('link', { name: /^VIOL-/ }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Enregistrements d’appels exposés');
      const stepsTab = page.getByRole('tab', { name: fr ? 'Étapes et journal' : 'Steps and journal' });
      await expect(async () => {
        await stepsTab.click();
        await expect(stepsTab).toHaveAttribute('aria-selected', 'true', { timeout: 1000 });
      }).toPass();

      // A time in the future is refused next to its field; nothing is ticked.
      const document = page.locator('[data-step="document"]');
      const stepLabel = fr ? 'Documenter dans le registre des violations (art. 33.5)' : 'Document in the breach log (Art. 33(5))';
      await document.getByLabel(fr ? `Faite le – ${stepLabel}` : `Done on – ${stepLabel}`).fill(typed(parisAgo(-3)));
      await document.getByRole('checkbox').click();
      await expect(document.getByRole('alert')).toHaveText(fr ? 'Cette heure est dans le futur\u00a0: indiquez quand cela a été fait, au plus tard maintenant.' : 'This time is in the future: give when it was done, now at the latest.');
      await expect(document.getByRole('checkbox')).not.toBeChecked();

      // Done three hours ago, ticked now: both times, in the incident's zone with its offset.
      const earlier = parisAgo(3);
      await document.getByLabel(fr ? `Faite le – ${stepLabel}` : `Done on – ${stepLabel}`).fill(typed(earlier));
      await document.getByRole('checkbox').check();
      const meta = document.getByTestId('step-meta');
      await expect(meta).toContainText(new RegExp(`${fr ? 'Faite le' : 'Done on'} .*${hhmm(earlier)} \\(UTC\\+0[12]:00\\) ${fr ? 'par' : 'by'} .* · ${fr ? 'enregistrée le' : 'recorded on'} .*\\(UTC\\+0[12]:00\\)`));
      await expect(document.getByRole('alert')).toHaveCount(0);

      // A journal entry about something that happened five hours ago.
      const happened = parisAgo(5);
      await page.getByLabel(fr ? 'Nouvelle entrée' : 'New entry').fill(fr ? 'Appel du client : enregistrements retrouvés sur un forum.' : 'Client called: recordings found on a forum.');
      await page.getByLabel(fr ? 'Survenu le (si plus tôt)' : 'Happened on (if earlier)').fill(typed(happened));
      await page.getByRole('button', { name: fr ? 'Ajouter au journal' : 'Add to the journal' }).click();
      const entry = page.getByTestId('journal').locator('li').filter({ hasText: fr ? 'enregistrements retrouvés' : 'recordings found' });
      await expect(entry).toContainText(new RegExp(`${hhmm(happened)} \\(UTC\\+0[12]:00\\) · .* · ${fr ? 'écrit le' : 'written on'} `));
      await page.getByTestId('steps').screenshot({ path: path.join(SHOTS, `${lang}-30-breach-performed-at.png`) });
      await page.getByTestId('journal').screenshot({ path: path.join(SHOTS, `${lang}-31-breach-journal.png`) });

      // The history shows both times of the tick.
      await page.getByRole('tab', { name: fr ? 'Historique' : 'History' }).click();
      const tick = page.locator('.history-entry').filter({ hasText: `${stepLabel} › ${fr ? 'Faite le' : 'Done on'}` }).first();
      await expect(tick).toContainText(`${stepLabel} › ${fr ? 'Faite le' : 'Done on'}`);
      await expect(tick).toContainText(`${stepLabel} › ${fr ? 'Cochée le' : 'Ticked on'}`);
      await expect(tick).toContainText(new RegExp(`${hhmm(earlier)} \\(UTC\\+0[12]:00\\)`));
      await tick.screenshot({ path: path.join(SHOTS, `${lang}-32-breach-history-both-times.png`) });
    });

    test(`an awareness time typed in the repeated autumn hour asks which one; the second counts (${lang})`, async ({ page, demoHarness }) => {
      await page.goto(`${demoHarness.url}#/breach/new`);
      await page.getByLabel(fr ? 'Intitulé' : 'Title').fill(fr ? 'Courriel envoyé au mauvais destinataire' : 'E-mail sent to the wrong recipient');
      await page.getByLabel(fr ? 'Fuseau horaire' : 'Time zone').selectOption('Europe/Paris');
      await page.getByLabel(fr ? 'Début de la violation' : 'Breach started', { exact: true }).fill(typed('2026-10-25T01:00'));
      await page.getByLabel(fr ? 'Découverte' : 'Discovered', { exact: true }).fill(typed('2026-10-25T01:40'));
      await expect(page.getByTestId('fold-awareAt')).toHaveCount(0);
      await page.getByLabel(fr ? 'Prise de connaissance (départ du délai de 72 h)' : 'Became aware (starts the 72-hour clock)', { exact: true }).fill(typed('2026-10-25T02:30'));
      const fold = page.getByTestId('fold-awareAt');
      await expect(fold).toContainText(fr ? 'Cette heure existe deux fois ce jour-là' : 'This time occurs twice that day');
      await expect(fold.getByLabel(fr ? 'UTC+02:00 (premier passage)' : 'UTC+02:00 (first)')).toBeChecked();
      await fold.getByLabel(fr ? 'UTC+01:00 (second passage)' : 'UTC+01:00 (second)').check();
      await fold.screenshot({ path: path.join(SHOTS, `${lang}-33-breach-repeated-hour.png`) });
      await page.getByLabel(fr ? 'Perte de la confidentialité' : 'Loss of confidentiality', { exact: true }).check();
      await page.getByLabel(fr ? 'Descriptif détaillé (comment c’est arrivé)' : 'Detailed description (how it happened)').fill(fr ? 'Fichier de paie joint par erreur.' : 'Payroll file attached by mistake.');
      await page.getByRole('button', { name: fr ? 'Enregistrer' : 'Save' }).click();
      await expect(page).toHaveURL(/#\/breach\/[0-9a-f-]{36}$/);

      // 72 hours from the second 02:30 (01:30 UTC): 28 October, 02:30 in winter time (UTC+01:00).
      const clock = page.getByTestId('clock-authority');
      await expect(clock).toContainText(/28 (oct\.|Oct) 2026, 02:30 \(Europe\/Paris, UTC\+01:00\)/);
      await page.reload();
      await expect(page.getByTestId('fold-awareAt').getByLabel(fr ? 'UTC+01:00 (second passage)' : 'UTC+01:00 (second)')).toBeChecked();
      await page.locator('.clocks').screenshot({ path: path.join(SHOTS, `${lang}-34-breach-clock-zone.png`) });
    });
  });
}
