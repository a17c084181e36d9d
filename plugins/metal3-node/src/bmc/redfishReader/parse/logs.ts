import type {
  BmcHealth,
  BmcLogEntryDto,
} from '@metal3-fleet/plugin-metal3-common';
import { text } from './text';

/** Entries newest first, at most `limit`; Message falls back to MessageId/EntryCode. */
export function parseLogEntries(
  entries: any[],
  limit: number,
): BmcLogEntryDto[] {
  return entries
    .map(e => {
      const severity = e?.Severity as BmcHealth | undefined;
      return {
        ...(text(e?.Id) && { id: text(e.Id) }),
        ...(text(e?.Created) && { created: text(e.Created) }),
        ...(['OK', 'Warning', 'Critical'].includes(String(severity)) && {
          severity,
        }),
        message:
          text(e?.Message) ??
          text(e?.MessageId) ??
          text(e?.EntryCode) ??
          '(no message)',
      };
    })
    .sort((a, b) => (b.created ?? '').localeCompare(a.created ?? ''))
    .slice(0, limit);
}

/** The log service to read: SEL first, then Event logs, then the first one. */
export function pickLogService(services: any[]): any | undefined {
  const byType = (type: string) =>
    services.find(s => s?.LogEntryType === type || s?.Id === type);
  return byType('SEL') ?? byType('Event') ?? services[0];
}
