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

function operationItem(operation: OperationDto): TimelineItem {
  const label = ACTION_LABELS[operation.action] ?? operation.action;
  const outcome =
    operation.state === 'running'
      ? 'running'
      : operation.state === 'succeeded'
      ? operation.result ?? 'succeeded'
      : operation.error ?? 'failed';
  return {
    key: `operation:${operation.id}`,
    at: Date.parse(operation.startedAt),
    source: 'operation',
    tone:
      operation.state === 'running'
        ? 'running'
        : operation.state === 'succeeded'
        ? 'ok'
        : 'error',
    title: label,
    detail: outcome,
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
