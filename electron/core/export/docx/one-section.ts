import { Document, Packer, PageOrientation, type FileChild } from 'docx';
import { headerFooter, para } from './blocks';
import { A4, STYLES } from './styles';

/**
 * A one-off document (breach notification, audit report, TIA…): one A4 section with the running
 * header (organisation – title) and "Page N of M", the title, the lines under it, then the content.
 */
export function packOneSection(p: Readonly<{
  organisation: string;
  title: string;
  /** Lines in grey under the title (subtitle, generation date). */
  lead: ReadonlyArray<string>;
  children: FileChild[];
  page: Readonly<{ prefix: string; of: string }>;
  landscape?: boolean;
}>): Promise<Buffer> {
  const margin = { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin };
  return Packer.toBuffer(
    new Document({
      creator: 'DPO Desk',
      title: p.title,
      styles: STYLES,
      sections: [
        {
          properties: { page: { size: { width: A4.width, height: A4.height, ...(p.landscape ? { orientation: PageOrientation.LANDSCAPE } : {}) }, margin } },
          ...headerFooter([p.organisation, p.title].filter(Boolean).join(' – '), p.page.prefix, p.page.of),
          children: [para(p.title, 'DocTitle'), ...p.lead.map((line) => para(line, 'CoverMuted')), ...p.children],
        },
      ],
    }),
  );
}
