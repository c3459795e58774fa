import { strFromU8, unzipSync } from 'fflate';

export type DocParagraph = Readonly<{ style: string; text: string; xml: string }>;

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The paragraphs of a .docx body as a reader sees them: style id and text, in order. */
export async function docxParagraphs(buffer: Buffer, part = 'word/document.xml'): Promise<DocParagraph[]> {
  const xml = strFromU8(unzipSync(buffer, { filter: (f) => f.name === part })[part]!);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => {
    const p = m[0];
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? '';
    const text = unescape([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    return { style, text, xml: p };
  });
}

export async function docxPart(buffer: Buffer, part: string): Promise<string> {
  return strFromU8(unzipSync(buffer, { filter: (f) => f.name === part })[part]!);
}

/** The paragraphs from a heading to the next heading of the same or a higher level. */
export function under(paragraphs: ReadonlyArray<DocParagraph>, headingText: string): DocParagraph[] {
  const start = paragraphs.findIndex((p) => /^Heading\d$/.test(p.style) && p.text === headingText);
  if (start < 0) throw new Error(`no heading "${headingText}"`);
  const level = Number(paragraphs[start]!.style.slice(-1));
  const end = paragraphs.findIndex((p, i) => i > start && /^Heading\d$/.test(p.style) && Number(p.style.slice(-1)) <= level);
  return paragraphs.slice(start + 1, end < 0 ? undefined : end);
}
