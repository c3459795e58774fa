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
import zlib from 'node:zlib';
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
 * Writes the zip again into `sink`, with one part written piece by piece by `produce`: each
 * megabyte of XML is deflated by Node's zlib as it comes (twice as fast as fflate's JavaScript
 * deflate, which was a third of the export's time) and handed on at once. Where zlib.crc32 is
 * missing (a Node before 20.15), fflate's streaming Zip does the same.
 */
/** Bytes of XML deflated at once. */
const CHUNK = 1 << 20;

function zipWith(files: Record<string, Uint8Array>, name: string, sink: (bytes: Uint8Array) => void, produce: (write: (xml: string) => void) => void): void {
  if (typeof zlib.crc32 !== 'function') return fflateZipWith(files, name, sink, produce);
  const zip = new StreamedZip(sink);
  for (const [path, bytes] of Object.entries(files)) {
    if (path !== name) {
      zip.file(path, (push) => push(bytes));
      continue;
    }
    zip.file(path, (push) => {
      // Each piece of XML encoded straight into a megabyte buffer, never joined into one string (see XmlBuilder).
      const buffer = Buffer.allocUnsafe(CHUNK); // deflated synchronously: the same buffer serves again
      let used = 0;
      produce((xml) => {
        if (used + xml.length * 3 > CHUNK) {
          if (used > 0) push(buffer.subarray(0, used));
          used = 0;
          if (xml.length * 3 > CHUNK) return push(Buffer.from(xml, 'utf8'));
        }
        used += buffer.write(xml, used, 'utf8');
      });
      if (used > 0) push(buffer.subarray(0, used));
    });
  }
  zip.end();
}

/**
 * A zip written front to back (no seeking: each entry's sizes and CRC follow its data, in a data
 * descriptor, as ZIP allows), its entries deflated by zlib: each piece is deflated with a sync
 * flush (whole, byte-aligned deflate blocks that follow one another), the last with an empty final block.
 */
class StreamedZip {
  private offset = 0;
  private readonly entries: Array<{ name: Buffer; crc: number; compressed: number; size: number; offset: number }> = [];
  constructor(private readonly sink: (bytes: Uint8Array) => void) {}

  private out(bytes: Uint8Array) {
    if (bytes.length === 0) return;
    this.sink(bytes);
    this.offset += bytes.length;
  }

  file(path: string, write: (push: (bytes: Uint8Array) => void) => void): void {
    const name = Buffer.from(path, 'utf8');
    const offset = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0808, 6); // sizes in the data descriptor; UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(0, 10); // time 00:00
    header.writeUInt16LE(0x21, 12); // date 1980-01-01: the same bytes for the same document
    header.writeUInt16LE(name.length, 26);
    this.out(header);
    this.out(name);
    let crc = 0;
    let size = 0;
    let compressed = 0;
    write((bytes) => {
      crc = zlib.crc32(bytes, crc);
      size += bytes.length;
      const deflated = zlib.deflateRawSync(bytes, { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH });
      compressed += deflated.length;
      this.out(deflated);
    });
    const last = zlib.deflateRawSync(Buffer.alloc(0), { level: 6 });
    compressed += last.length;
    this.out(last);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    this.out(descriptor);
    this.entries.push({ name, crc: crc >>> 0, compressed, size, offset });
  }

  end(): void {
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4); // made by
      h.writeUInt16LE(20, 6); // needed
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(0, 12);
      h.writeUInt16LE(0x21, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      this.out(h);
      this.out(e.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.out(end);
  }
}

/** The same with fflate's streaming Zip (deflated in JavaScript). */
function fflateZipWith(files: Record<string, Uint8Array>, name: string, sink: (bytes: Uint8Array) => void, produce: (write: (xml: string) => void) => void): void {
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
