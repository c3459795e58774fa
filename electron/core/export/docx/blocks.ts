import { AlignmentType, BorderStyle, Footer, Header, PageNumber, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, type ParagraphChild } from 'docx';
import { COLORS } from './styles';

/** A value of the document: plain text, several lines, or the visible "to be completed" mark. */
export type Value = string | ReadonlyArray<string> | { readonly toComplete: string };

/**
 * Word rejects characters outside the XML 1.0 range; anything else (accents, & < > " ', emoji)
 * the docx library escapes as it writes.
 */
export function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

function lines(text: string, style: string): Paragraph[] {
  return clean(text)
    .split(/\r?\n/)
    .map((line) => new Paragraph({ style, children: [new TextRun(line)] }));
}

export function valueParagraphs(value: Value, style = 'CellText'): Paragraph[] {
  if (typeof value === 'string') return lines(value, style);
  if ('toComplete' in value) return [new Paragraph({ style, children: [new TextRun({ text: value.toComplete, style: 'ToComplete' })] })];
  if (value.length === 0) return [new Paragraph({ style, children: [] })];
  return value.flatMap((v) => lines(`– ${v}`, style));
}

const border = { style: BorderStyle.SINGLE, size: 4, color: COLORS.line };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(children: Paragraph[], width: number, fill?: string): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    borders,
    margins: { top: 50, bottom: 50, left: 90, right: 90 },
    shading: fill ? { type: ShadingType.CLEAR, fill, color: 'auto' } : undefined,
  });
}

/** A label | value table, one row per field, rows never split across pages. */
export function fieldTable(rows: ReadonlyArray<readonly [string, Value]>, widths: readonly [number, number]): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: [...widths],
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [cell([new Paragraph({ style: 'CellLabel', children: [new TextRun(clean(label))] })], widths[0], COLORS.label), cell(valueParagraphs(value), widths[1])],
        }),
    ),
  });
}

/** A data table with a header row repeated on every page, rows never split across pages. */
export function dataTable(headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<Value>>, widths: ReadonlyArray<number>): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map((h, i) => cell([new Paragraph({ style: 'CellHead', children: [new TextRun(clean(h))] })], widths[i]!, COLORS.header)),
      }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(valueParagraphs(v), widths[i]!)) })),
    ],
  });
}

export function para(text: string, style?: string, extra: ParagraphChild[] = []): Paragraph {
  return new Paragraph({ style, children: [new TextRun(clean(text)), ...extra] });
}

/** The running header (a title line) and the "Page N of M" footer every document carries. */
export function headerFooter(title: string, pagePrefix: string, pageOf: string) {
  return {
    headers: { default: new Header({ children: [new Paragraph({ style: 'HeaderFooter', children: [new TextRun(clean(title))] })] }) },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            style: 'HeaderFooter',
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ children: [pagePrefix, PageNumber.CURRENT, pageOf, PageNumber.TOTAL_PAGES] })],
          }),
        ],
      }),
    },
  };
}
