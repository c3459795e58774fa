import type { Locator, Page } from '@playwright/test';

/**
 * Counts what a user does (issue 16, "Done when": the effort of the three everyday tasks counted
 * before and after). One action is one click, one field filled (typed or pasted), one choice in a
 * drop-down, one box ticked, or one key pressed for a shortcut; what the test only reads or waits
 * for is not counted, nor is opening the app.
 */
export class Effort {
  count = 0;
  /** Characters typed into fields (a second measure: a "Now" click types none, a date typed 10 to 16). */
  typed = 0;
  readonly steps: string[] = [];
  constructor(private readonly page: Page) {}

  private note(what: string) {
    this.count++;
    this.steps.push(what);
  }
  async click(target: Locator, what = 'click') {
    this.note(what);
    await target.click();
  }
  /** `keystrokes`: the keys a user types for `value` when they differ from its length (a native date input takes the digits only). */
  async fill(target: Locator, value: string, what = 'fill', keystrokes = [...value].length) {
    this.note(what);
    this.typed += keystrokes;
    await target.fill(value);
  }
  async choose(target: Locator, option: string | { index: number } | { label: string }, what = 'choose') {
    this.note(what);
    await target.selectOption(option);
  }
  async check(target: Locator, what = 'tick') {
    this.note(what);
    await target.check();
  }
  async press(key: string, what = key) {
    this.note(what);
    await this.page.keyboard.press(key);
  }
  /** The counts printed for the README's table. */
  report(task: string): string {
    return `EFFORT ${task}: ${this.count} actions, ${this.typed} characters typed\n  ${this.steps.join('\n  ')}`;
  }
}

/** A row of a list field of a form (its own add button, not that of a list nested in its rows), added by one click. */
export async function addRow(effort: Effort, page: Page, name: string): Promise<Locator> {
  const block = page.locator(`fieldset[data-field="${name}"]`);
  await effort.click(block.locator(':scope > button').last(), `add a row to ${name}`);
  return block.locator(':scope > .array-item').last();
}

/**
 * The new record's form filled the same way in both counts (test/e2e/effort.spec.ts now,
 * test/effort-before/effort-before.spec.ts before issue 16): an active record with every required
 * field, each field an action counted.
 */
export async function fillBadgesRecord(e: Effort, page: Page): Promise<void> {
  await e.fill(page.getByLabel('Nom du traitement', { exact: true }), 'Badges d’accès aux locaux');
  await e.choose(page.getByLabel('Statut', { exact: true }), 'active', 'status: active');
  await e.fill(page.getByLabel('Finalité principale', { exact: true }), 'Contrôler l’accès aux locaux');
  const basis = page.locator('fieldset[data-field="purposes.0.bases"] > .array-item').first();
  await e.choose(basis.getByLabel('Base légale', { exact: true }), 'CONTRACT', 'legal basis');
  await e.fill(basis.getByLabel('Le contrat ou les mesures précontractuelles', { exact: true }), 'Contrat de travail');
  const subject = await addRow(e, page, 'dataSubjects');
  await e.choose(subject.getByLabel('Catégorie', { exact: true }), { index: 1 }, 'data subjects: category');
  const data = await addRow(e, page, 'dataCategories');
  await e.choose(data.getByLabel('Catégorie', { exact: true }), { index: 1 }, 'data: category');
  await e.fill(data.getByLabel('Durée', { exact: true }), '3', 'data: retention');
  const recipient = await addRow(e, page, 'recipients');
  await e.choose(recipient.getByLabel('Type', { exact: true }), 'INTERNAL', 'recipient: type');
  const measure = await addRow(e, page, 'securityMeasures');
  await e.choose(measure.getByLabel('Type', { exact: true }), { index: 1 }, 'security: type');
  await e.choose(page.getByLabel('AIPD nécessaire', { exact: true }), 'no', 'DPIA needed: no');
}
