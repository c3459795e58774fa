import {
  Document,
  HeadingLevel,
  InternalHyperlink,
  LeaderType,
  Packer,
  PageBreak,
  PageOrientation,
  PageReference,
  Paragraph,
  SectionType,
  TabStopType,
  TextRun,
  type FileChild,
  type ISectionOptions,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import { Zip, ZipDeflate, strFromU8, strToU8, unzipSync } from 'fflate';
import { collectText } from '../../../../shared/domain/text';
import type { DocxExportModel } from '../model';
import { clean, headerFooter, para } from './blocks';
import { TocCollector } from './builder';
import { contactLines, context, writeBody, writeSummaries, type DocCtx } from './content';
import { A4, PORTRAIT_TEXT_WIDTH, STYLES } from './styles';
import { DocxBuilder, FIELD_WIDTHS } from './docx-builder';
import { HeadingsOnly, XmlBuilder, tocXml } from './xml-writer';

/** Records above which the document is streamed and Word computes its own page numbers (the layout estimate costs ~0.1 s a record). */
export const ESTIMATE_MAX_RECORDS = 50;

/** An unbroken run of characters this long (a pasted key or URL) makes the layout estimate crawl (10 s for 10,000). */
const LONG_WORD = /\S{300,}/;

function estimateForWord(m: DocxExportModel): boolean {
  if (m.controller.length + m.processor.length > ESTIMATE_MAX_RECORDS) return false;
  const records = [...m.controller, ...m.processor];
  return !records.some((r) => collectText(r.doc).some((text) => LONG_WORD.test(text)));
}

/**
 * Contents entries as docx objects: the heading's text linked to its bookmark, then a PAGEREF
 * field. LibreOffice computes the field from its own layout; Word shows the number the
 * estimator lays out as Word does.
 */
function tocParagraphs(toc: TocCollector): Paragraph[] {
  return toc.entries.map(
    (e) =>
      new Paragraph({
        style: `TOC${e.level}`,
        tabStops: [{ type: TabStopType.RIGHT, position: PORTRAIT_TEXT_WIDTH, leader: LeaderType.DOT }],
        children: [new InternalHyperlink({ anchor: e.id, children: [new TextRun(clean(e.text))] }), new TextRun('\t'), new PageReference(e.id)],
      }),
  );
}

function cover(c: DocCtx, contents: FileChild[]): FileChild[] {
  const org = c.m.organisation;
  const dpo = org.dpo;
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(c.t('export.title'))] }),
    para(c.t('export.subtitle'), 'CoverMuted'),
    para(c.t(`export.registers.${c.m.options.registers}`), 'CoverLine'),
    para(''),
    para(org.legalName || c.t('export.toComplete'), 'CoverLine'),
    para(contactLines([org.address, [org.postcode, org.city].filter(Boolean).join(' '), org.country]), 'CoverMuted'),
    para(''),
    para(c.t('export.dpoLine', { name: `${dpo.name || c.t('export.toComplete')}${dpo.email ? ` (${dpo.email})` : ''}` }), 'CoverLine'),
    para(''),
    para(c.t('export.asOf', { date: c.date(c.m.options.asOf) }), 'CoverLine'),
    para(c.t('export.version', { version: c.m.version }), 'CoverLine'),
    para(c.t('export.generated', { date: c.date(c.m.generatedAt) }), 'CoverMuted'),
    new Paragraph({ children: [new PageBreak()] }),
    para(c.t('export.toc'), 'TOCHeading'),
    ...contents,
  ];
}

function pageFrame(c: DocCtx) {
  const title = [c.m.organisation.legalName, c.t('export.title'), c.t('export.asOf', { date: c.date(c.m.options.asOf) })].filter(Boolean).join(' – ');
  return headerFooter(title, c.t('export.pagePrefix'), c.t('export.pageOf'));
}

function document(c: DocCtx, parts: { cover: FileChild[]; summary: FileChild[]; body: FileChild[] }, estimate: boolean): Document {
  const hf = pageFrame(c);
  const margin = { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin };
  const portrait = { page: { size: { width: A4.width, height: A4.height }, margin } };
  const landscape = { page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin } };
  const sections: ISectionOptions[] = [
    { properties: portrait, ...hf, children: parts.cover },
    { properties: { ...landscape, type: SectionType.NEXT_PAGE }, ...hf, children: parts.summary },
    { properties: { ...portrait, type: SectionType.NEXT_PAGE }, ...hf, children: parts.body },
  ];
  return new Document({
    creator: 'DPO Desk',
    title: c.t('export.title'),
    description: `${c.m.organisation.legalName} – ${c.t('export.asOf', { date: c.m.options.asOf })}`,
    styles: STYLES,
    ...(estimate ? { pageNumbers: estimatePageNumbersWith({ guess: true }) } : { features: { updateFields: true } }),
    sections,
  });
}

const marker = (name: string) => `\u27E6DPO:${name}\u27E7`;

/**
 * The yearly register as a .docx file. Up to ESTIMATE_MAX_RECORDS records it is built with docx
 * objects and Word's page numbers are laid out into it; above, the docx library writes the
 * shell (styles, sections, header, footer, cover) around three markers, and the contents,
 * summaries and records are streamed into word/document.xml in their place: 5,000 records
 * would otherwise need gigabytes. Word then updates the page fields when it opens the file.
 */
export async function buildRegisterDocx(m: DocxExportModel): Promise<Buffer> {
  const out: Uint8Array[] = [];
  await writeRegisterDocx(m, (bytes) => out.push(bytes));
  return Buffer.concat(out);
}

/**
 * The same document handed to `sink` as it is zipped, a piece at a time (the export writes the
 * pieces to a file): the register's records are read, written and deflated as they come.
 */
export async function writeRegisterDocx(m: DocxExportModel, sink: (bytes: Uint8Array) => void): Promise<void> {
  const c = context(m);
  const toc = new TocCollector();
  if (estimateForWord(m)) {
    const summary = new DocxBuilder(toc);
    writeSummaries(c, summary);
    const body = new DocxBuilder(toc);
    writeBody(c, body);
    sink(await Packer.toBuffer(document(c, { cover: cover(c, tocParagraphs(toc)), summary: summary.children, body: body.children }, true)));
    return;
  }

  // First pass: the headings, for the contents. Second pass, while zipping: the XML itself.
  writeSummaries(c, new HeadingsOnly(toc));
  writeBody(c, new HeadingsOnly(toc));
  const shell = await Packer.toBuffer(
    // Each marker is followed by an empty paragraph: the last paragraph of a section carries its section break.
    document(c, { cover: cover(c, [para(marker('toc')), para('')]), summary: [para(marker('summary')), para('')], body: [para(marker('body')), para('')] }, false),
  );
  const files = unzipSync(shell);
  const pieces = strFromU8(files['word/document.xml']!).split(/<w:p>(?:(?!<\/w:p>).)*?\u27E6DPO:(?:toc|summary|body)\u27E7(?:(?!<\/w:p>).)*?<\/w:p>/s);
  if (pieces.length !== 4) throw new Error('export: the document shell lost a marker');
  zipWith(files, 'word/document.xml', sink, (write) => {
    const again = new TocCollector(); // numbers the bookmarks exactly as the first pass did
    write(pieces[0]!);
    write(tocXml(toc.entries));
    write(pieces[1]!);
    const summary = new XmlBuilder(again, FIELD_WIDTHS, write);
    writeSummaries(c, summary);
    summary.end();
    write(pieces[2]!);
    const body = new XmlBuilder(again, FIELD_WIDTHS, write);
    writeBody(c, body);
    body.end();
    write(pieces[3]!);
  });
}

/**
 * Writes the zip again into `sink`, with one part written piece by piece by `produce` (fflate
 * deflates synchronously as it is given data, and hands each compressed piece on at once).
 */
function zipWith(files: Record<string, Uint8Array>, name: string, sink: (bytes: Uint8Array) => void, produce: (write: (xml: string) => void) => void): void {
  const zip = new Zip((err, data) => {
    if (err) throw err;
    sink(data);
  });
  for (const [path, bytes] of Object.entries(files)) {
    const entry = new ZipDeflate(path, { level: 6 });
    zip.add(entry);
    if (path !== name) {
      entry.push(bytes, true);
      continue;
    }
    produce((xml) => entry.push(strToU8(xml)));
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
}
