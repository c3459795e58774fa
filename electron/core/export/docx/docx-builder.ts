import { Bookmark, HeadingLevel, Paragraph, TextRun, type FileChild } from 'docx';
import { clean, dataTable, fieldTable, para, type Value } from './blocks';
import type { ContentBuilder, HeadingOptions, TocCollector } from './builder';
import { PORTRAIT_TEXT_WIDTH } from './styles';

export const FIELD_WIDTHS = [2900, PORTRAIT_TEXT_WIDTH - 2900] as const;

/** The content as docx objects, headings bookmarked for the contents. */
export class DocxBuilder implements ContentBuilder {
  readonly children: FileChild[] = [];
  constructor(private readonly toc: TocCollector) {}
  heading(text: string, level: 1 | 2 | 3, options: HeadingOptions = {}): void {
    const headingLevel = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
    const run = new TextRun(clean(text));
    const child = level === 3 ? run : new Bookmark({ id: this.toc.add(text, level), children: [run] });
    this.children.push(new Paragraph({ heading: headingLevel, children: [child], ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}) }));
  }
  para(text: string, style?: string): void {
    this.children.push(para(text, style));
  }
  fields(rows: ReadonlyArray<readonly [string, Value]>): void {
    this.children.push(fieldTable(rows, FIELD_WIDTHS));
  }
  table(headers: ReadonlyArray<string>, rows: Iterable<ReadonlyArray<Value>>, widths: ReadonlyArray<number>): void {
    this.children.push(dataTable(headers, Array.from(rows), widths));
  }
}

