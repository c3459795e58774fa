import { LineRuleType, AlignmentType, type IStylesOptions } from 'docx';

/** Page geometry (twentieths of a point): A4 with 2 cm margins. */
export const A4 = { width: 11906, height: 16838, margin: 1134 };
export const PORTRAIT_TEXT_WIDTH = A4.width - 2 * A4.margin; // 9638
export const LANDSCAPE_TEXT_WIDTH = A4.height - 2 * A4.margin; // 14570

export const COLORS = { accent: '1F4E8C', ink: '1D2330', muted: '5D6677', line: 'C9CFD9', header: 'E6EEF9', label: 'F4F5F7', bad: 'B3261E' };

/** Arial is what LibreOffice maps to Liberation Sans (same metrics), so Word and LibreOffice lay pages out alike. */
export const FONT = 'Arial';

/** Every style of the document, defined once. */
export const STYLES: IStylesOptions = {
  default: {
    document: { run: { font: FONT, size: 20, color: COLORS.ink }, paragraph: { spacing: { after: 60, line: 260 } } },
    heading1: { run: { font: FONT, size: 32, bold: true, color: COLORS.accent }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true, keepLines: true } },
    heading2: { run: { font: FONT, size: 26, bold: true, color: COLORS.accent }, paragraph: { spacing: { before: 280, after: 120 }, keepNext: true, keepLines: true } },
    heading3: { run: { font: FONT, size: 21, bold: true, color: COLORS.ink }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, keepLines: true } },
    title: { run: { font: FONT, size: 52, bold: true, color: COLORS.accent }, paragraph: { spacing: { before: 2400, after: 240 }, alignment: AlignmentType.LEFT } },
  },
  paragraphStyles: [
    // The title of a one-off document (breach notification, letter): may wrap on two lines.
    { id: 'DocTitle', name: 'Document title', basedOn: 'Normal', next: 'Normal', run: { size: 36, bold: true, color: COLORS.accent }, paragraph: { spacing: { before: 0, after: 160, line: 240, lineRule: LineRuleType.AUTO }, keepNext: true } },
    { id: 'CoverLine', name: 'Cover line', basedOn: 'Normal', run: { size: 26, color: COLORS.ink }, paragraph: { spacing: { after: 120 } } },
    { id: 'CoverMuted', name: 'Cover muted', basedOn: 'Normal', run: { size: 20, color: COLORS.muted }, paragraph: { spacing: { after: 80 } } },
    { id: 'CellText', name: 'Cell text', basedOn: 'Normal', run: { size: 18 }, paragraph: { spacing: { after: 20, line: 240 } } },
    { id: 'CellLabel', name: 'Cell label', basedOn: 'CellText', run: { bold: true, color: COLORS.muted } },
    { id: 'CellHead', name: 'Cell heading', basedOn: 'CellText', run: { bold: true, color: COLORS.accent } },
    { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', run: { size: 32, bold: true, color: COLORS.accent }, paragraph: { spacing: { before: 120, after: 200 } } },
    { id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal', run: { bold: true }, paragraph: { spacing: { before: 100, after: 40 } } },
    { id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal', paragraph: { indent: { left: 360 }, spacing: { after: 20 } } },
    { id: 'HeaderFooter', name: 'Header and footer', basedOn: 'Normal', run: { size: 16, color: COLORS.muted }, paragraph: { spacing: { after: 0 } } },
  ],
  characterStyles: [{ id: 'ToComplete', name: 'To be completed', basedOn: 'DefaultParagraphFont', run: { bold: true, color: COLORS.bad, highlight: 'yellow' } }],
};
