import { clean, type Value } from './blocks';
import type { ContentBuilder, HeadingOptions, TocCollector, TocEntry } from './builder';
import { COLORS, PORTRAIT_TEXT_WIDTH } from './styles';

const esc = (s: string) => clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const run = (text: string, style?: string) =>
  `<w:r>${style ? `<w:rPr><w:rStyle w:val="${style}"/></w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;

const p = (style: string | undefined, inner: string, pageBreakBefore = false) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/>${pageBreakBefore ? '<w:pageBreakBefore/>' : ''}</w:pPr>` : ''}${inner}</w:p>`;

function valueXml(value: Value, style: string): string {
  if (typeof value === 'string') return clean(value).split(/\r?\n/).map((l) => p(style, run(l))).join('');
  if ('toComplete' in value) return p(style, run(value.toComplete, 'ToComplete'));
  if (value.length === 0) return p(style, '');
  return value.map((v) => clean(`– ${v}`).split(/\r?\n/).map((l) => p(style, run(l))).join('')).join('');
}

const BORDER = `w:val="single" w:sz="4" w:space="0" w:color="${COLORS.line}"`;
const TABLE_PROPS = (width: number) =>
  `<w:tblPr><w:tblW w:w="${width}" w:type="dxa"/><w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/><w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="50" w:type="dxa"/><w:left w:w="90" w:type="dxa"/><w:bottom w:w="50" w:type="dxa"/><w:right w:w="90" w:type="dxa"/></w:tblCellMar></w:tblPr>`;

const cell = (inner: string, width: number, fill?: string) =>
  `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${fill}"/>` : ''}</w:tcPr>${inner}</w:tc>`;

/**
 * Writes the content as WordprocessingML into `sink` as it goes, a paragraph or a table at a
 * time, so a large register never sits in memory as one string. The pieces are handed over as
 * they are, never joined: joining strings that hold characters beyond Latin-1 (every French
 * text: « é », « – », « ’ ») into one took V8 ten times longer than encoding each piece (two thirds
 * of a 5,000-record export); the sink encodes each into its buffer (register-docx.ts).
 */
export class XmlBuilder implements ContentBuilder {
  private bookmarkId = 100_000;
  constructor(
    private readonly toc: TocCollector,
    private readonly fieldWidths: readonly [number, number],
    private readonly sink: (xml: string) => void,
  ) {}

  private push(s: string) {
    this.sink(s);
  }

  /** Closes the part with a paragraph, as Word requires after a table. */
  end(): void {
    this.push(p(undefined, ''));
  }

  heading(text: string, level: 1 | 2 | 3, options: HeadingOptions = {}): void {
    if (level === 3) return this.push(p('Heading3', run(text), options.pageBreakBefore));
    const id = this.toc.add(text, level);
    const n = this.bookmarkId++;
    this.push(p(`Heading${level}`, `<w:bookmarkStart w:id="${n}" w:name="${id}"/>${run(text)}<w:bookmarkEnd w:id="${n}"/>`, options.pageBreakBefore));
  }

  para(text: string, style?: string): void {
    this.push(clean(text).split(/\r?\n/).map((l) => p(style, run(l))).join(''));
  }

  fields(rows: ReadonlyArray<readonly [string, Value]>): void {
    const [a, b] = this.fieldWidths;
    let xml = `<w:tbl>${TABLE_PROPS(a + b)}<w:tblGrid><w:gridCol w:w="${a}"/><w:gridCol w:w="${b}"/></w:tblGrid>`;
    for (const [label, value] of rows) {
      xml += `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cell(p('CellLabel', run(label)), a, COLORS.label)}${cell(valueXml(value, 'CellText'), b)}</w:tr>`;
    }
    this.push(`${xml}</w:tbl>`);
  }

  table(headers: ReadonlyArray<string>, rows: Iterable<ReadonlyArray<Value>>, widths: ReadonlyArray<number>): void {
    const total = widths.reduce((x, y) => x + y, 0);
    let xml = `<w:tbl>${TABLE_PROPS(total)}<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
    xml += `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${headers.map((h, i) => cell(p('CellHead', run(h)), widths[i]!, COLORS.header)).join('')}</w:tr>`;
    this.push(xml);
    for (const r of rows) this.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>${r.map((v, i) => cell(valueXml(v, 'CellText'), widths[i]!)).join('')}</w:tr>`);
    this.push('</w:tbl>');
  }

}

/** Collects the headings only: the contents must be written before the body they list. */
export class HeadingsOnly implements ContentBuilder {
  readonly headingsOnly = true;
  constructor(private readonly toc: TocCollector) {}
  heading(text: string, level: 1 | 2 | 3): void {
    if (level !== 3) this.toc.add(text, level);
  }
  para(): void {}
  fields(): void {}
  // A table's rows hold no heading: a summary's rows (made from the records) are not even made.
  table(): void {}
}

/** The contents: one paragraph per heading, its text linked to the bookmark, then a PAGEREF field with no number written, for the application to compute. */
export function tocXml(entries: ReadonlyArray<TocEntry>): string {
  return entries
    .map(
      (e) =>
        `<w:p><w:pPr><w:pStyle w:val="TOC${e.level}"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${PORTRAIT_TEXT_WIDTH}"/></w:tabs></w:pPr>` +
        `<w:hyperlink w:anchor="${e.id}" w:history="1">${run(e.text)}</w:hyperlink><w:r><w:tab/></w:r>` +
        `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF ${e.id} \\h </w:instrText></w:r>` +
        `<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
    )
    .join('');
}

