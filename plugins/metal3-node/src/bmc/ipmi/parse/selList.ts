import type {
  BmcHealth,
  BmcLogEntryDto,
} from '@metal3-fleet/plugin-metal3-common';
import { lines, splitRow } from './keyValue';

/**
 * `sel elist` / `sel list` (and their `-c` CSV form): id | date | time |
 * sensor | event | Asserted/Deasserted [| detail]. ipmitool prints records
 * oldest first; the result is newest first, at most `max` entries.
 */
export function parseSelList(text: string, max = 50): BmcLogEntryDto[] {
  const entries: BmcLogEntryDto[] = [];
  for (const line of lines(text)) {
    const cells = splitRow(line);
    if (cells.length < 5 || !/^[0-9a-f]+$/i.test(cells[0])) continue;
    const [id, date, time, sensor, event, direction, ...detail] = cells;
    const entry: BmcLogEntryDto = {
      id,
      message: message(sensor, event, direction, detail.join(', ')),
    };
    const created = toTimestamp(date, time);
    if (created) entry.created = created;
    const severity = selSeverity(event, direction);
    if (severity) entry.severity = severity;
    entries.push(entry);
  }
  return entries.reverse().slice(0, Math.max(0, max));
}

function message(
  sensor: string,
  event: string,
  direction: string | undefined,
  detail: string,
): string {
  const what = [event, direction].filter(Boolean).join(', ');
  return `${sensor}: ${what}${detail ? ` (${detail})` : ''}`;
}

/**
 * SEL times as ISO 8601. ipmitool runs with TZ=UTC (see ipmitool.ts), so a
 * time without a zone is UTC. `Pre-Init` records were logged before the BMC
 * clock was set and have no date at all. Anything unrecognised is kept as
 * ipmitool wrote it rather than guessed.
 */
export function toTimestamp(date: string, time: string): string | undefined {
  if (/pre-init/i.test(date) || !date) return undefined;
  const d = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2}):(\d{2})(?:\s*([AP]M))?(?:\s+(\S+))?$/i.exec(
    time,
  );
  const zone = t?.[5]?.toUpperCase();
  if (!d || !t || (zone && zone !== 'UTC' && zone !== 'GMT')) {
    return `${date} ${time}`.trim();
  }
  let hours = Number(t[1]) % (t[4] ? 12 : 24);
  if (t[4]?.toUpperCase() === 'PM') hours += 12;
  const hh = String(hours).padStart(2, '0');
  return `${d[3]}-${d[1]}-${d[2]}T${hh}:${t[2]}:${t[3]}Z`;
}

/**
 * Severity from the event text: a deasserted event is a recovery; threshold
 * and failure events map like sensor states. Events that say nothing about
 * health (power off, button presses) get none.
 */
export function selSeverity(
  event: string,
  direction: string | undefined,
): BmcHealth | undefined {
  if (/^deasserted$/i.test(direction ?? '')) return 'OK';
  if (/non-critical|predictive|degraded|\bcorrectable/i.test(event)) {
    return 'Warning';
  }
  if (
    /critical|non-recoverable|uncorrectable|fail|fault|lost|error/i.test(event)
  ) {
    return 'Critical';
  }
  return undefined;
}
