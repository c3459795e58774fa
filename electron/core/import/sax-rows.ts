import type { SaxesParser } from 'saxes';
import { ImportFileFailure } from './types';

/**
 * The streaming loop both spreadsheet readers end with (.ods content.xml, .xlsx worksheets):
 * the entry's text fed to saxes slice by slice as it is inflated, the rows the reader's
 * handlers have made (pushed to `ready`) handed on after each slice, at most `limit` of them,
 * and a stop as soon as the reader says it has what it wants (`done`). Broken XML, or an entry
 * that does not inflate, is one ImportFileFailure ('importUnreadable'), whichever format.
 * The parser's error handler is this driver's: the readers do not set one.
 */
export async function* saxRows<T>(parser: SaxesParser, chunks: Iterable<string>, ready: T[], limit: number, done: () => boolean = () => false): AsyncGenerator<T> {
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  let yielded = 0;
  try {
    for (const chunk of chunks) {
      parser.write(chunk);
      if (failed) throw new Error('xml');
      for (const r of ready.splice(0, ready.length)) {
        if (yielded >= limit) return;
        yielded++;
        yield r;
      }
      if (done() || yielded >= limit) return;
    }
    parser.close();
    if (failed) throw new Error('xml');
  } catch (e) {
    if (e instanceof ImportFileFailure) throw e;
    throw new ImportFileFailure({ key: 'importUnreadable' });
  }
  for (const r of ready) {
    if (yielded++ >= limit) return;
    yield r;
  }
}
