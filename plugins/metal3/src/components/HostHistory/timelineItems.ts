import type {
  EventDto,
  OperationDto,
} from '@metal3-fleet/plugin-metal3-common';

/** One line of the host timeline. */
export interface TimelineItem {
  key: string;
  /** Epoch ms the item happened (an operation's start, an event's last occurrence). */
  at: number;
  source: 'operation' | 'event';
  /** How it went: colours the marker. */
  tone: 'ok' | 'running' | 'warning' | 'error';
  title: string;
  detail: string;
}

const ACTION_LABELS: Record<string, string> = {
  'maintenance-on': 'Maintenance (cordon and drain)',
};

const OPERATION_TONES: Record<OperationDto['state'], TimelineItem['tone']> = {
  running: 'running',
  succeeded: 'ok',
  failed: 'error',
};

function operationOutcome(operation: OperationDto): string {
  if (operation.state === 'running') return 'running';
  if (operation.state === 'succeeded') return operation.result ?? 'succeeded';
  return operation.error ?? 'failed';
}

function operationItem(operation: OperationDto): TimelineItem {
  return {
    key: `operation:${operation.id}`,
    at: Date.parse(operation.startedAt),
    source: 'operation',
    tone: OPERATION_TONES[operation.state],
    title: ACTION_LABELS[operation.action] ?? operation.action,
    detail: operationOutcome(operation),
  };
}

function eventItem(event: EventDto, index: number): TimelineItem | undefined {
  const when = event.lastSeen ?? event.firstSeen;
  if (!when) return undefined;
  return {
    key: `event:${index}:${event.object}:${event.reason}`,
    at: Date.parse(when),
    source: 'event',
    tone: event.type === 'Warning' ? 'warning' : 'ok',
    title: `${event.reason} (${event.object})`,
    detail:
      event.count > 1
        ? `${event.message} — ${event.count} times`
        : event.message,
  };
}

/**
 * The host's operations and Kubernetes events of the window as one list,
 * newest first. Events without a time cannot be placed and are left out.
 */
export function timelineItems(
  operations: OperationDto[],
  events: EventDto[],
  sinceMs: number,
): TimelineItem[] {
  return [
    ...operations.map(operationItem),
    ...events
      .map(eventItem)
      .filter((item): item is TimelineItem => item !== undefined),
  ]
    .filter(item => item.at >= sinceMs)
    .sort((a, b) => b.at - a.at);
}
