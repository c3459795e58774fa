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
