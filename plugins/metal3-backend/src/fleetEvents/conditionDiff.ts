import { FleetCondition, FleetEvent } from './types';

/**
 * The events between two sets of conditions of one subject or cluster,
 * compared by key: a condition that stays (even with another message, e.g.
 * BMO retrying with a new error text) is no event. Pure.
 */
export function diffConditions(
  before: Iterable<FleetCondition>,
  after: Iterable<FleetCondition>,
): FleetEvent[] {
  const old = new Map([...before].map(c => [c.key, c]));
  const now = new Map([...after].map(c => [c.key, c]));
  const events: FleetEvent[] = [];
  for (const [key, condition] of now) {
    if (!old.has(key)) events.push({ type: 'entered', condition });
  }
  for (const [key, condition] of old) {
    if (!now.has(key)) events.push({ type: 'cleared', condition });
  }
  return events;
}
