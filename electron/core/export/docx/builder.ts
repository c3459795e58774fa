import type { Value } from './blocks';

export type HeadingOptions = Readonly<{ pageBreakBefore?: boolean }>;

/** A heading that goes in the contents, with the bookmark its PAGEREF field points to. */
export type TocEntry = Readonly<{ id: string; text: string; level: 1 | 2 }>;

/**
 * What the register's content is written through. Two implementations: docx objects (small
 * registers, laid out for Word's page numbers) and WordprocessingML text streamed into the file
 * (large registers, where the docx object model would need gigabytes).
 */
export interface ContentBuilder {
  /**
   * Only the contents' headings are wanted (the first pass of a streamed export): the records'
   * headings come from the register's index and their sections are not written at all.
   */
  readonly headingsOnly?: boolean;
  /** `pageBreakBefore`: the heading starts a new page (each record does). */
  heading(text: string, level: 1 | 2 | 3, options?: HeadingOptions): void;
  para(text: string, style?: string): void;
  fields(rows: ReadonlyArray<readonly [string, Value]>): void;
  /** `rows` may be produced as they are written (the summaries of a large register). */
  table(headers: ReadonlyArray<string>, rows: Iterable<ReadonlyArray<Value>>, widths: ReadonlyArray<number>): void;
}

/** Numbers the contents' bookmarks in document order, the same way for both builders. */
export class TocCollector {
  readonly entries: TocEntry[] = [];
  add(text: string, level: 1 | 2): string {
    const id = `_Toc${String(this.entries.length + 1).padStart(5, '0')}`;
    this.entries.push({ id, text, level });
    return id;
  }
}
