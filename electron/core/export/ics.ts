/**
 * The DPO's dated obligations as an iCalendar file (RFC 5545), so that their own calendar reminds
 * them without a server (issue 16). One VEVENT per obligation, its UID stable across exports and
 * its SEQUENCE the item's last change: importing a newer file updates the events instead of
 * duplicating them. Whole days are DATE events; breach clocks are UTC instants.
 */
import type { Language } from '../../../shared/domain/enums';
import { obligationTitle, type Obligation } from '../../../shared/domain/obligations';
import { translate } from '../../../shared/i18n';

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT values. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF then a space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // a continuation line starts with one space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const basicDate = (day: string) => day.replace(/-/g, '');
const basicUtc = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function event(o: Obligation, lang: Language, stamp: string): string[] {
  const title = obligationTitle(lang, o);
  const kind = translate(lang, `obligation.kind.${o.kind}`);
  const description = [translate(lang, 'obligation.calendar.reference', { ref: o.ref }), translate(lang, 'obligation.calendar.kind', { kind })].join('\n');
  const when = o.allDay
    ? [`DTSTART;VALUE=DATE:${basicDate(o.due)}`, `DTEND;VALUE=DATE:${basicDate(nextDay(o.due))}`]
    : [`DTSTART:${basicUtc(o.due)}`, 'DURATION:PT15M'];
  // A day's item: reminded the day before; a breach clock: 6 hours before (the desktop app's own alert threshold) and 1 hour before.
  const alarms = (o.allDay ? ['-P1D'] : ['-PT6H', '-PT1H']).flatMap((trigger) => ['BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER:${trigger}`, `DESCRIPTION:${escapeText(title)}`, 'END:VALARM']);
  return [
    'BEGIN:VEVENT',
    `UID:${o.uid}`,
    `DTSTAMP:${stamp}`,
    `SEQUENCE:${o.sequence}`,
    ...when,
    `SUMMARY:${escapeText(title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `CATEGORIES:${escapeText(kind)}`,
    'TRANSP:TRANSPARENT',
    'STATUS:CONFIRMED',
    ...alarms,
    'END:VEVENT',
  ];
}

/** The calendar file's text (CRLF line ends, folded lines). `now` is the core's clock: DTSTAMP. */
export function writeCalendar(obligations: ReadonlyArray<Obligation>, lang: Language, now: Date): string {
  const stamp = basicUtc(now.toISOString());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//DPO Desk//DPO Desk//${lang.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(translate(lang, 'obligation.calendar.name'))}`,
    ...obligations.flatMap((o) => event(o, lang, stamp)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
